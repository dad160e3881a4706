"""Findings: contradictions between a vendor's documents and changes of its sub-processor list.

``findings_recompute`` runs when a document version has been read (in the job's finish
transaction): it gathers the document set from what has already been read (the answers of
the vendor's privacy and DPA assessments with their evidence, the stored sub-processor
rows), lets ``assessments.contradictions`` judge it, and keeps one ``Finding`` per rule and
subject on the vendor's open privacy assessment. A reviewer's decision on a finding
survives a recompute; a finding no longer found is marked so, never deleted. Findings add
their points to the score and are part of what a sign-off signs.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments import contradictions as rules
from assessments.models import Assessment, AuditEvent, Finding, RoundSupersession, Vendor
from assessments.permissions import Action, require
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_record
from assessments.services.integrity import round_void_if_stale
from policies.extraction.periods import find_notice_periods
from policies.extraction.pipeline import detect_text
from policies.extraction.subprocessors import CustomerContent, Subprocessor
from policies.extraction.types import Span
from policies.models import DocumentKind, Statement

PRIVACY_SLUG = "helpdesk-privacy"
DPA_SLUG = "gdpr-art28"
# The detector set asked whether another document admits a sale (its share.sells_data).
SALE_DETECTOR_SET = "helpdesk-privacy-v1"
Status = Finding.Status


def findings_recompute(*, vendor: Vendor, actor: AbstractBaseUser | None) -> list[Finding]:
    """Judge the vendor's document set again and bring its findings up to date; returns those current.

    Call it inside the transaction that marks a version read. The findings attach to the
    vendor's open privacy assessment (none while it is decided); a change of them rescores
    that assessment and voids a round already signed.
    """
    drafts = rules.evaluate(document_set(vendor))
    target = _open_privacy_assessment(vendor)
    with transaction.atomic():
        current, opened, resolved = _findings_sync(vendor, target, drafts)
        if opened or resolved:
            _findings_changed(vendor, target, actor, opened, resolved)
    return current


def _findings_changed(vendor, target, actor, opened: list[Finding], resolved: list[Finding]) -> None:
    if target is not None:
        _rescore(target)
        round_void_if_stale(assessment=target, actor=actor, reason=RoundSupersession.Reason.STATEMENT_CHANGED)
    audit_record(
        vendor=vendor,
        assessment=target,
        actor=actor,
        kind=AuditEvent.Kind.FINDINGS_UPDATED,
        message=f"Findings updated: {len(opened)} new or reopened, {len(resolved)} no longer found.",
        data={"opened": [f.key for f in opened], "resolved": [f.key for f in resolved]},
    )


def _findings_sync(vendor, target, drafts) -> tuple[list[Finding], list[Finding], list[Finding]]:
    if target is not None:
        _findings_adopt(vendor, target)
    rows = Finding.objects.select_for_update().filter(vendor=vendor, assessment=target)
    existing = {(finding.rule, finding.subject): finding for finding in rows}
    current, opened = [], []
    for draft in drafts:
        finding = existing.pop((draft.rule, draft.subject), None)
        finding, was_new = _finding_write(vendor, target, draft, finding)
        current.append(finding)
        if was_new:
            opened.append(finding)
    resolved = [finding for finding in existing.values() if finding.status != Status.RESOLVED]
    for finding in resolved:
        finding.status = Status.RESOLVED
        finding.save(update_fields=["status", "updated_at"])
    return current, opened, resolved


def _findings_adopt(vendor, target: Assessment) -> None:
    """Findings found while no privacy assessment was open join the one open now.

    They could not be decided meanwhile (no assessment to review them in), so one the
    target already has is simply dropped.
    """
    held = set(Finding.objects.filter(vendor=vendor, assessment=target).values_list("rule", "subject"))
    for finding in Finding.objects.select_for_update().filter(vendor=vendor, assessment__isnull=True):
        if (finding.rule, finding.subject) in held:
            finding.delete()
        else:
            finding.assessment = target
            finding.save(update_fields=["assessment", "updated_at"])


def _finding_write(vendor, target, draft: rules.Draft, finding: Finding | None) -> tuple[Finding, bool]:
    rule = rules.RULES_BY_KEY[draft.rule]
    fields = {
        "title": rule.title[:300],
        "explanation": rule.explanation,
        "detail": draft.detail,
        "points": rule.points if draft.points is None else draft.points,
        "quotes": [quote.to_json() for quote in draft.quotes],
        "deadline": draft.deadline,
    }
    if finding is None:
        subject = draft.subject[:300]
        created = Finding.objects.create(vendor=vendor, assessment=target, rule=draft.rule, subject=subject, **fields)
        return created, True
    reopened = finding.status == Status.RESOLVED
    if reopened:
        # Found again after it had gone: a fresh look, the old decision no longer applies.
        fields |= {"status": Status.OPEN, "reviewed_by": None, "reviewed_at": None, "comment": ""}
    changed = [name for name, value in fields.items() if getattr(finding, name) != value]
    for name in changed:
        setattr(finding, name, fields[name])
    if changed:
        finding.save(update_fields=[*changed, "updated_at"])
    return finding, reopened


def _rescore(assessment: Assessment) -> None:
    from assessments.services.answers import assessment_rescore

    assessment_rescore(assessment=assessment)


# --- the document set ---------------------------------------------------------------------------


def _current(vendor: Vendor, slug: str) -> Assessment | None:
    return (
        Assessment.objects.filter(vendor=vendor, template__slug=slug)
        .select_related("statement__kind", "template")
        .order_by("-created_at", "-pk")
        .first()
    )


def _open_privacy_assessment(vendor: Vendor) -> Assessment | None:
    assessment = _current(vendor, PRIVACY_SLUG)
    return assessment if assessment is not None and not assessment.is_locked else None


def document_set(vendor: Vendor) -> rules.DocumentSet:
    """What the vendor's documents say, from what has been read: answers, evidence, list rows."""
    privacy, dpa = _current(vendor, PRIVACY_SLUG), _current(vendor, DPA_SLUG)
    statement_answers = _answers_said(privacy, "statement")
    dpa_answers = _answers_said(dpa, "dpa") if dpa is not None else None
    lists = tuple(_list_versions(vendor))
    return rules.DocumentSet(
        statement=statement_answers,
        dpa=dpa_answers,
        lists=lists,
        sales_admitted=tuple(_sales_admitted(vendor, privacy)),
        notice=_notice(dpa_answers, dpa, lists),
    )


