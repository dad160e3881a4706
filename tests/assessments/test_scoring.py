"""The risk score: each adverse answer adds its points with a reason; the vendor's intake scales it into a tier."""

from datetime import date

import pytest

from assessments.models import Answer, Criticality
from assessments.questionnaire import questionnaire_read
from assessments.scoring import (
    TIER_THRESHOLDS,
    QuestionRules,
    assessment_score,
    inherent_factor,
    rule_matches,
    score_compute,
    tier_for,
)
from tests.factories import AssessmentFactory, VendorFactory

TODAY = date(2026, 6, 30)
QUESTIONS = [
    QuestionRules(q["key"], q["text"], q["section"], tuple(q["risk_rules"])) for q in questionnaire_read()["questions"]
]
# A statement that answers everything well: no points at all.
CLEAN = {
    "policy.last_updated": "2026-01-15",
    "share.sells_data": "no",
    "retention.period": "specific",
    "security.measures": "specific",
    "security.breach_notification": "yes",
    "rights.deletion": "yes",
    "compliance.dpa_available": "yes",
}
MEDIUM_NO_DATA = {"criticality": "medium"}


def compute(values, intake=MEDIUM_NO_DATA):
    return score_compute(QUESTIONS, values, intake=intake, today=TODAY)


def test_a_clean_statement_scores_nothing():
    breakdown = compute(CLEAN)
    assert breakdown["lines"] == [] and breakdown["residual"] == 0 and breakdown["score"] == 0
    assert breakdown["tier"] == "low"


def test_silence_on_everything_adds_each_unstated_rule():
    breakdown = compute({})
    keys = {line["key"]: line["points"] for line in breakdown["lines"]}
    assert keys == {
        "policy.last_updated": 2,
        "share.sells_data": 1,
        "retention.period": 2,
        "security.measures": 3,
        "security.breach_notification": 1,
        "rights.deletion": 1,
        "compliance.dpa_available": 2,
    }
    assert breakdown["residual"] == 12


@pytest.mark.parametrize(
    "key, value, points",
    [
        ("collect.credentials", "yes", 3),
        ("collect.remote_access", "yes", 3),
        ("share.sells_data", "yes", 3),
        ("transfer.privacy_shield", "yes", 3),
        ("collect.communications_recorded", "yes", 2),
        ("security.measures", "vague", 2),
        ("retention.period", "vague", 1),
        ("collect.credentials", "no", 0),
    ],
)
def test_each_adverse_answer_adds_its_weight_with_a_reason(key, value, points):
    breakdown = compute(CLEAN | {key: value})
    assert breakdown["residual"] == points
    if points:
        (line,) = breakdown["lines"]
        assert line["key"] == key and line["value"] == value and line["points"] == points and line["reason"]
        assert line["question"] and line["section"] == key.split(".")[0]


def test_international_transfers_count_only_without_a_safeguard():
    abroad = CLEAN | {"transfer.international": "yes"}
    assert compute(abroad)["residual"] == 2
    assert compute(abroad | {"transfer.safeguards": "yes"})["residual"] == 0


@pytest.mark.parametrize(
    "updated, points",
    [("2024-07-01", 0), ("2024-06-30", 0), ("2024-06-29", 2), ("2019-01-01", 2), ("not_stated", 2), ("junk", 0)],
)
def test_a_statement_older_than_24_months_adds_points(updated, points):
    assert compute(CLEAN | {"policy.last_updated": updated})["residual"] == points


def test_unless_rule_needs_the_exact_other_answer():
    rule = {"when": "yes", "unless": {"transfer.safeguards": "yes"}, "weight": 2}
    assert rule_matches(rule, "yes", {"transfer.safeguards": "not_stated"}, today=TODAY)
    assert not rule_matches(rule, "yes", {"transfer.safeguards": "yes"}, today=TODAY)
    assert not rule_matches(rule, "no", {}, today=TODAY)


def test_the_inherent_factor_grows_with_criticality_and_what_the_desk_touches():
    assert inherent_factor(criticality="low") == (0.8, ["Low criticality: ×0.8"])
    factor, reasons = inherent_factor(criticality="critical", has_device_access=True, handles_payment_data=True)
    assert factor == 2.0
    assert reasons == [
        "Critical criticality: ×1.5",
        "Sees payment data: +0.2",
        "Gets credentials or remote access to devices: +0.3",
    ]


def test_the_factor_scales_the_residual_into_the_score_and_tier():
    values = CLEAN | {"collect.remote_access": "yes", "collect.credentials": "yes"}  # residual 6
    assert compute(values, {"criticality": "low"})["score"] == 5  # 4.8 rounds half up
    assert compute(values, {"criticality": "low"})["tier"] == "low"
    assert compute(values)["tier"] == "medium"
    intake = {"criticality": "critical", "has_device_access": True, "handles_customer_data": True}
    breakdown = compute(values, intake)
    assert breakdown["score"] == 12 and breakdown["tier"] == "high"


@pytest.mark.parametrize(
    "score, tier", [(0, "low"), (5, "low"), (6, "medium"), (11, "medium"), (12, "high"), (20, "critical")]
)
def test_tiers_follow_the_named_thresholds(score, tier):
    assert tier_for(score) == tier
    assert TIER_THRESHOLDS[tier] <= score


def test_the_breakdown_keeps_the_shape_the_pdf_reads():
    breakdown = compute({})
    assert set(breakdown) == {"lines", "residual", "inherent", "score", "tier", "thresholds"}
    assert set(breakdown["lines"][0]) == {"key", "question", "section", "value", "points", "reason"}
    assert set(breakdown["inherent"]) == {"factor", "reasons"} and isinstance(breakdown["inherent"]["factor"], float)
    assert breakdown["thresholds"] == {"low": 0, "medium": 6, "high": 12, "critical": 20}


@pytest.mark.django_db
def test_assessment_score_saves_the_score_from_the_answers():
    vendor = VendorFactory(criticality=Criticality.HIGH, handles_customer_data=True)
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)  # everything not stated: residual 12
    assessment_score(assessment=assessment, today=TODAY)
    assessment.refresh_from_db()
    assert (assessment.residual_score, assessment.risk_score, assessment.risk_tier) == (12, 17, "high")
    assert assessment.score_breakdown["inherent"]["factor"] == 1.45

    Answer.objects.filter(assessment=assessment, question__key="security.measures").update(value="specific")
    assessment_score(assessment=assessment, today=TODAY)
    assessment.refresh_from_db()
    assert assessment.residual_score == 9 and assessment.risk_score == 13
    assert "security.measures" not in {line["key"] for line in assessment.score_breakdown["lines"]}
