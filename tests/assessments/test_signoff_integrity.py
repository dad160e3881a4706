"""A sign-off binds to the answers it signed: any later change voids the round and says what changed."""

import pytest
from django.core import mail

from assessments.models import Answer, Assessment, AuditEvent, RoundSupersession, SignOff
from assessments.services.integrity import answers_snapshot, snapshot_digest
from assessments.services.review import answer_override
from assessments.services.workflow import WorkflowError, assessment_sign_off, assessment_submit, signable_roles
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
Status = Assessment.Status


@pytest.fixture
def in_review(vendor, requester, reviewer, approver):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True, risk_tier="high")
    assessment.answers.update(review=Answer.Review.ACCEPTED, reviewed_by=reviewer)
    return assessment_submit(assessment=assessment, actor=requester)


@pytest.fixture
def reviewer_signed(in_review, reviewer):
    assessment_sign_off(assessment=in_review, actor=reviewer, role="Reviewer", decision="approve")
    in_review.refresh_from_db()
    return in_review


def sells(assessment):
    return assessment.answers.select_related("question").get(question__key="share.sells_data")


def test_a_sign_off_stores_the_digest_of_what_it_signed(reviewer_signed):
    signoff = reviewer_signed.signoffs.get()
    snapshot = answers_snapshot(reviewer_signed)
    assert signoff.answers_snapshot == snapshot
    assert signoff.answers_digest == snapshot_digest(snapshot) and len(signoff.answers_digest) == 64
    assert snapshot["statement_sha256"] == reviewer_signed.statement.sha256
    assert snapshot["answers"]["share.sells_data"] == {
        "value": "not_stated",
        "source": "auto",
        "review": "accepted",
        "evidence": [],
    }


def test_the_digest_covers_value_source_review_evidence_and_statement(reviewer_signed):
    base = answers_snapshot(reviewer_signed)
    for field, other in [("value", "yes"), ("source", "manual"), ("review", "pending"), ("evidence", [[1, 2]])]:
        changed = {**base, "answers": {**base["answers"], "share.sells_data": {**base["answers"]["share.sells_data"]}}}
        changed["answers"]["share.sells_data"][field] = other
        assert snapshot_digest(changed) != snapshot_digest(base), field
    assert snapshot_digest({**base, "statement_sha256": "f" * 64}) != snapshot_digest(base)


def test_an_answer_changed_after_the_reviewer_signed_reopens_the_round(
    reviewer_signed, reviewer, approver, requester, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_override(answer=sells(reviewer_signed), actor=reviewer, value="yes", comment="Section 9 sells leads.")
    reviewer_signed.refresh_from_db()
    assert reviewer_signed.status == Status.IN_REVIEW and reviewer_signed.review_round == 2
    supersession = RoundSupersession.objects.get(assessment=reviewer_signed)
    assert supersession.review_round == 1 and supersession.actor == reviewer
    [entry] = supersession.changes
    assert entry["role"] == "Reviewer" and entry["user"] == "Ravi"
    assert {"key": "share.sells_data", "field": "value", "before": "not_stated", "after": "yes"} in entry["changes"]
    # The reviewer's sign-off is still in the trail, but no longer counts.
    assert SignOff.objects.filter(assessment=reviewer_signed, review_round=1).count() == 1
    assert signable_roles(reviewer_signed, reviewer) == ["Reviewer"]
    assert reviewer_signed.events.filter(kind=AuditEvent.Kind.ROUND_REOPENED).exists()
    [message] = [m for m in mail.outbox if "reopened" in m.subject]
    assert "share.sells_data value: not_stated → yes" in message.body
    assert "since Ravi signed as Reviewer" in message.body
    assert requester.email in message.to and reviewer.email in message.to


def test_the_approver_sees_which_answers_changed_since_the_reviewer_signed(
    reviewer_signed, reviewer, approver, client_for
):
    answer_override(answer=sells(reviewer_signed), actor=reviewer, value="yes", comment="Section 9 sells leads.")
    page = client_for(approver).get(f"/assessments/{reviewer_signed.pk}/").content.decode()
    reopened = page[page.index('id="round-reopened"') :][:2500]
    assert "Review round 1 was reopened" in reopened
    assert "Changed since <strong>Ravi</strong> signed as Reviewer" in reopened
    assert "<code>share.sells_data</code> value: not_stated → yes" in reopened
    assert "superseded" in page[page.index('id="signoffs"') :][:1000]


def test_a_change_made_outside_the_services_is_caught_before_the_approver_signs(reviewer_signed, approver):
    # A shell or script bypassing the services: the approver's sign-off finds the record changed.
    Answer.objects.filter(assessment=reviewer_signed, question__key="share.sells_data").update(value="yes")
    with pytest.raises(WorkflowError, match="Round 1 reopened .*since Ravi signed as Reviewer: share.sells_data"):
        assessment_sign_off(assessment=reviewer_signed, actor=approver, role="Approver", decision="approve")
    reviewer_signed.refresh_from_db()
    assert reviewer_signed.status == Status.IN_REVIEW and reviewer_signed.review_round == 2
    assert not SignOff.objects.filter(assessment=reviewer_signed, role="Approver").exists()


def test_an_unchanged_record_does_not_reopen(reviewer_signed, approver):
    assessment_sign_off(assessment=reviewer_signed, actor=approver, role="Approver", decision="approve")
    reviewer_signed.refresh_from_db()
    assert reviewer_signed.status == Status.APPROVED and not RoundSupersession.objects.exists()


def test_the_pdf_marks_the_sign_offs_of_a_voided_round_as_superseded(reviewer_signed, reviewer):
    from assessments.exports import assessment_pdf_html

    assert "superseded" not in assessment_pdf_html(assessment=reviewer_signed)
    answer_override(answer=sells(reviewer_signed), actor=reviewer, value="no", comment="Section 4 denies it.")
    html = assessment_pdf_html(assessment=reviewer_signed)
    assert "superseded: an answer changed" in html and "round 1 no longer counts" in html
