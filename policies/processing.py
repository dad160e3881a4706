"""The auto-fill job: from a saved document version to filled, scored questionnaires.

A version of one kind fills every questionnaire the kind feeds (``templates_fed_by``): a
privacy statement the help-desk privacy template, a DPA the GDPR Art. 28 template; a kind
that feeds none (a security page) is read and kept, and the job is done.

``statement_process`` is what the Celery task calls. It is written to be run again at any
point: a worker killed half-way leaves the statement in an active stage, and the
redelivered job claims it again and starts over; a finished job claims nothing and returns.
The assessment, its answers, the score, ``done`` and the job-done audit event are written in
one transaction under a lock on the statement row, so they happen exactly once.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from assessments.models import Assessment, AuditEvent, QuestionnaireTemplate, RoundSupersession, Vendor
from assessments.selectors import templates_fed_by
from assessments.services.answers import (
    answers_apply_documents_on_file,
    answers_apply_extraction,
    assessment_rescore,
    assessment_statement_check,
)
from assessments.services.audit import audit_record
from assessments.services.findings import findings_recompute
from assessments.services.integrity import round_void_if_stale
from assessments.services.workflow import assessment_create
from policies.extraction.errors import ExtractionError
from policies.extraction.pipeline import detect_text
from policies.extraction.readers import Document, read_document
from policies.extraction.types import Answer as Reading
from policies.fetch import CONTENT_TYPES, FetchError, FetchPolicy, fetch_url
from policies.models import DocumentKind, Statement
from policies.subprocessors import subprocessors_read, subprocessors_store

Status = Statement.Status
# Where the progress bar stands at each step.
PROGRESS_CLAIMED = 10
PROGRESS_FETCHED = 20
PROGRESS_READ = 30
PROGRESS_DETECTING = 40
PROGRESS_DETECTED = 70
PROGRESS_SCORING = 85
PROGRESS_DONE = 100
# A job claimed this many times without finishing (its worker killed, its database gone)
# is given up on, so a statement that crashes the worker cannot loop for ever.
MAX_ATTEMPTS = 6


class StatementRejected(Exception):
    """The statement can be read but must not be applied; the message says why."""


class _Superseded(Exception):
    """Another run finished or failed the statement meanwhile: stop without a word."""


def statement_process(*, statement_id: int) -> None:
    """Read, detect, fill and score one statement; record done or failed with a reason.

    Transient errors (database, broker) propagate so the task can retry; everything the
    statement itself is to blame for fails it at once with a one-line message.
    """
    statement = _statement_claim(statement_id)
    if statement is None:
        return
    try:
        _statement_run(statement)
    except (ExtractionError, FetchError, StatementRejected) as error:
        statement_fail(statement_id=statement.pk, reason=str(error))
    except _Superseded:
        return


def _statement_claim(statement_id: int) -> Statement | None:
    """Take the job with a conditional UPDATE: only a statement still in an active stage is claimed."""
    claimed = Statement.objects.filter(pk=statement_id, status__in=Statement.ACTIVE_STATUSES).update(
        status=Status.READING,
        progress=PROGRESS_CLAIMED,
        status_changed_at=timezone.now(),
        # A fresh job starts counting at one; a redelivered one (still in a stage) adds one.
        attempts=Case(When(status=Status.QUEUED, then=Value(1)), default=F("attempts") + 1),
    )
    if not claimed:
        return None
    statement = Statement.objects.select_related("vendor").get(pk=statement_id)
    if statement.attempts > MAX_ATTEMPTS:
        statement_fail(
            statement_id=statement_id,
            reason=f"The job was started {MAX_ATTEMPTS} times without finishing; "
            "the statement may be too large or malformed for the worker.",
        )
        return None
    return statement


def _statement_run(statement: Statement) -> None:
    data, filename = _statement_bytes(statement)
    document = read_document(data, filename=filename, max_bytes=settings.STATEMENT_MAX_UPLOAD_BYTES)
    _statement_save_text(statement, document)
    _stage(statement, Status.DETECTING, PROGRESS_DETECTING)
    readings = Readings(document.text)
    for template in templates_fed_by(vendor_id=statement.vendor_id, kind=statement.kind_id):
        readings.of(template.detector_set)
    rows = _subprocessor_rows(statement, data, filename, document)
    _stage(statement, Status.DETECTING, PROGRESS_DETECTED)
    _stage(statement, Status.SCORING, PROGRESS_SCORING)
    _statement_finish(statement, readings, rows)


def _subprocessor_rows(statement: Statement, data: bytes, filename: str, document: Document) -> list | None:
    """A sub-processor list's rows (None for any other kind), read before the finish transaction."""
    if statement.kind_id != DocumentKind.SUBPROCESSOR_LIST:
        return None
    max_bytes = settings.STATEMENT_MAX_UPLOAD_BYTES
    return subprocessors_read(data=data, filename=filename, max_bytes=max_bytes, text=document.text)


