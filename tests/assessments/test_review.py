"""Reviewers accept or override answers; overrides keep the automatic reading beside them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import Answer, AuditEvent
from assessments.services.review import answer_accept, answer_override, answers_accept_above, review_progress
from tests.factories import AssessmentFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(vendor):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    sells = assessment.answers.get(question__key="share.sells_data")
    sells.value = sells.auto_value = "no"
    sells.confidence = sells.auto_confidence = 0.9
    sells.evidence = sells.auto_evidence = [{"start": 0, "end": 20, "text": "We do not sell data."}]
    sells.save()
    return assessment


def answer(assessment, key):
    return assessment.answers.get(question__key=key)


def test_override_keeps_the_automatic_value_and_evidence(assessment, reviewer):
    changed = answer_override(
        answer=answer(assessment, "share.sells_data"), actor=reviewer, value="yes", comment="Section 9 sells leads."
    )
    assert (changed.value, changed.source, changed.review) == ("yes", "manual", "overridden")
    assert changed.auto_value == "no" and changed.auto_evidence[0]["text"] == "We do not sell data."
    assert changed.reviewer_comment == "Section 9 sells leads." and changed.reviewed_by == reviewer
    event = assessment.events.get(kind=AuditEvent.Kind.ANSWER_CHANGED)
    assert event.data == {"question": "share.sells_data", "from": "no", "to": "yes", "auto": "no"}


def test_override_rescoring_the_assessment(assessment, reviewer):
    answer_override(answer=answer(assessment, "share.sells_data"), actor=reviewer, value="yes", comment="Sells.")
    assessment.refresh_from_db()
    lines = {line["key"]: line["points"] for line in assessment.score_breakdown["lines"]}
    assert lines["share.sells_data"] == 3


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("share.sells_data", "maybe", "not an answer to this question"),
        ("policy.last_updated", "yesterday", "YYYY-MM-DD"),
        ("policy.privacy_contact", "not an address", "valid email"),
        ("policy.change_notice", "yes", "choose direct, posted, not_stated"),
    ],
)
def test_a_value_that_does_not_fit_the_question_is_refused(assessment, reviewer, key, value, message):
    with pytest.raises(ValidationError, match=message):
        answer_override(answer=answer(assessment, key), actor=reviewer, value=value, comment="Checked.")
    assert answer(assessment, key).source == "auto"


def test_override_needs_a_comment(assessment, reviewer):
    with pytest.raises(ValidationError, match="comment"):
        answer_override(answer=answer(assessment, "share.sells_data"), actor=reviewer, value="yes", comment=" ")


def test_accept_above_a_confidence_counts_progress(assessment, reviewer):
    assert review_progress(assessment) == (0, V1_QUESTION_COUNT)
    assert answers_accept_above(assessment=assessment, actor=reviewer, threshold=0.8) == 1
    answer_accept(answer=answer(assessment, "collect.location"), actor=reviewer)
    assert review_progress(assessment) == (2, V1_QUESTION_COUNT)
    assert answer(assessment, "share.sells_data").review == Answer.Review.ACCEPTED


def test_requesters_cannot_review(assessment, requester):
    with pytest.raises(PermissionDenied):
        answer_accept(answer=answer(assessment, "collect.location"), actor=requester)


def test_an_approved_assessment_is_read_only(assessment, reviewer):
    assessment.status = "approved"
    assessment.save()
    with pytest.raises(ValidationError, match="read-only"):
        answer_override(answer=answer(assessment, "share.sells_data"), actor=reviewer, value="yes", comment="Late.")
    with pytest.raises(ValidationError, match="read-only"):
        answers_accept_above(assessment=assessment, actor=reviewer, threshold=0.1)
