"""A new statement while in review reopens the round; after approval it starts a reassessment."""

from pathlib import Path

import pytest

from assessments.models import Answer, Assessment, RoundSupersession
from assessments.services.review import answer_override
from assessments.services.workflow import WorkflowError, assessment_sign_off, assessment_submit
from policies.processing import statement_process
from policies.services import statement_add_text

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
FIXITNOW = (DEMO / "fixitnow.txt").read_text()
# v3 repeats v2 with a sentence appended that changes one answer and leaves the others be.
BREACH = "\n\nWe notify affected customers of a data breach within 72 hours.\n"


def read(vendor, actor, text):
    statement = statement_add_text(vendor=vendor, actor=actor, text=text)
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    return statement


@pytest.fixture
def reviewer_signed(vendor, requester, reviewer, approver):
    read(vendor, requester, FIXITNOW)
    read(vendor, requester, FIXITNOW + "\n\nContact: privacy@fixitnow.example\n")
    assessment = Assessment.objects.get()
    assessment.answers.update(review=Answer.Review.ACCEPTED, reviewed_by=reviewer)
    assessment_submit(assessment=assessment, actor=requester)
    assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
    assessment.refresh_from_db()
    return assessment


def test_a_v3_statement_added_after_the_reviewer_signed_reopens_the_round(reviewer_signed, vendor, requester, approver):
    before = {a.question.key: (a.value, a.review) for a in reviewer_signed.answers.select_related("question")}
    v3 = read(vendor, requester, FIXITNOW + "\n\nContact: privacy@fixitnow.example\n" + BREACH)
    assert v3.version == 3
    reviewer_signed.refresh_from_db()
    assert reviewer_signed.statement == v3 and reviewer_signed.status == Assessment.Status.IN_REVIEW
    assert reviewer_signed.review_round == 2
    supersession = RoundSupersession.objects.get(assessment=reviewer_signed, review_round=1)
    assert supersession.reason == "statement_changed"
    assert any(change["key"] == "statement" for change in supersession.changes[0]["changes"])
    after = {a.question.key: (a.value, a.review) for a in reviewer_signed.answers.select_related("question")}
    changed = [key for key in after if after[key][0] != before[key][0]]
    assert changed == ["security.breach_notification"]
    assert all(after[key][1] == "pending" for key in changed)
    # An answer whose value and quoted evidence did not change keeps its review.
    assert after["share.sells_data"][1] == after["policy.privacy_contact"][1] == "accepted"
    with pytest.raises(WorkflowError, match="approves after the Reviewer"):
        assessment_sign_off(assessment=reviewer_signed, actor=approver, role="Approver", decision="approve")


def test_after_approval_a_new_statement_starts_a_reassessment_keeping_overrides(
    reviewer_signed, vendor, requester, reviewer, approver
):
    reviewer_signed.answers.update(review=Answer.Review.ACCEPTED)
    # Overriding voids the round; the reviewer signs the new one and the approver approves.
    remote = reviewer_signed.answers.select_related("question").get(question__key="collect.remote_access")
    answer_override(answer=remote, actor=reviewer, value="no", comment="Contract forbids remote access.")
    reviewer_signed.refresh_from_db()
    assessment_sign_off(assessment=reviewer_signed, actor=reviewer, role="Reviewer", decision="approve")
    assessment_sign_off(assessment=reviewer_signed, actor=approver, role="Approver", decision="approve")
    reviewer_signed.refresh_from_db()
    assert reviewer_signed.status == Assessment.Status.APPROVED
    read(vendor, requester, FIXITNOW + BREACH)
    successor = Assessment.objects.get(previous=reviewer_signed)
    assert successor.status == Assessment.Status.DRAFT and successor.statement.version == 3
    kept = successor.answers.get(question__key="collect.remote_access")
    assert (kept.value, kept.source, kept.reviewer_comment) == ("no", "manual", "Contract forbids remote access.")
    assert successor.answers.get(question__key="security.breach_notification").review == "pending"