class Readings:
    """The engine's answers for one text, per detector set, each set run at most once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_set: dict[str, dict[str, Reading]] = {}

    def of(self, detector_set: str) -> dict[str, Reading]:
        if detector_set not in self._by_set:
            self._by_set[detector_set] = detect_text(self.text, detector_set=detector_set)
        return self._by_set[detector_set]


def _stage(statement: Statement, status: str, progress: int, **fields) -> None:
    """Move to a stage, committed at once so the page sees it; stop if the job ended elsewhere."""
    moved = Statement.objects.filter(pk=statement.pk, status__in=Statement.ACTIVE_STATUSES).update(
        status=status, progress=progress, status_changed_at=timezone.now(), **fields
    )
    if not moved:
        raise _Superseded


# --- reading -----------------------------------------------------------------------------------


def _statement_bytes(statement: Statement) -> tuple[bytes, str]:
    """The statement's original bytes and a file name whose extension picks the reader."""
    if statement.source == Statement.Source.URL and not statement.original_file:
        _statement_fetch(statement)
    try:
        with statement.original_file.open("rb") as handle:
            data = handle.read(settings.STATEMENT_MAX_UPLOAD_BYTES + 1)
    except (OSError, ValueError):
        raise StatementRejected("The stored statement file is missing; add the statement again.") from None
    return data, _reader_filename(statement)


def _reader_filename(statement: Statement) -> str:
    if statement.original_filename:
        return statement.original_filename
    mime = statement.content_type.split(";")[0].strip().lower()
    return f"statement{CONTENT_TYPES.get(mime, '.txt')}"


def fetch_policy() -> FetchPolicy:
    """The URL guard's limits, from settings."""
    return FetchPolicy(
        max_bytes=settings.STATEMENT_MAX_UPLOAD_BYTES,
        timeout=float(settings.STATEMENT_FETCH_TIMEOUT_SECONDS),
        allowed_hosts=frozenset(host.lower() for host in settings.STATEMENT_FETCH_ALLOWED_HOSTS),
    )


def _statement_fetch(statement: Statement) -> None:
    """Fetch a URL statement once and keep the bytes, so a re-run reads what was fetched."""
    fetched = fetch_url(statement.source_url, policy=fetch_policy())
    if not fetched.content.strip():
        raise StatementRejected("The page at the URL is empty.")
    sha256 = hashlib.sha256(fetched.content).hexdigest()
    from policies.services import statement_file_removed_on_error

    try:
        with statement_file_removed_on_error() as written, transaction.atomic():
            _refuse_same_content(statement, sha256)
            statement.sha256, statement.content_type = sha256, fetched.content_type
            statement.size_bytes = len(fetched.content)
            statement.original_file.save(f"statement{fetched.extension}", ContentFile(fetched.content), save=False)
            written.append(statement.original_file.name)
            statement.save(update_fields=["sha256", "content_type", "size_bytes", "original_file", "updated_at"])
    except IntegrityError:
        raise StatementRejected(_same_content_message(statement, sha256)) from None
    _stage(statement, Status.READING, PROGRESS_FETCHED)


def _refuse_same_content(statement: Statement, sha256: str) -> None:
    if Statement.objects.filter(vendor_id=statement.vendor_id, sha256=sha256).exclude(pk=statement.pk).exists():
        raise StatementRejected(_same_content_message(statement, sha256))