def _label(statement: Statement) -> str:
    return f"{statement.kind.name} v{statement.version}"


def _answers_said(assessment: Assessment | None, role: str) -> dict[str, rules.Said]:
    if assessment is None or assessment.statement is None:
        return {}
    statement = assessment.statement
    said = {}
    for answer in assessment.answers.select_related("question"):
        quotes = tuple(
            rules.Quote(role, _label(statement), statement.pk, int(e.get("start", -1)), int(e.get("end", -1)),
                        str(e.get("text", "")))
            for e in answer.evidence or []
        )
        said[answer.question.key] = rules.Said(answer.value, quotes)
    return said


def _list_versions(vendor: Vendor):
    versions = (
        Statement.objects.filter(vendor=vendor, kind_id=DocumentKind.SUBPROCESSOR_LIST, status=Statement.Status.DONE)
        .select_related("kind")
        .prefetch_related("subprocessors")
        .order_by("version")
    )
    for statement in versions:
        entries = tuple(_entry(row) for row in statement.subprocessors.all())
        yield rules.ListVersion(statement.pk, statement.version, _label(statement),
                                timezone.localdate(statement.created_at), entries)


def _entry(row) -> Subprocessor:
    return Subprocessor(
        name=row.name,
        purpose=row.purpose,
        countries=tuple(row.countries),
        regions=tuple(row.regions),
        customer_content=CustomerContent(row.customer_content),
        evidence=Span(row.evidence_start, row.evidence_end, row.evidence_text),
        location=row.location,
    )


def _latest_read(vendor: Vendor) -> list[Statement]:
    """The newest read version of each kind of the vendor's documents."""
    latest: dict[str, Statement] = {}
    for statement in Statement.objects.filter(vendor=vendor, status=Statement.Status.DONE).select_related("kind"):
        if statement.kind_id not in latest or statement.version > latest[statement.kind_id].version:
            latest[statement.kind_id] = statement
    return list(latest.values())


