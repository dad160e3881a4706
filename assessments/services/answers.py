"""Writing the extractor's answers into an assessment.

The rule that matters: an answer a person set by hand (``source=manual``) is never
overwritten by a machine reading. The new automatic value, confidence and evidence are
stored beside it (``auto_*``) so a reviewer can compare.

Some answers rest on the vendor's document set rather than on one text: "a DPA is
available" is ``yes`` as soon as a DPA version is on file, with that document as evidence
(an evidence item with a ``document`` key quotes that version, not the assessment's own).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.models import Answer, Assessment, AuditEvent, Question, RoundSupersession
from assessments.review_policy import MIN_STATED_TOPICS, MIN_STATEMENT_CHARS
from assessments.services.audit import audit_record
from assessments.services.changes import ComparedText, answer_change_fields
from assessments.services.integrity import round_void_if_stale
from policies.extraction.pipeline import answer_to_contract
from policies.extraction.types import Answer as Reading
from policies.models import Statement
from policies.selectors import document_latest_read

# The question a DPA on file answers, and the kind of document that answers it.
DPA_QUESTION = "compliance.dpa_available"
DPA_KIND = "dpa"
DPA_CONFIDENCE = 0.95
# The evidence of a document on file quotes its first line (its title), at most this long.
TITLE_QUOTE_CHARS = 200


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
        existing = _answers_locked(assessment)
        on_file = document_fields_on_file(assessment)
        applied = [
            _answer_apply(
                assessment,
                question,
                on_file.get(question.key) or reading_fields(answers.get(question.key) or Reading.not_stated()),
                existing,
                new_text,
                read_before,
            )
            for question in assessment.template.questions.all()
        ]
        _audit_changes(assessment, applied)
        return [answer for answer, _ in applied]


def answers_apply_documents_on_file(*, vendor_id: int, actor: AbstractBaseUser | None) -> list[Assessment]:
    """Bring the answers that rest on the vendor's document set up to date in its open assessments.

    A DPA added after the privacy statement was read makes ``compliance.dpa_available`` yes
    there too; a manual override still wins (the reading is kept beside it). A decided
    assessment is never touched (its reassessment reads the documents afresh). A change
    reaching an assessment in review voids a round already signed. Returns the assessments changed.
    """
    changed = []
    with transaction.atomic():
        for assessment in Assessment.objects.filter(vendor_id=vendor_id, is_current=True).select_related("template"):
            if assessment.is_locked:
                continue
            on_file = document_fields_on_file(assessment)
            if on_file and _answers_refresh(assessment, on_file, actor):
                changed.append(assessment)
    return changed


def _answers_refresh(assessment: Assessment, on_file: dict[str, dict], actor) -> bool:
    existing = _answers_locked(assessment)
    questions = {question.key: question for question in assessment.template.questions.filter(key__in=on_file)}
    before = {key: _signed_fields(existing.get(question.pk)) for key, question in questions.items()}
    statement = assessment.statement
    new_text = ComparedText(statement.extracted_text if statement else "")
    answers = {
        key: _answer_apply(assessment, question, on_file[key], existing, new_text, None)[0]
        for key, question in questions.items()
    }
    changed = [key for key, answer in answers.items() if _signed_fields(answer) != before[key]]
    if not changed:
        return False
    assessment_rescore(assessment=assessment)
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        actor=actor,
        kind=AuditEvent.Kind.ANSWER_CHANGED,
        message=f"Answered from the vendor's documents on file: {', '.join(changed)}.",
        data={"questions": changed, "documents": sorted(_documents_quoted(on_file[key] for key in changed))},
    )
    round_void_if_stale(assessment=assessment, actor=actor, reason=RoundSupersession.Reason.STATEMENT_CHANGED)
    return True


def _documents_quoted(fields) -> set[int]:
    return {item["document"] for field in fields for item in field["auto_evidence"] if "document" in item}


def _signed_fields(answer: Answer | None) -> tuple | None:
    if answer is None:
        return None
    return answer.value, answer.source, answer.review, answer.evidence, answer.auto_value, answer.auto_evidence


def _answers_locked(assessment: Assessment) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in Answer.objects.select_for_update().filter(assessment=assessment)}


def document_fields_on_file(assessment: Assessment) -> dict[str, dict]:
    """The automatic fields of the answers the vendor's document set gives, by question key."""
    if not assessment.template.questions.filter(key=DPA_QUESTION).exists():
        return {}
    dpa = document_latest_read(vendor_id=assessment.vendor_id, kind=DPA_KIND)
    if dpa is None:
        return {}
    return {
        DPA_QUESTION: {
            "auto_value": "yes",
            "auto_confidence": DPA_CONFIDENCE,
            "auto_evidence": [document_title_evidence(dpa)],
        }
    }


def document_title_evidence(statement: Statement) -> dict:
    """An evidence item quoting the document's first line, with the document it comes from."""
    text = statement.extracted_text
    start = len(text) - len(text.lstrip())
    line = text[start:].split("\n", 1)[0].rstrip()[:TITLE_QUOTE_CHARS]
    return {"document": statement.pk, "start": start, "end": start + len(line), "text": line}


def _answer_apply(
    assessment: Assessment,
    question: Question,
    fields: dict,
    existing: dict,
    new_text: ComparedText,
    read_before: Statement | None,
) -> tuple[Answer, bool]:
    """The answer written, and whether this reading reopened it as changed."""
    fields = dict(fields)
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
            vendor_id=statement.vendor_id,
            kind_id=statement.kind_id,
            version__lt=statement.version,
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


def reading_fields(reading: Reading) -> dict:
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
