"""The risk score: points from the answers, scaled by what the help desk will touch.

Every point is explainable. Each question carries ``risk_rules`` in the questionnaire file
(see questionnaire.md's risk guidance); an answer that matches a rule adds that rule's
weight and reason as one line of the breakdown. The sum is the *residual* score. The
vendor's inherent risk from onboarding (criticality, and the data and access the help
desk gets) becomes a factor that scales it into the risk score, and the score falls into
a tier by fixed thresholds. The pure functions here compute; ``assessment_score`` saves.

Rule shapes:
    {"when": "yes", "weight": 3, "reason": "..."}                     value equals
    {"when": "yes", "unless": {"transfer.safeguards": "yes"}, ...}    ... and another answer does not
    {"when": "older_than_months:24", "weight": 2, "reason": "..."}    a date older than that
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Criticality, Vendor

# The criticality chosen at onboarding sets the base factor: an outage-critical help desk
# makes every weakness in its statement matter more.
CRITICALITY_FACTORS: dict[str, float] = {
    Criticality.LOW: 0.8,
    Criticality.MEDIUM: 1.0,
    Criticality.HIGH: 1.25,
    Criticality.CRITICAL: 1.5,
}
# What the help desk touches adds to the factor; device access weighs most because a
# remote session reaches everything else on the device.
DATA_FACTORS: dict[str, tuple[float, str]] = {
    "handles_customer_data": (0.2, "Sees customer personal data in tickets"),
    "handles_employee_data": (0.1, "Sees employee data"),
    "handles_payment_data": (0.2, "Sees payment data"),
    "has_device_access": (0.3, "Gets credentials or remote access to devices"),
}
# The lowest risk score of each tier. The residual score of the questionnaire is at most 27;
# one heavy finding (3) on a medium vendor stays low, two medium findings plus a light one
# reach medium, and a statement missing most safeguards on an ordinary vendor is critical.
TIER_THRESHOLDS: dict[str, int] = {"low": 0, "medium": 6, "high": 12, "critical": 20}
OLDER_THAN_MONTHS = "older_than_months:"


@dataclass(frozen=True)
class QuestionRules:
    """What scoring needs to know about one question."""

    key: str
    text: str
    section: str
    rules: tuple[dict, ...]


def rule_matches(rule: Mapping, value: str, values: Mapping[str, str], *, today: date) -> bool:
    """Whether one risk rule applies to an answer, given every other answer for ``unless``."""
    when = str(rule.get("when", ""))
    if when.startswith(OLDER_THAN_MONTHS):
        matched = _older_than(value, int(when.removeprefix(OLDER_THAN_MONTHS)), today=today)
    else:
        matched = value == when
    unless = rule.get("unless") or {}
    return matched and not any(values.get(key) == wanted for key, wanted in unless.items())


def _older_than(value: str, months: int, *, today: date) -> bool:
    try:
        when = date.fromisoformat(value)
    except ValueError:
        return False  # not_stated (or junk) is a separate rule, never "old"
    return when < _months_before(today, months)


def _months_before(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    # 31 March minus one month is the last day of February, not an error.
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def score_lines(questions: Iterable[QuestionRules], values: Mapping[str, str], *, today: date) -> list[dict]:
    """One line per matched rule: which answer added how many points, and why."""
    lines = []
    for question in questions:
        value = values.get(question.key, "not_stated")
        for rule in question.rules:
            if rule_matches(rule, value, values, today=today):
                lines.append(_line(question, value, rule))
    return lines


def _line(question: QuestionRules, value: str, rule: Mapping) -> dict:
    return {
        "key": question.key,
        "question": question.text,
        "section": question.section,
        "value": value,
        "points": int(rule.get("weight", 0)),
        "reason": str(rule.get("reason", "")),
    }


def finding_line(finding: Mapping) -> dict:
    """A finding's line of the breakdown, in the shape of an answer's."""
    return {
        "key": finding["key"],
        "question": finding["title"],
        "section": "findings",
        "value": finding["status"],
        "points": int(finding["points"]),
        "reason": finding["detail"] or finding["explanation"],
    }


def assessment_findings_counted(assessment: Assessment) -> list[dict]:
    """The assessment's findings that add points (open or accepted), as ``finding_line`` takes them."""
    return [
        {"key": f.key, "title": f.title, "status": f.status, "points": f.points, "detail": f.detail,
         "explanation": f.explanation}
        for f in assessment.findings.order_by("-points", "rule", "subject")
        if f.counts and f.points
    ]


