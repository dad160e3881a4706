"""In-process page times at portfolio scale: 10,000 vendors, each with an assessment of 35 answers.

    .venv/bin/python bench/pages.py [--vendors 10000] [--runs 30] [--keep]

Builds its own database (``BENCH_PAGES_DATABASE_URL``, default ``vr_pages_bench``; recreated
unless ``--keep`` finds it filled), then times each page through Django's test client as a
reviewer (who sees the whole portfolio) and prints p50 / p95 and the number of queries: the
dashboard, the vendor list (first page, a search, a tier filter, page 200), a vendor page and
an assessment page with every answer reviewed. Target (issue 17): p95 <= 100 ms per page and
query counts that do not change with --vendors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vr_pages_bench")
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    DJANGO_SETTINGS_MODULE="vendorrisk.settings",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef"),
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
    DJANGO_MANIFEST_STATIC="false",
    CELERY_TASK_ALWAYS_EAGER="true",
    DJANGO_LOG_LEVEL="WARNING",
)
sys.path.insert(0, str(REPO))
from benchdb import recreate_database  # noqa: E402  (bench/ is the script's own folder)

TIERS = ["low", "medium", "high", "critical"]
STATUSES = ["draft", "in_review", "approved", "changes_requested"]


def populate(count: int) -> None:
    """``count`` vendors, each with a statement and an assessment of 35 reviewed answers."""
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from assessments.models import Answer, Assessment, AuditEvent, QuestionnaireTemplate, Vendor
    from assessments.roles import Role
    from policies.models import Statement

    owners = [User.objects.create(username=f"owner{n}", first_name=f"Owner {n}") for n in range(20)]
    reviewer = User.objects.create(username="bench-reviewer", first_name="Rev")
    reviewer.groups.add(Group.objects.get(name=Role.REVIEWER))
    template = QuestionnaireTemplate.objects.get(is_default=True)
    questions = list(template.questions.all())
    batch = 500
    for start in range(0, count, batch):
        with transaction.atomic():
            vendors = Vendor.objects.bulk_create(
                Vendor(name=f"Vendor {n:05d}", service="Help desk", website=f"https://v{n}.example.test",
                       business_owner=owners[n % 20], created_by=owners[n % 20])
                for n in range(start, min(start + batch, count))
            )  # fmt: skip
            statements = Statement.objects.bulk_create(
                Statement(vendor=v, version=1, source="paste", sha256=f"{v.pk:064x}", status="done", progress=100,
                          extracted_text="We collect e-mail addresses. " * 40, created_by=v.created_by)
                for v in vendors
            )  # fmt: skip
            assessments = Assessment.objects.bulk_create(
                Assessment(vendor=v, template=template, statement=s, created_by=v.created_by,
                           status=STATUSES[v.pk % 4], risk_tier=TIERS[v.pk % 4], risk_score=v.pk % 60)
                for v, s in zip(vendors, statements, strict=True)
            )  # fmt: skip
            Answer.objects.bulk_create(
                Answer(assessment=a, question=q, value="not_stated", auto_value="not_stated", review="accepted",
                       reviewed_by=owners[(a.pk + q.pk) % 20])
                for a in assessments for q in questions
            )  # fmt: skip
            AuditEvent.objects.bulk_create(
                AuditEvent(vendor=v, assessment=a, kind="job_done", message="Statement v1 read.")
                for v, a in zip(vendors, assessments, strict=True)
            )  # fmt: skip
        print(f"  {min(start + batch, count)} vendors", end="\r", flush=True)
    print()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def time_page(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled, caches filled
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    ordered = sorted(timings)
    return statistics.median(timings), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the database if it already holds the vendors")
    args = parser.parse_args()
    import django

    if not args.keep:
        recreate_database(DATABASE_URL)
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from assessments.models import Assessment, Vendor

    if Vendor.objects.count() != args.vendors:
        if args.keep:
            raise SystemExit("--keep: the database does not hold --vendors vendors; run without --keep.")
        print(f"Creating {args.vendors} vendors with 35 answers each ...")
        populate(args.vendors)
    client = Client()
    client.force_login(User.objects.get(username="bench-reviewer"))
    vendor = Vendor.objects.order_by("name")[args.vendors // 2]
    assessment = Assessment.objects.get(vendor=vendor)
    pages = {
        "dashboard": "/",
        "vendor list, first page": "/vendors/",
        "vendor list, search": "/vendors/?q=Vendor%200042",
        "vendor list, tier filter": "/vendors/?tier=critical",
        "vendor list, page 200": "/vendors/?page=200",
        "vendor page": f"/vendors/{vendor.pk}/",
        "assessment page (35 reviewed)": f"/assessments/{assessment.pk}/",
    }
    print(f"{args.vendors} vendors, {args.runs} runs per page, in-process (target p95 <= 100 ms):")
    for label, url in pages.items():
        p50, p95, count = time_page(client, url, args.runs)
        print(f"  {label:32} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  {count:3d} queries")


if __name__ == "__main__":
    main()