def _same_content_message(statement: Statement, sha256: str) -> str:
    same = (
        Statement.objects.filter(vendor_id=statement.vendor_id, sha256=sha256)
        .exclude(pk=statement.pk)
        .select_related("kind")
        .first()
    )
    version = f"version {same.version} of {statement.vendor.name}'s {same.kind_label}" if same else "a stored version"
    return f"The page at this URL is identical to {version}; nothing new to read."


def _statement_save_text(statement: Statement, document: Document) -> None:
    statement.extracted_text, statement.format = document.text, document.format
    _stage(statement, Status.READING, PROGRESS_READ, extracted_text=document.text, format=document.format)


# --- filling in ---------------------------------------------------------------------------------


def _statement_finish(statement: Statement, readings: Readings, rows: list | None = None) -> None:
    """Fill and score each assessment the document feeds and mark the job done, all or nothing, exactly once."""
    with transaction.atomic():
        locked = (
            Statement.objects.select_for_update()
            .filter(pk=statement.pk, status__in=Statement.ACTIVE_STATUSES)
            .select_related("vendor", "kind")
            .first()
        )
        if locked is None:
            raise _Superseded
        # The vendor row lock serialises two jobs of one vendor, so they cannot both create one.
        Vendor.objects.select_for_update().filter(pk=locked.vendor_id).first()
        filled = []
        for template in templates_fed_by(vendor_id=locked.vendor_id, kind=locked.kind_id):
            assessment = _assessment_for(locked, template)
            answers = readings.of(assessment.template.detector_set)
            answers_apply_extraction(assessment=assessment, answers=answers)
            _statement_check(assessment, locked, answers)
            assessment_rescore(assessment=assessment)
            # A document that reaches an assessment in review voids a round already signed.
            round_void_if_stale(
                assessment=assessment, actor=locked.created_by, reason=RoundSupersession.Reason.STATEMENT_CHANGED
            )
            filled.append((assessment, answers))
        if rows is not None:
            subprocessors_store(statement=locked, rows=rows)
        _statement_done(locked)
        _audit_done(locked, filled)
        # A DPA now on file answers "a DPA is available" in the vendor's other open questionnaires.
        answers_apply_documents_on_file(vendor_id=locked.vendor_id, actor=locked.created_by)
        # Contradictions and list changes are judged on the whole document set, this version included.
        findings_recompute(vendor=locked.vendor, actor=locked.created_by)


def _statement_check(assessment: Assessment, statement: Statement, answers: dict[str, Reading]) -> None:
    stated = sum(1 for reading in answers.values() if reading.value != "not_stated")
    total = assessment.template.questions.count()
    chars = len(statement.extracted_text.strip())
    assessment_statement_check(assessment=assessment, stated=stated, total=total, chars=chars)


