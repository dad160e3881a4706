"""Writing the extractor's answers into an assessment.

The rule that matters: an answer a person set by hand (``source=manual``) is never
overwritten by a machine reading. The new automatic value, confidence and evidence are
stored beside it (``auto_*``) so a reviewer can compare.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from assessments.models import Answer, Assessment, AuditEvent, Question
from assessments.review_policy import MIN_STATED_TOPICS, MIN_STATEMENT_CHARS
from assessments.services.audit import audit_record
from assessments.services.changes import ComparedText, answer_change_fields
from policies.extraction.pipeline import answer_to_contract
from policies.extraction.types import Answer as Reading
from policies.models import Statement


def answers_apply_extraction(*, assessment: Assessment, answers: Mapping[str, Reading]) -> list[Answer]:
    """Create or refresh one answer per question of the assessment's template from ``answers``.

    A question the extractor did not answer is stored as not stated. Safe to run twice:
    the unique (assessment, question) constraint and ``update_or_create`` mean one row each.
    A reviewed answer the new reading changes is reopened and marked (assessments.services.changes);
    the others keep their review state.
    """
    statement = assessment.statement
    new_text = ComparedText(statement.extracted_text if statement else "")
    read_before = _version_before(statement)
    with transaction.atomic():
        rows = Answer.objects.select_for_update().filter(assessment=assessment)
        existing = {answer.question_id: answer for answer in rows}
        applied = [
            _answer_apply(
                assessment, question, answers.get(question.key) or Reading.not_stated(), existing, new_text, read_before
            )
            for question in assessment.template.questions.all()
        ]
        _audit_changes(assessment, applied)
        return [answer for answer, _ in applied]


def _answer_apply(
    assessment: Assessment, question: Question, reading: Reading, existing: dict, new_text: ComparedText,
    read_before: Statement | None,
) -> tuple[Answer, bool]:
    """The answer written, and whether this reading reopened it as changed."""
    fields = _auto_fields(reading)
    current = existing.get(question.pk)
    marked = {}
    if current is None or current.source != Answer.Source.MANUAL:
        fields |= {"value": fields["auto_value"], "confidence": fields["auto_confidence"]}
        fields |= {"evidence": fields["auto_evidence"], "source": Answer.Source.AUTO}
        if current is not None:
            marked = answer_change_fields(answer=current, fields=fields, new_text=new_text, read_before=read_before)
    answer, _created = Answer.objects.update_or_create(
        assessment=assessment, question=question, defaults=fields | marked
    )
    return answer, "previous_value" in marked


def _version_before(statement) -> Statement | None:
    """The version of the same document read before ``statement``: what a changed answer was read from."""
    if statement is None:
        return None
    return (
        Statement.objects.filter(
            vendor_id=statement.vendor_id, kind_id=statement.kind_id, version__lt=statement.version,
            status=Statement.Status.DONE,
        )
        .order_by("-version")
        .first()
    )


def _audit_changes(assessment: Assessment, applied: list[tuple[Answer, bool]]) -> None:
    reopened = [answer.question.key for answer, marked in applied if marked]
    if not reopened:
        return
    statement = assessment.statement
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        kind=AuditEvent.Kind.ANSWER_CHANGED,
        message=f"{statement.kind.name} v{statement.version} changed {len(reopened)} reviewed "
        f"answer{'s' if len(reopened) != 1 else ''}, reopened for review: {', '.join(reopened)}.",
        data={"statement": statement.pk, "reopened": reopened},
    )


def _auto_fields(reading: Reading) -> dict:
    # The same JSON shape as extract_policy's output, so stored evidence and the CLI agree.
    contract = answer_to_contract(reading)
    return {
        "auto_value": contract["value"][:254],
        "auto_confidence": min(max(contract["confidence"], 0.0), 1.0),
        "auto_evidence": contract["evidence"],
    }


def assessment_statement_check(*, assessment: Assessment, stated: int, total: int, chars: int) -> bool:
    """Record whether the statement read looks like a privacy statement at all; returns that.

    Almost no privacy topics found (fewer than MIN_STATED_TOPICS questions answered other
    than not stated) or a text shorter than MIN_STATEMENT_CHARS: a terms-of-sale page or a
    stray paste, which would otherwise be scored as a statement missing every safeguard.
    """
    looks = stated >= MIN_STATED_TOPICS and chars >= MIN_STATEMENT_CHARS
    assessment.looks_like_statement = looks
    assessment.statement_figures = {"stated": stated, "total": total, "chars": chars}
    assessment.save(update_fields=["looks_like_statement", "statement_figures", "updated_at"])
    return looks


def assessment_rescore(*, assessment: Assessment) -> Assessment:
    """Score the assessment from its answers, or leave it unscored if its text is no privacy statement."""
    from assessments.scoring import assessment_score

    if assessment.looks_like_statement:
        return assessment_score(assessment=assessment)
    assessment.residual_score = assessment.risk_score = 0
    assessment.risk_tier, assessment.score_breakdown = "", {}
    assessment.save(update_fields=["residual_score", "risk_score", "risk_tier", "score_breakdown", "updated_at"])
    return assessment
