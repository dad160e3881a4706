"""Monitoring: documents obtained from a URL are fetched again on a schedule.

A :class:`MonitoredDocument` row follows the newest version of each (vendor, kind) that came
from a URL (``monitored_document_follow``, called for every version added). The beat's sweep
claims the rows that are due (``monitoring_claim_due``) and queues one check per row; a
check (``monitored_document_check``) fetches the URL through the same request-forgery guard
and caps as URL import and then:

* the same bytes, or the same text once read (a page whose markup or scripts changed), as the
  newest version: only ``checked_at`` moves, nothing is added to the record;
* the bytes of an earlier version (the page went back): noted on the trail, no new version
  (a vendor's content is stored once);
* new content: a new version of that kind through the usual ingest, so the usual job reads it
  and updates the open assessment or starts the reassessment; the business owner and the
  reviewers get an e-mail with the diff summary and a link;
* a failure: the error, its time and the next attempt are kept on the row and shown on the
  vendor page; attempts back off exponentially, capped; no version is made.

Every function takes ``now`` so the tests drive the schedule without waiting.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import AuditEvent, Vendor
from assessments.permissions import Action, require
from assessments.selectors import vendors_visible_to
from assessments.services.audit import audit_record
from policies.extraction.diff import diff_documents
from policies.extraction.errors import ExtractionError
from policies.extraction.readers import read_document
from policies.fetch import Fetched, FetchError, fetch_url
from policies.models import MonitoredDocument, Statement, VendorMonitoring
from policies.processing import fetch_policy

# A claimed row is not due again for this long: time enough for its check to run, short enough
# that a check lost with its worker is made at a later sweep.
CLAIM_LEASE = timedelta(minutes=30)
# A document whose newest version is still being read is checked again this much later.
POSTPONE = timedelta(hours=1)
SWEEP_BATCH = 200
MAX_DAYS = 365


class Outcome(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    SAME_AS_EARLIER = "same_as_earlier"
    FAILED = "failed"
    POSTPONED = "postponed"
    PAUSED = "paused"
    NOT_CLAIMED = "not_claimed"


# --- schedule ---------------------------------------------------------------------------------


def monitoring_interval(vendor: Vendor) -> timedelta:
    """How long between two checks of the vendor's documents: its own setting, else the default."""
    own = VendorMonitoring.objects.filter(vendor=vendor).values_list("every_days", flat=True).first()
    return timedelta(days=own or settings.DOCUMENT_MONITOR_DEFAULT_DAYS)


def retry_delay(failures: int, interval: timedelta) -> timedelta:
    """Wait before attempt ``failures + 1``: RETRY_MINUTES doubled per failure, capped at
    RETRY_MAX_HOURS and never later than the regular check would be."""
    first = timedelta(minutes=settings.DOCUMENT_MONITOR_RETRY_MINUTES)
    cap = min(timedelta(hours=settings.DOCUMENT_MONITOR_RETRY_MAX_HOURS), interval)
    return min(first * 2 ** min(max(failures - 1, 0), 20), cap)


def monitored_document_follow(*, statement: Statement, now: datetime | None = None) -> None:
    """Keep monitoring in step with a version just added: a URL version is watched from now on
    (its URL, a fresh schedule); a file or pasted text replaces the URL, so watching stops."""
    where = {"vendor_id": statement.vendor_id, "kind_id": statement.kind_id}
    if statement.source != Statement.Source.URL:
        MonitoredDocument.objects.filter(**where).delete()
        return
    now = now or timezone.now()
    fresh = {"url": statement.source_url, "last_sha256": statement.sha256, "failures": 0, "last_error": ""}
    fresh |= {"claimed_at": None, "next_check_at": now + monitoring_interval(statement.vendor)}
    MonitoredDocument.objects.update_or_create(**where, defaults=fresh)


