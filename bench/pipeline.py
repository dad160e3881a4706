"""Upload-to-ready latency and worker throughput of the auto-fill job, on a real worker and Redis.

    .venv/bin/python bench/pipeline.py [--rounds 10] [--burst 120]

Latency: one worker (prefork, concurrency 1); each of the four shared statements is
uploaded through the service ``--rounds`` times (each time to a fresh vendor, so it is a
new statement and a new assessment), and the clock runs from the call to
``statement_add_upload`` until the statement reads ``done``. Prints p50 and p95.
Throughput: ``--burst`` statements enqueued at once, statements per minute until all are
done, with one worker and then with two (each concurrency 1), side by side: how far adding
a worker (on this host or another) scales. Target (issue 4): p50 under 1 s.

Uses its own database (``BENCH_DATABASE_URL``, default ``vr_pipeline_bench``, recreated on
each run) and its own broker keys (``BENCH_BROKER_URL``, default Redis db 14, under the key
prefix ``BENCH_BROKER_KEY_PREFIX``; only keys with that prefix are deleted).
The statements are read from ../shared/policies, never copied into the repository.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_POLICIES = REPO.parent / "shared" / "policies"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vr_pipeline_bench")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
BROKER_KEY_PREFIX = os.environ.get("BENCH_BROKER_KEY_PREFIX", f"vendorrisk-bench-{os.getpid()}:")
POLL_SECONDS = 0.005

os.environ.update(
    DATABASE_URL=DATABASE_URL,
    CELERY_BROKER_URL=BROKER_URL,
    CELERY_BROKER_KEY_PREFIX=BROKER_KEY_PREFIX,
    CELERY_TASK_ALWAYS_EAGER="false",
    DJANGO_SETTINGS_MODULE="vendorrisk.settings",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef"),
    DJANGO_MEDIA_ROOT=os.environ.get("DJANGO_MEDIA_ROOT", "/tmp/vendorrisk-bench-media"),
    DJANGO_LOG_LEVEL="WARNING",
)
sys.path.insert(0, str(REPO))
from benchdb import recreate_database  # noqa: E402  (bench/ is the script's own folder)


def delete_broker_keys() -> None:
    import redis

    client = redis.Redis.from_url(BROKER_URL)
    keys = list(client.scan_iter(match=f"{BROKER_KEY_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)


def start_workers(count: int) -> list[subprocess.Popen]:
    from vendorrisk.celery import app

    workers, names = [], []
    for _ in range(count):
        name = f"bench-{uuid.uuid4().hex[:6]}@localhost"
        command = [str(Path(sys.executable).with_name("celery")), "-A", "vendorrisk", "worker", "-n", name]
        command += ["--pool=prefork", "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
        # The banner and logs would drown the figures; errors still reach stderr.
        workers.append(subprocess.Popen(command, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL))
        names.append(name)
    deadline = time.monotonic() + 60
    while len(app.control.ping(destination=names, timeout=0.5)) < count:
        if time.monotonic() > deadline:
            raise SystemExit("The workers did not answer a ping within 60 s.")
    return workers


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=30)


def bench_user():
    from django.contrib.auth.models import Group, User

    from assessments.roles import Role

    user, _ = User.objects.get_or_create(username="bench")
    user.groups.add(Group.objects.get(name=Role.REQUESTER))
    return user


def new_vendor(user):
    from assessments.services.vendors import vendor_create

    return vendor_create(actor=user, name=f"Bench {uuid.uuid4().hex[:10]}", business_owner=user)


def upload(user, vendor, name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from policies.services import statement_add_upload

    return statement_add_upload(vendor=vendor, actor=user, upload=SimpleUploadedFile(name, content))


def wait_done(statement_ids: list[int], timeout: float = 300) -> None:
    from policies.models import Statement

    deadline = time.monotonic() + timeout
    pending = set(statement_ids)
    while pending:
        finished = Statement.objects.filter(pk__in=pending, status__in=["done", "failed"])
        for pk, status, error in finished.values_list("pk", "status", "error"):
            if status == "failed":
                raise SystemExit(f"Statement {pk} failed: {error}")
            pending.discard(pk)
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(pending)} statements not done after {timeout} s.")
        time.sleep(POLL_SECONDS)


def latency(user, statements: dict[str, bytes], rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(rounds):
        for name, content in statements.items():
            vendor = new_vendor(user)  # a fresh vendor: a new statement and a new assessment each time
            started = time.perf_counter()
            statement = upload(user, vendor, name, content)
            wait_done([statement.pk])
            timings[name].append(time.perf_counter() - started)
    return timings


def throughput(user, statements: dict[str, bytes], burst: int) -> float:
    items = list(statements.items())
    vendors = [new_vendor(user) for _ in range(burst)]
    started = time.perf_counter()
    ids = [upload(user, vendor, *items[i % len(items)]).pk for i, vendor in enumerate(vendors)]
    wait_done(ids)
    return burst / (time.perf_counter() - started) * 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="uploads of each statement for the latency figures")
    parser.add_argument("--burst", type=int, default=120, help="statements enqueued at once for the throughput")
    args = parser.parse_args()
    statements = {path.name: path.read_bytes() for path in sorted(SHARED_POLICIES.glob("*.txt"))}
    if not statements:
        raise SystemExit(f"No statements in {SHARED_POLICIES}.")

    recreate_database(DATABASE_URL)
    import django

    django.setup()
    delete_broker_keys()
    user = bench_user()

    workers = start_workers(1)
    try:
        latency(user, statements, 1)  # warm-up: imports, connections, first queries
        timings = latency(user, statements, args.rounds)
    finally:
        stop_workers(workers)
    everything = [t for values in timings.values() for t in values]
    print(f"Upload to ready, one worker, {len(everything)} uploads of {len(statements)} statements:")
    for name, values in timings.items():
        size, median, most = len(statements[name]) / 1024, statistics.median(values) * 1000, max(values) * 1000
        print(f"  {name:18} {size:6.1f} KB  p50 {median:6.0f} ms  max {most:6.0f} ms")
    p50, p95 = statistics.median(everything), percentile(everything, 0.95)
    print(f"  all                          p50 {p50 * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  (target p50 < 1000 ms)")

    rates = {}
    for count in (1, 2):
        workers = start_workers(count)
        try:
            rates[count] = throughput(user, statements, args.burst)
        finally:
            stop_workers(workers)
    print(f"Throughput, {args.burst} statements enqueued at once (workers of concurrency 1):")
    print(f"  1 worker   {rates[1]:6.0f} statements/minute")
    print(f"  2 workers  {rates[2]:6.0f} statements/minute  ({rates[2] / rates[1]:.2f}x)")
    delete_broker_keys()

if __name__ == "__main__":
    main()