def inherent_factor(*, criticality: str, **touches: bool) -> tuple[float, list[str]]:
    """The vendor's inherent-risk factor and the reasons that make it up."""
    base = CRITICALITY_FACTORS.get(criticality, CRITICALITY_FACTORS[Criticality.MEDIUM])
    reasons = [f"{Criticality(criticality).label.split(':')[0]} criticality: ×{base:g}"]
    factor = base
    for field_name, (extra, reason) in DATA_FACTORS.items():
        if touches.get(field_name):
            factor += extra
            reasons.append(f"{reason}: +{extra:g}")
    return round(factor, 2), reasons


def tier_for(score: int) -> str:
    """The highest tier whose threshold the score reaches."""
    return max((t for t, low in TIER_THRESHOLDS.items() if score >= low), key=TIER_THRESHOLDS.__getitem__)


def score_compute(
    questions: Iterable[QuestionRules],
    values: Mapping[str, str],
    *,
    intake: Mapping,
    today: date,
    findings: Iterable[Mapping] = (),
) -> dict:
    """The whole explained score, in the shape stored as ``Assessment.score_breakdown``.

    ``findings`` are contradiction and list-change findings that count (open or accepted):
    each adds its points as one more line.
    """
    lines = score_lines(questions, values, today=today) + [finding_line(f) for f in findings]
    residual = sum(line["points"] for line in lines)
    factor, reasons = inherent_factor(**intake)
    # Half up, so that 4.5 visibly becomes 5 rather than banker's-rounding to 4.
    score = math.floor(residual * factor + 0.5)
    return {
        "lines": lines,
        "residual": residual,
        "inherent": {"factor": factor, "reasons": reasons},
        "score": score,
        "tier": tier_for(score),
        "thresholds": dict(TIER_THRESHOLDS),
    }


def vendor_intake(vendor: Vendor) -> dict:
    """The onboarding answers that make up the inherent-risk factor."""
    return {"criticality": vendor.criticality, **{name: getattr(vendor, name) for name in DATA_FACTORS}}


def assessment_score(*, assessment: Assessment, today: date | None = None) -> Assessment:
    """Recompute and save the assessment's score from its current answers.

    Call it after any change to the answers or to the vendor's intake.
    """
    answers = list(assessment.answers.select_related("question__section"))
    questions = [
        QuestionRules(a.question.key, a.question.text, a.question.section.key, tuple(a.question.risk_rules))
        for a in answers
    ]
    values = {a.question.key: a.value for a in answers}
    breakdown = score_compute(
        questions,
        values,
        intake=vendor_intake(assessment.vendor),
        today=today or timezone.localdate(),
        findings=assessment_findings_counted(assessment),
    )
    with transaction.atomic():
        assessment.residual_score = breakdown["residual"]
        assessment.risk_score = breakdown["score"]
        assessment.risk_tier = breakdown["tier"]
        assessment.score_breakdown = breakdown
        assessment.save(update_fields=["residual_score", "risk_score", "risk_tier", "score_breakdown", "updated_at"])
    return assessment


def thresholds_in_order(breakdown: dict) -> list[tuple[str, int]]:
    """The breakdown's tier thresholds from low to critical (jsonb does not keep key order)."""
    thresholds = (breakdown or {}).get("thresholds") or {}
    return sorted(thresholds.items(), key=lambda item: item[1])