def monitoring_claim_due(*, now: datetime | None = None, limit: int = SWEEP_BATCH) -> list[int]:
    """Claim the due rows of vendors not paused, oldest first; returns their ids.

    One locking query with SKIP LOCKED, then the claim pushes ``next_check_at`` past the lease
    in the same transaction: two sweeps at once, or one after the other, never claim a row twice.
    """
    now = now or timezone.now()
    paused = VendorMonitoring.objects.filter(paused_at__isnull=False).values("vendor_id")
    with transaction.atomic():
        due = list(
            MonitoredDocument.objects.select_for_update(skip_locked=True)
            .filter(next_check_at__lte=now)
            .exclude(vendor_id__in=paused)
            .order_by("next_check_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        MonitoredDocument.objects.filter(pk__in=due).update(claimed_at=now, next_check_at=now + CLAIM_LEASE)
    return due


# --- the check ----------------------------------------------------------------------------------


def monitored_document_check(*, monitored_id: int, now: datetime | None = None) -> Outcome:
    """Fetch one claimed document again and act on what the URL serves (see the module docstring).

    Taking the claim is a conditional update, so a check delivered twice runs once.
    """
    now = now or timezone.now()
    if not MonitoredDocument.objects.filter(pk=monitored_id, claimed_at__isnull=False).update(claimed_at=None):
        return Outcome.NOT_CLAIMED
    monitored = MonitoredDocument.objects.select_related("vendor", "kind").filter(pk=monitored_id).first()
    if monitored is None:
        return Outcome.NOT_CLAIMED
    if VendorMonitoring.objects.filter(vendor_id=monitored.vendor_id, paused_at__isnull=False).exists():
        return Outcome.PAUSED  # paused after the sweep; resuming makes it due again
    versions = Statement.objects.filter(vendor_id=monitored.vendor_id, kind_id=monitored.kind_id)
    newest = versions.order_by("-version").first()
    if newest is None or newest.is_active:
        _schedule(monitored, now + POSTPONE)
        return Outcome.POSTPONED
    try:
        fetched = fetch_url(monitored.url, policy=fetch_policy())
        if not fetched.content.strip():
            raise FetchError("The page at the URL is empty.")
    except FetchError as error:
        return monitored_document_failed(monitored=monitored, reason=str(error), now=now)
    return _fetched(monitored, newest, fetched, now)


def _fetched(monitored: MonitoredDocument, newest: Statement, fetched: Fetched, now: datetime) -> Outcome:
    sha256 = hashlib.sha256(fetched.content).hexdigest()
    if sha256 in {newest.sha256, monitored.last_sha256} - {""}:
        return _unchanged(monitored, sha256, now)
    earlier = Statement.objects.filter(vendor_id=monitored.vendor_id, sha256=sha256).select_related("kind").first()
    if earlier is not None:
        return _same_as_earlier(monitored, earlier, sha256, now)
    text, summary = _read_and_compare(newest, fetched)
    if text is not None and newest.status == Statement.Status.DONE and _same_text(text, newest.extracted_text):
        return _unchanged(monitored, sha256, now)
    return _changed(monitored, newest, fetched, sha256, summary, now)


def _unchanged(monitored: MonitoredDocument, sha256: str, now: datetime) -> Outcome:
    _checked(monitored, now, last_sha256=sha256)
    return Outcome.UNCHANGED


def _same_as_earlier(monitored: MonitoredDocument, earlier: Statement, sha256: str, now: datetime) -> Outcome:
    with transaction.atomic():
        _checked(monitored, now, last_sha256=sha256)
        audit_record(
            vendor=monitored.vendor,
            kind=AuditEvent.Kind.MONITORING,
            message=f"The {monitored.kind.name} at {monitored.url[:200]} now serves what {earlier.kind_label} "
            f"v{earlier.version} held; that version is stored, so no new version was added.",
            data={"monitored": monitored.pk, "sha256": sha256, "same_as": earlier.pk},
        )
    return Outcome.SAME_AS_EARLIER


def _changed(
    monitored: MonitoredDocument, newest: Statement, fetched: Fetched, sha256: str, summary: str, now: datetime
) -> Outcome:
    from assessments.notifications import document_changed
    from policies.services import statement_add_fetched

    try:
        with transaction.atomic():
            statement = statement_add_fetched(
                vendor=monitored.vendor, kind=monitored.kind, url=monitored.url, fetched=fetched,
                created_by=newest.created_by,
            )  # fmt: skip
            _checked(monitored, now, last_sha256=sha256, changed_at=now)
            transaction.on_commit(lambda: document_changed(statement=statement, previous=newest, summary=summary))
    except ValidationError as error:  # another version with these bytes was stored meanwhile
        return monitored_document_failed(monitored=monitored, reason=" ".join(error.messages), now=now)
    return Outcome.CHANGED


def _checked(monitored: MonitoredDocument, now: datetime, **fields) -> None:
    """Record a successful fetch: the next regular check, and the end of any run of failures."""
    interval = monitoring_interval(monitored.vendor)
    MonitoredDocument.objects.filter(pk=monitored.pk).update(
        checked_at=now, next_check_at=now + interval, failures=0, last_error="", **fields
    )
    if monitored.failures:
        audit_record(
            vendor=monitored.vendor,
            kind=AuditEvent.Kind.MONITORING,
            message=f"The {monitored.kind.name} at {monitored.url[:200]} was fetched again after "
            f"{monitored.failures} failed attempt{'s' if monitored.failures > 1 else ''}.",
            data={"monitored": monitored.pk, "failures": monitored.failures},
        )


def monitored_document_failed(*, monitored: MonitoredDocument, reason: str, now: datetime) -> Outcome:
    """Record a failed fetch and when the next attempt is; the first of a run goes on the trail."""
    failures = monitored.failures + 1
    next_at = now + retry_delay(failures, monitoring_interval(monitored.vendor))
    reason = " ".join(reason.split())[:1000] or "The document could not be fetched."
    with transaction.atomic():
        MonitoredDocument.objects.filter(pk=monitored.pk).update(
            failures=failures, last_error=reason, failed_at=now, next_check_at=next_at
        )
        if failures == 1:
            audit_record(
                vendor=monitored.vendor,
                kind=AuditEvent.Kind.MONITORING,
                message=f"Could not fetch the {monitored.kind.name} at {monitored.url[:200]}: {reason}"[:440]
                + f" Next attempt {next_at:%Y-%m-%d %H:%M} UTC.",
                data={"monitored": monitored.pk, "error": reason, "next_check_at": next_at.isoformat()},
            )
    return Outcome.FAILED


def _read_and_compare(previous: Statement, fetched: Fetched) -> tuple[str | None, str]:
    """The new text (None if it cannot be read) and the summary line for the e-mail."""
    try:
        document = read_document(
            fetched.content, filename=f"statement{fetched.extension}", max_bytes=settings.STATEMENT_MAX_UPLOAD_BYTES
        )
    except ExtractionError as error:
        return None, f"The new version could not be read: {error}"
    if not previous.extracted_text.strip():
        return document.text, f"v{previous.version} was never read, so there is nothing to compare it with."
    summary = diff_documents(previous.extracted_text, document.text).summary.text()
    return document.text, f"Compared with v{previous.version}: {summary}."


def _same_text(new: str, old: str) -> bool:
    return " ".join(new.split()) == " ".join(old.split())


def _schedule(monitored: MonitoredDocument, when: datetime) -> None:
    MonitoredDocument.objects.filter(pk=monitored.pk).update(next_check_at=when)


# --- the vendor's settings ----------------------------------------------------------------------


def vendor_monitoring_pause(*, vendor: Vendor, actor: AbstractBaseUser, now: datetime | None = None) -> None:
    """Stop checking the vendor's URLs until resumed; on the trail."""
    with transaction.atomic():
        settings_row = _monitoring_for_change(vendor, actor)
        if settings_row.paused_at is not None:
            return
        settings_row.paused_at, settings_row.paused_by = now or timezone.now(), actor
        settings_row.save(update_fields=["paused_at", "paused_by", "updated_at"])
        _audit_setting(vendor, actor, f"Paused monitoring of {vendor.name}'s documents.", paused=True)


def vendor_monitoring_resume(*, vendor: Vendor, actor: AbstractBaseUser) -> None:
    """Check the vendor's URLs again; a document overdue meanwhile is checked at the next sweep."""
    with transaction.atomic():
        settings_row = _monitoring_for_change(vendor, actor)
        if settings_row.paused_at is None:
            return
        settings_row.paused_at, settings_row.paused_by = None, None
        settings_row.save(update_fields=["paused_at", "paused_by", "updated_at"])
        _audit_setting(vendor, actor, f"Resumed monitoring of {vendor.name}'s documents.", paused=False)


def vendor_monitoring_set_interval(*, vendor: Vendor, actor: AbstractBaseUser, every_days: int | None) -> None:
    """Check the vendor's URLs every ``every_days`` days (None: the default); reschedules the
    documents not in a run of failures from their last check."""
    if every_days is not None and not 1 <= every_days <= MAX_DAYS:
        raise ValidationError(f"Check every 1 to {MAX_DAYS} days, not {every_days}.")
    with transaction.atomic():
        settings_row = _monitoring_for_change(vendor, actor)
        if settings_row.every_days == every_days:
            return
        settings_row.every_days = every_days
        settings_row.save(update_fields=["every_days", "updated_at"])
        interval = timedelta(days=every_days or settings.DOCUMENT_MONITOR_DEFAULT_DAYS)
        for monitored in vendor.monitored_documents.filter(failures=0, claimed_at__isnull=True):
            _schedule(monitored, (monitored.checked_at or monitored.created_at) + interval)
        said = f"every {every_days} days" if every_days else f"at the default, every {interval.days} days"
        _audit_setting(vendor, actor, f"{vendor.name}'s documents are now checked {said}.", every_days=every_days)


def _monitoring_for_change(vendor: Vendor, actor: AbstractBaseUser) -> VendorMonitoring:
    require(actor, Action.MONITOR_DOCUMENTS)
    if not vendors_visible_to(actor).filter(pk=vendor.pk).exists():
        raise PermissionDenied("You cannot change the monitoring of this vendor.")
    VendorMonitoring.objects.get_or_create(vendor=vendor)
    return VendorMonitoring.objects.select_for_update().get(vendor=vendor)


def _audit_setting(vendor: Vendor, actor: AbstractBaseUser, message: str, **data) -> None:
    audit_record(vendor=vendor, kind=AuditEvent.Kind.MONITORING, actor=actor, message=message, data=data)