def _assessment_for(statement: Statement, template: QuestionnaireTemplate) -> Assessment:
    """The vendor's open assessment on the template's questionnaire, or a new one (linked to the
    last if that one is decided). The caller holds the vendor row lock."""
    latest = (
        Assessment.objects.filter(vendor_id=statement.vendor_id, template__slug=template.slug)
        .select_related("template")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.is_locked:
        # After a decision, a new document starts the reassessment, manual overrides carried forward;
        # after an approval, a change review that carries every acceptance too.
        return assessment_create(
            vendor=statement.vendor,
            statement=statement,
            previous=latest,
            created_by=statement.created_by,
            template=None if latest else template,
            change_review=latest is not None and latest.status == Assessment.Status.APPROVED,
        )
    return _assessment_point_at(latest, statement)


def _assessment_point_at(assessment: Assessment, statement: Statement) -> Assessment:
    current = assessment.statement
    if current is not None and current.pk != statement.pk and current.version > statement.version:
        raise StatementRejected(
            f"Assessment #{assessment.pk} already reads the newer {statement.kind_label} v{current.version}; "
            f"v{statement.version} was not applied."
        )
    if assessment.statement_id != statement.pk:
        assessment.statement = statement
        assessment.save(update_fields=["statement", "updated_at"])
    return assessment


def _statement_done(statement: Statement) -> None:
    statement.status, statement.progress, statement.error = Status.DONE, PROGRESS_DONE, ""
    statement.status_changed_at = timezone.now()
    statement.save(update_fields=["status", "progress", "error", "status_changed_at", "updated_at"])


def _audit_done(statement: Statement, filled: list[tuple[Assessment, dict[str, Reading]]]) -> None:
    data = {"statement": statement.pk, "kind": statement.kind_id, "sha256": statement.sha256}
    data["attempts"] = statement.attempts
    name = f"{statement.kind.name} v{statement.version}"
    if not filled:
        audit_record(
            vendor=statement.vendor,
            kind=AuditEvent.Kind.JOB_DONE,
            message=f"{name} read and kept; no questionnaire is filled from this kind of document.",
            data=data,
        )
    for assessment, answers in filled:
        stated = sum(1 for reading in answers.values() if reading.value != "not_stated")
        audit_record(
            vendor=statement.vendor,
            assessment=assessment,
            kind=AuditEvent.Kind.JOB_DONE,
            message=f"{name} read for {assessment.template.title}: {stated} of {assessment.answers.count()} "
            f"questions answered from it; risk score {assessment.risk_score} ({assessment.risk_tier}).",
            data=data,
        )


# --- failing and requeueing ---------------------------------------------------------------------


def statement_fail(*, statement_id: int, reason: str) -> bool:
    """Fail a statement that is still in an active stage, with a one-line reason; False if it was not."""
    reason = " ".join(reason.split())[:1000] or "The statement could not be processed."
    with transaction.atomic():
        failed = Statement.objects.filter(pk=statement_id, status__in=Statement.ACTIVE_STATUSES).update(
            status=Status.FAILED, error=reason, status_changed_at=timezone.now()
        )
        if failed:
            statement = Statement.objects.select_related("vendor").get(pk=statement_id)
            audit_record(
                vendor=statement.vendor,
                kind=AuditEvent.Kind.JOB_FAILED,
                message=f"Statement v{statement.version} could not be read: {reason}",
                data={"statement": statement_id, "attempts": statement.attempts},
            )
    return bool(failed)


def statements_requeue_stuck(*, now=None) -> int:
    """Queue again every job silent too long that the broker lost or whose worker is gone.

    "Silent" is no heartbeat (``status_changed_at``, refreshed every few seconds while a job
    runs, see policies.tasks) for STATEMENT_STUCK_AFTER_SECONDS. A silent job still waiting
    in the queue, or held by a worker that answers, is left alone; one tried too often fails.
    Returns how many were queued again.
    """
    from policies.broker import broker_view

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.STATEMENT_STUCK_AFTER_SECONDS)
    stuck = list(Statement.objects.filter(status__in=Statement.ACTIVE_STATUSES, status_changed_at__lt=cutoff))
    if not stuck:
        return 0
    view = broker_view()
    if view is None:
        return 0  # the broker cannot be read, so nothing could be queued either; next beat
    return sum(_statement_requeue_if_lost(statement, view, now) for statement in stuck)


def _statement_requeue_if_lost(statement: Statement, view, now) -> bool:
    from policies.broker import broker_restore
    from policies.services import statement_enqueue

    if statement.pk in view.waiting or statement.pk in view.held_by_workers:
        return False  # waiting for a worker, or a live worker has it
    if statement.attempts >= MAX_ATTEMPTS:
        statement_fail(statement_id=statement.pk, reason=_gave_up_message(statement))
        return False
    if not _statement_touch(statement, now):
        return False  # another beat got there first
    if statement.pk in view.unacked:
        broker_restore(view.unacked[statement.pk])  # its worker died: the same message, delivered again
    else:
        statement_enqueue(statement=statement)  # the broker lost it
    return True


def _statement_touch(statement: Statement, now) -> bool:
    # Conditional on the timestamp we read, so two overlapping beats queue it only once.
    return bool(
        Statement.objects.filter(
            pk=statement.pk, status=statement.status, status_changed_at=statement.status_changed_at
        ).update(status_changed_at=now)
    )


def _gave_up_message(statement: Statement) -> str:
    stage = Statement.Status(statement.status).label.lower()
    return f"The job stopped while {stage} and was retried {statement.attempts} times without finishing."
