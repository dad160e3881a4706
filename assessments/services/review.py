"""Reviewers accepting or overriding the automatic answers."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from assessments.models import Answer, AnswerType, Assessment, AuditEvent
from assessments.permissions import Action, require
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_record
from assessments.services.integrity import round_void_if_stale

NOT_STATED = "not_stated"
# A number answer (a notice period in days, say) longer than this is a typing slip.
MAX_NUMBER_DIGITS = 6


def answer_accept(*, answer: Answer, actor: AbstractBaseUser) -> Answer:
    """Confirm an answer as it stands."""
    _require_reviewable(actor, answer.assessment)
    with transaction.atomic():
        before = answer.review
        answer.review, answer.reviewed_by, answer.reviewed_at = Answer.Review.ACCEPTED, actor, timezone.now()
        answer.save(update_fields=["review", "reviewed_by", "reviewed_at", "updated_at"])
        audit_record(
            vendor=answer.assessment.vendor,
            assessment=answer.assessment,
            actor=actor,
            kind=AuditEvent.Kind.ANSWER_REVIEWED,
            message=f"Accepted {answer.question.key} = {answer.value}.",
            data={"question": answer.question.key, "value": answer.value, "from": before},
        )
        round_void_if_stale(assessment=answer.assessment, actor=actor)
    return answer


def answer_override(*, answer: Answer, actor: AbstractBaseUser, value: str, comment: str) -> Answer:
    """Replace an answer's value by hand; the automatic value and its evidence stay beside it."""
    _require_reviewable(actor, answer.assessment)
    value = answer_value_clean(answer.question, value)
    if not comment.strip():
        raise ValidationError("Say why you change the answer in a comment.")
    with transaction.atomic():
        before = answer.value
        answer.value, answer.source = value, Answer.Source.MANUAL
        answer.review, answer.reviewed_by, answer.reviewed_at = Answer.Review.OVERRIDDEN, actor, timezone.now()
        answer.reviewer_comment = comment.strip()
        answer.save()
        audit_record(
            vendor=answer.assessment.vendor,
            assessment=answer.assessment,
            actor=actor,
            kind=AuditEvent.Kind.ANSWER_CHANGED,
            message=f"{answer.question.key}: {before} → {value}. {answer.reviewer_comment}",
            data={"question": answer.question.key, "from": before, "to": value, "auto": answer.auto_value},
        )
        round_void_if_stale(assessment=answer.assessment, actor=actor)
    _rescore(answer.assessment)
    return answer


def answers_accept_above(*, assessment: Assessment, actor: AbstractBaseUser, threshold: float) -> int:
    """Accept every unreviewed automatic answer at or above the confidence that adds no risk points.

    An answer that adds risk points is left pending whatever its confidence: adverse answers
    are reviewed one by one. Returns how many were accepted.
    """
    _require_reviewable(actor, assessment)
    if not 0 <= threshold <= 1:
        raise ValidationError("The confidence threshold is between 0 and 1.")
    now = timezone.now()
    with transaction.atomic():
        harmless = answers_adding_no_risk(assessment, threshold=threshold)
        count = assessment.answers.filter(pk__in=harmless).update(
            review=Answer.Review.ACCEPTED, reviewed_by=actor, reviewed_at=now, updated_at=now
        )
        audit_record(
            vendor=assessment.vendor,
            assessment=assessment,
            actor=actor,
            kind=AuditEvent.Kind.ANSWER_CHANGED,
            message=f"Accepted {count} automatic answers with confidence ≥ {threshold:.2f}.",
            data={"accepted": count, "threshold": threshold},
        )
        round_void_if_stale(assessment=assessment, actor=actor)
    return count


def answers_adding_no_risk(assessment: Assessment, *, threshold: float) -> list[int]:
    """Ids of pending automatic answers at or above the confidence that match no weighted risk rule."""
    from assessments.scoring import rule_matches

    answers = list(assessment.answers.select_related("question"))
    values = {answer.question.key: answer.value for answer in answers}
    today = timezone.localdate()
    return [
        answer.pk
        for answer in answers
        if answer.review == Answer.Review.PENDING
        and answer.source == Answer.Source.AUTO
        and answer.confidence >= threshold
        and not any(
            int(rule.get("weight", 0)) > 0 and rule_matches(rule, answer.value, values, today=today)
            for rule in answer.question.risk_rules
        )
    ]


def review_progress(assessment: Assessment) -> tuple[int, int]:
    """(reviewed, total) answers of the assessment."""
    answers = list(assessment.answers.values_list("review", flat=True))
    return sum(review != Answer.Review.PENDING for review in answers), len(answers)


def answer_value_clean(question, value: str) -> str:
    """The value normalised for the question's type, or a ValidationError naming what fits."""
    value = (value or "").strip()
    if question.answer_type == AnswerType.EMAIL and value != NOT_STATED:
        validate_email(value)
        return value.lower()
    if question.answer_type == AnswerType.DATE and value != NOT_STATED:
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValidationError("Give the date as YYYY-MM-DD, or not_stated.") from None
    if question.answer_type == AnswerType.NUMBER and value != NOT_STATED:
        return _number_clean(value)
    if question.answer_type == AnswerType.COUNTRY and value != NOT_STATED:
        return _country_clean(value)
    if value not in question.allowed_values:
        choices = ", ".join(question.allowed_values)
        raise ValidationError(f"“{value}” is not an answer to this question; choose {choices}.")
    return value


def _number_clean(value: str) -> str:
    """A whole number of at most MAX_NUMBER_DIGITS digits, as the engine writes it ("30", not "030")."""
    if not (value.isascii() and value.isdigit()) or len(value) > MAX_NUMBER_DIGITS:
        raise ValidationError(
            f"“{value}” is not a whole number; give digits only (for example 30, not “30 days” or -5), "
            "or not_stated."
        )
    return str(int(value))


def _country_clean(value: str) -> str:
    """An ISO 3166 alpha-2 code, upper-cased; a country's name is refused with its code suggested."""
    import pycountry

    code = value.upper()
    if len(code) == 2 and code.isascii() and pycountry.countries.get(alpha_2=code) is not None:
        return code
    try:
        named = pycountry.countries.lookup(value)
    except LookupError:
        named = None
    hint = f" {named.name} is {named.alpha_2}." if named is not None else ""
    raise ValidationError(
        f"“{value}” is not an ISO 3166 alpha-2 country code; give two letters such as DE, IE or GB "
        f"(England and Wales is GB), or not_stated.{hint}"
    )


def _require_reviewable(actor: AbstractBaseUser, assessment: Assessment) -> None:
    require(actor, Action.REVIEW_ANSWER)
    if not assessments_visible_to(actor).filter(pk=assessment.pk).exists():
        raise PermissionDenied("You cannot see this assessment.")
    if assessment.is_locked:
        raise ValidationError(f"The assessment is {assessment.get_status_display().lower()} and read-only.")


def _rescore(assessment: Assessment) -> None:
    from assessments.services.answers import assessment_rescore

    assessment_rescore(assessment=assessment)