def _sales_admitted(vendor: Vendor, privacy: Assessment | None):
    """Passages that admit a sale or share: another document's reading, the statement's own table."""
    own = privacy.statement if privacy is not None else None
    for statement in _latest_read(vendor):
        if own is not None and statement.pk == own.pk:
            for start, end in rules.table_sale_admissions(statement.extracted_text):
                yield _quote("statement", statement, start, end)
            continue
        if statement.kind_id == DocumentKind.PRIVACY_STATEMENT:
            continue
        reading = detect_text(statement.extracted_text, detector_set=SALE_DETECTOR_SET).get("share.sells_data")
        if reading is not None and reading.value == rules.YES:
            for span in reading.evidence:
                yield _quote(statement.kind_id, statement, span.start, span.end)


def _quote(role: str, statement: Statement, start: int, end: int) -> rules.Quote:
    return rules.Quote(role, _label(statement), statement.pk, start, end, statement.extracted_text[start:end])


def _notice(dpa_answers, dpa: Assessment | None, lists) -> rules.Notice | None:
    """The objection period: the DPA's answer, else a period its text or the newest list states."""
    said = (dpa_answers or {}).get("art28.objection_days")
    if said is not None and said.value.isdigit() and int(said.value) > 0:
        return rules.Notice(int(said.value), said.quotes[0] if said.quotes else None)
    sources = [dpa.statement] if dpa is not None and dpa.statement is not None else []
    if lists:
        sources.append(Statement.objects.select_related("kind").get(pk=lists[-1].statement))
    for statement in sources:
        periods = find_notice_periods(statement.extracted_text)
        if periods:
            span = periods[0].evidence
            return rules.Notice(periods[0].days, _quote("notice", statement, span.start, span.end))
    return None


# --- reviewers ---------------------------------------------------------------------------------


def finding_accept(*, finding: Finding, actor: AbstractBaseUser, comment: str) -> Finding:
    """Accept a finding as a known risk; its points stay in the score. A comment is required."""
    return _finding_decide(finding, actor, Status.ACCEPTED, comment, "Say in a comment why the risk is accepted.")


def finding_dismiss(*, finding: Finding, actor: AbstractBaseUser, reason: str) -> Finding:
    """Dismiss a finding as not a contradiction; its points leave the score. A reason is required."""
    return _finding_decide(finding, actor, Status.DISMISSED, reason, "Say why this is not a contradiction.")


def _finding_decide(finding: Finding, actor, status: str, comment: str, missing: str) -> Finding:
    _require_reviewable(actor, finding)
    if not comment.strip():
        raise ValidationError(missing)
    with transaction.atomic():
        rows = Finding.objects.select_for_update(of=("self",)).select_related("assessment", "vendor")
        finding = rows.get(pk=finding.pk)
        if finding.status == Status.RESOLVED:
            raise ValidationError("This finding is no longer found in the vendor's documents.")
        before = finding.status
        finding.status, finding.comment = status, comment.strip()
        finding.reviewed_by, finding.reviewed_at = actor, timezone.now()
        finding.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at", "updated_at"])
        audit_record(
            vendor=finding.vendor,
            assessment=finding.assessment,
            actor=actor,
            kind=AuditEvent.Kind.FINDING_REVIEWED,
            message=f"{Status(status).label}: {finding.title}. {finding.comment}",
            data={"finding": finding.pk, "rule": finding.rule, "subject": finding.subject,
                  "from": before, "to": status},
        )
        _rescore(finding.assessment)
        round_void_if_stale(assessment=finding.assessment, actor=actor)
    return finding


def _require_reviewable(actor: AbstractBaseUser, finding: Finding) -> None:
    require(actor, Action.HANDLE_FINDING)
    assessment = finding.assessment
    if assessment is None:
        raise ValidationError("This finding belongs to no open assessment yet; start a reassessment to review it.")
    if not assessments_visible_to(actor).filter(pk=assessment.pk).exists():
        raise PermissionDenied("You cannot see this assessment.")
    if assessment.is_locked:
        raise ValidationError(f"The assessment is {assessment.get_status_display().lower()} and read-only.")
