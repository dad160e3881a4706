"""Monitoring as a service, driven with an injected ``now``: a URL document fetched again on its
schedule against a server of the test's own on 127.0.0.1."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from assessments.models import Assessment, AuditEvent
from policies.models import MonitoredDocument, Statement, VendorMonitoring
from policies.monitoring import (
    CLAIM_LEASE,
    Outcome,
    monitored_document_check,
    monitoring_claim_due,
    retry_delay,
    vendor_monitoring_pause,
    vendor_monitoring_resume,
    vendor_monitoring_set_interval,
)
from policies.processing import statement_process
from policies.services import statement_add_text, statement_add_url
from tests.factories import UserFactory
from tests.policies.monitor_server import page_server

pytestmark = pytest.mark.django_db

FIRST = b"""# How Brightline Desk handles your data

## What we collect
We collect the name and e-mail address of each person who opens a ticket.
We keep ticket attachments for 30 days after the ticket is closed.

## Who we share it with
We do not sell personal data to anyone.
Our hosting provider stores tickets in data centres in Ireland.
"""
# A realistic revision: a longer retention period and a new AI feature, the rest as it was.
SECOND = FIRST.replace(b"for 30 days", b"for 90 days") + (
    b"\n## New features\nWe use a machine learning model to suggest replies to tickets.\n"
)


@pytest.fixture
def server(settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.STATEMENT_FETCH_TIMEOUT_SECONDS = 2
    settings.DOCUMENT_MONITOR_DEFAULT_DAYS = 7
    settings.DOCUMENT_MONITOR_RETRY_MINUTES = 30
    settings.DOCUMENT_MONITOR_RETRY_MAX_HOURS = 24
    with page_server() as served:
        served.serve("/privacy.txt", FIRST)
        yield served


@pytest.fixture
def watched(server, requester, vendor) -> MonitoredDocument:
    """Version 1 added from the URL and read; its monitoring row."""
    statement = statement_add_url(vendor=vendor, actor=requester, url=server.url("/privacy.txt"))
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    return MonitoredDocument.objects.get(vendor=vendor)


def check(monitored: MonitoredDocument, now) -> Outcome:
    """What the beat does at ``now``: claim what is due, then check it."""
    claimed = monitoring_claim_due(now=now)
    assert monitored.pk in claimed, "the document was not due"
    outcome = monitored_document_check(monitored_id=monitored.pk, now=now)
    monitored.refresh_from_db()
    return outcome


def a_week_after(monitored: MonitoredDocument):
    return monitored.next_check_at + timedelta(minutes=1)


def test_a_url_version_is_watched_from_when_it_is_added_and_a_file_version_stops_it(watched, requester, vendor):
    assert watched.kind_id == "privacy_statement" and watched.url.endswith("/privacy.txt")
    assert watched.next_check_at - watched.created_at == pytest.approx(timedelta(days=7), abs=timedelta(seconds=5))
    assert monitoring_claim_due(now=watched.next_check_at - timedelta(minutes=1)) == []

    statement_add_text(vendor=vendor, actor=requester, text="We collect nothing at all, not even e-mail addresses.")
    assert not MonitoredDocument.objects.exists()  # the newest version no longer comes from the URL


def test_unchanged_content_only_moves_checked_at(watched, server):
    events, now = AuditEvent.objects.count(), a_week_after(watched)
    assert check(watched, now) == Outcome.UNCHANGED
    assert (watched.checked_at, watched.next_check_at, watched.failures) == (now, now + timedelta(days=7), 0)
    assert Statement.objects.count() == 1 and AuditEvent.objects.count() == events and not mail.outbox
    assert server.hits["/privacy.txt"] == 2  # the job's fetch, then the check's


def test_markup_that_reads_the_same_is_not_a_new_version(watched, server):
    server.serve("/privacy.txt", FIRST.replace(b"\n\n", b"\n\n\n").replace(b"## Who", b"##   Who"))
    assert check(watched, a_week_after(watched)) == Outcome.UNCHANGED
    assert Statement.objects.count() == 1


def test_changed_content_is_a_new_version_read_like_any_and_mailed(
    watched, server, requester, reviewer, vendor, django_capture_on_commit_callbacks
):
    UserFactory(username="rhea", email="", roles=["Reviewer"])  # no address: left out
    first = Assessment.objects.get(vendor=vendor)
    Assessment.objects.filter(pk=first.pk).update(status="approved")  # decided: the change starts a reassessment
    server.serve("/privacy.txt", SECOND)
    now = a_week_after(watched)

    with mock.patch("policies.tasks.process_statement.delay") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            assert check(watched, now) == Outcome.CHANGED
    new = Statement.objects.get(version=2)
    queued.assert_called_once_with(new.pk)
    assert (new.source, new.source_url, new.kind_id) == ("url", watched.url, "privacy_statement")
    assert new.created_by == requester  # who added the URL
    assert (watched.checked_at, watched.changed_at, watched.last_sha256) == (now, now, new.sha256)
    added = AuditEvent.objects.get(kind="statement_added", data__statement=new.pk)
    assert added.actor is None and added.message.startswith("Monitoring found a changed privacy statement at http")

    [message] = mail.outbox
    assert sorted(message.to) == sorted([requester.email, reviewer.email])
    assert message.subject == "[vendorrisk] Acme Help Desk: the privacy statement changed (v2)"
    assert "Compared with v1: 2 sentences changed in 2 sections." in message.body
    assert f"/statements/{new.pk}/" in message.body

    statement_process(statement_id=new.pk)  # what the queued job does
    new.refresh_from_db()
    assert new.status == "done", new.error
    reassessment = Assessment.objects.get(previous=first)
    assert reassessment.statement == new and reassessment.status == "draft"


def test_a_page_that_goes_back_to_an_earlier_version_adds_nothing(watched, server, vendor):
    server.serve("/privacy.txt", SECOND)
    with mock.patch("policies.tasks.process_statement.delay"):
        assert check(watched, a_week_after(watched)) == Outcome.CHANGED
    statement_process(statement_id=Statement.objects.get(version=2).pk)
    server.serve("/privacy.txt", FIRST)
    assert check(watched, a_week_after(watched)) == Outcome.SAME_AS_EARLIER
    assert Statement.objects.count() == 2
    assert "now serves what privacy statement v1 held" in AuditEvent.objects.filter(kind="monitoring").get().message
    assert check(watched, a_week_after(watched)) == Outcome.UNCHANGED  # said once, not every week
    assert AuditEvent.objects.filter(kind="monitoring").count() == 1


def test_a_failing_server_is_recorded_and_retried_with_a_capped_backoff(watched, server):
    server.fail("/privacy.txt", 503)
    now = a_week_after(watched)
    assert check(watched, now) == Outcome.FAILED
    assert watched.failures == 1 and "HTTP 503" in watched.last_error and watched.failed_at == now
    assert watched.next_check_at == now + timedelta(minutes=30)

    later = watched.next_check_at
    assert check(watched, later) == Outcome.FAILED
    assert watched.failures == 2 and watched.next_check_at == later + timedelta(minutes=60)
    assert Statement.objects.count() == 1
    [event] = AuditEvent.objects.filter(kind="monitoring")  # the first failure of the run, not each
    assert "HTTP 503" in event.message and "Next attempt" in event.message

    server.serve("/privacy.txt", FIRST)
    assert check(watched, watched.next_check_at) == Outcome.UNCHANGED
    assert (watched.failures, watched.last_error) == (0, "")
    assert "fetched again after 2 failed attempts" in AuditEvent.objects.filter(kind="monitoring").first().message


def test_the_backoff_doubles_and_stops_at_its_cap_and_the_interval(settings):
    settings.DOCUMENT_MONITOR_RETRY_MINUTES, settings.DOCUMENT_MONITOR_RETRY_MAX_HOURS = 30, 24
    week = timedelta(days=7)
    assert [retry_delay(n, week) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (30, 60, 120)]
    assert retry_delay(6, week) == timedelta(hours=16) and retry_delay(7, week) == timedelta(hours=24)
    assert retry_delay(500, week) == timedelta(hours=24)
    assert retry_delay(9, timedelta(hours=2)) == timedelta(hours=2)  # never later than the regular check


def test_the_guard_still_refuses_a_private_address(watched, server, settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["localhost"]  # the server is allowed by name, not by address
    assert check(watched, a_week_after(watched)) == Outcome.FAILED
    assert "127.0.0.1 is a loopback address" in watched.last_error
    assert server.hits["/privacy.txt"] == 1 and Statement.objects.count() == 1


def test_a_paused_vendor_is_skipped_until_resumed(watched, server, requester, vendor):
    now = a_week_after(watched)
    vendor_monitoring_pause(vendor=vendor, actor=requester, now=now)
    assert monitoring_claim_due(now=now) == []
    vendor_monitoring_resume(vendor=vendor, actor=requester)
    assert monitoring_claim_due(now=now) == [watched.pk]
    messages = list(AuditEvent.objects.filter(kind="monitoring", actor=requester).values_list("message", flat=True))
    assert messages == [f"{verb} monitoring of Acme Help Desk's documents." for verb in ("Resumed", "Paused")]


def test_a_vendor_paused_after_the_sweep_is_not_fetched(watched, server, requester, vendor):
    now = a_week_after(watched)
    assert monitoring_claim_due(now=now) == [watched.pk]
    vendor_monitoring_pause(vendor=vendor, actor=requester)
    assert monitored_document_check(monitored_id=watched.pk, now=now) == Outcome.PAUSED
    assert server.hits["/privacy.txt"] == 1


def test_a_claimed_document_is_checked_once_and_not_claimed_again_within_the_lease(watched, server):
    now = a_week_after(watched)
    assert monitoring_claim_due(now=now) == [watched.pk]
    assert monitoring_claim_due(now=now + CLAIM_LEASE - timedelta(seconds=1)) == []  # a second beat
    assert monitored_document_check(monitored_id=watched.pk, now=now) == Outcome.UNCHANGED
    assert monitored_document_check(monitored_id=watched.pk, now=now) == Outcome.NOT_CLAIMED  # redelivered
    assert server.hits["/privacy.txt"] == 2


def test_a_check_lost_with_its_worker_is_claimed_again_after_the_lease(watched):
    now = a_week_after(watched)
    assert monitoring_claim_due(now=now) == [watched.pk]
    assert monitoring_claim_due(now=now + CLAIM_LEASE) == [watched.pk]


def test_the_interval_is_per_vendor_and_reschedules_from_the_last_check(watched, requester, vendor):
    vendor_monitoring_set_interval(vendor=vendor, actor=requester, every_days=1)
    watched.refresh_from_db()
    assert watched.next_check_at == watched.created_at + timedelta(days=1)
    assert VendorMonitoring.objects.get(vendor=vendor).every_days == 1
    assert AuditEvent.objects.filter(kind="monitoring", message__contains="checked every 1 days").exists()


def test_a_document_still_being_read_is_postponed(watched, server):
    Statement.objects.update(status="reading")
    now = a_week_after(watched)
    assert check(watched, now) == Outcome.POSTPONED
    assert watched.next_check_at == now + timedelta(hours=1) and server.hits["/privacy.txt"] == 1


def test_the_vendor_page_shows_the_state_the_error_and_the_next_attempt(watched, server, client_for, requester, vendor):
    server.fail("/privacy.txt", 500)
    check(watched, a_week_after(watched))
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert "fetched again every 7 days (the default)" in page
    assert "Failed 1 time in a row" in page and "HTTP 500" in page and "Next attempt:" in page
    assert "Pause monitoring" in page


def test_pausing_from_the_vendor_page_and_who_may(watched, client_for, requester, reviewer, vendor):
    response = client_for(reviewer).post(f"/vendors/{vendor.pk}/monitoring/", {"action": "pause"})
    assert response.status_code == 403 and not VendorMonitoring.objects.exists()
    client = client_for(requester)
    response = client.post(f"/vendors/{vendor.pk}/monitoring/", {"action": "pause"}, follow=True)
    assert "Paused</span> since" in response.content.decode() and "Resume monitoring" in response.content.decode()
    response = client.post(f"/vendors/{vendor.pk}/monitoring/", {"every_days": "400"}, follow=True)
    assert "less than or equal to 365" in response.content.decode()
    assert VendorMonitoring.objects.get().every_days is None


def test_a_requester_of_another_vendor_cannot_change_its_monitoring(watched, client_for, vendor):
    stranger = UserFactory(username="stranger", roles=["Requester"])
    response = client_for(stranger).post(f"/vendors/{vendor.pk}/monitoring/", {"action": "pause"})
    assert response.status_code == 404 and not VendorMonitoring.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_never_claim_one_document_twice(reference_data, requester, vendor):
    """While one sweep holds a due row (its transaction still open), a second one skips it."""
    import threading

    from django.db import connection, transaction

    from policies.models import DocumentKind

    due = timezone.now() - timedelta(minutes=1)
    rows = [
        MonitoredDocument.objects.create(
            vendor=vendor, kind_id=kind, url=f"https://desk.example/{kind}", next_check_at=due
        )
        for kind in (DocumentKind.DPA, DocumentKind.SECURITY_PAGE)
    ]
    held, release, seen = threading.Event(), threading.Event(), {}

    def first_sweep():
        try:
            with transaction.atomic():
                locked = MonitoredDocument.objects.select_for_update().get(pk=rows[0].pk)
                held.set()
                release.wait(timeout=30)
                seen["first"] = locked.pk
        finally:
            connection.close()

    thread = threading.Thread(target=first_sweep)
    thread.start()
    assert held.wait(timeout=30)
    try:
        assert monitoring_claim_due(now=timezone.now()) == [rows[1].pk]  # the held row is skipped, not waited on
    finally:
        release.set()
        thread.join(timeout=30)
    assert monitoring_claim_due(now=timezone.now()) == [rows[0].pk]


def test_admin_lists_the_watched_urls_read_only(watched, client_for, site_admin):
    client = client_for(site_admin)
    page = client.get("/admin/policies/monitoreddocument/").content.decode()
    assert watched.url in page and "Add monitored document" not in page
    response = client.post(f"/admin/policies/monitoreddocument/{watched.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and MonitoredDocument.objects.filter(pk=watched.pk).exists()
