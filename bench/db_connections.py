"""What a request pays for its database connection: a new one each time, or a kept one checked first.

    .venv/bin/python bench/db_connections.py [--requests 500]

Simulates requests in-process (Django's request_started / request_finished signals around one
small query) against DATABASE_URL, with CONN_MAX_AGE=0 (connect every request), a kept
connection (CONN_MAX_AGE=60) without and with CONN_HEALTH_CHECKS, and prints the mean cost
per request. The app uses a kept connection with health checks: see README, "Recovery".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorrisk.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import connection  # noqa: E402

CONFIGS = [
    ("CONN_MAX_AGE=0 (new connection per request)", 0, False),
    ("CONN_MAX_AGE=60, no health checks", 60, False),
    ("CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True", 60, True),
]


def one_request() -> float:
    started = time.perf_counter()
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    request_finished.send(sender=None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    for label, max_age, health_checks in CONFIGS:
        connection.close()
        connection.settings_dict.update(CONN_MAX_AGE=max_age, CONN_HEALTH_CHECKS=health_checks)
        one_request()  # warm-up
        timings = [one_request() for _ in range(args.requests)]
        mean, p50 = statistics.mean(timings) * 1000, statistics.median(timings) * 1000
        print(f"{label:46} mean {mean:6.2f} ms  p50 {p50:6.2f} ms")
    connection.close()


if __name__ == "__main__":
    main()
