"""Submission, four-eyes sign-off and the decisions that follow."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from assessments.models import Answer, Assessment, AuditEvent, SignOff
from assessments.roles import Role
from assessments.services.workflow import (
    WorkflowError,
    assessment_reassess,
    assessment_sign_off,
    assessment_submit,
    signable_roles,
)
from tests.factories import AssessmentFactory, UserFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db
Status = Assessment.Status


@pytest.fixture
def assessment(vendor):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True, risk_tier="high")
    # Every answer reviewed: nobody may approve before that (see test_review_coverage.py).
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    return assessment


@pytest.fixture
def submitted(assessment, requester, reviewer, approver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return assessment_submit(assessment=assessment, actor=requester)


def sign(assessment, user, role, decision="approve", comment=""):
    return assessment_sign_off(assessment=assessment, actor=user, role=role, decision=decision, comment=comment)


def test_submit_opens_a_review_round_and_mails_the_signers(submitted, reviewer, approver, requester):
    assert submitted.status == Status.IN_REVIEW and submitted.review_round == 1
    assert submitted.submitted_by == requester
    assert sorted(mail.outbox[0].to) == sorted([reviewer.email, approver.email])
    assert "awaits your sign-off" in mail.outbox[0].subject


def test_submit_needs_answers(vendor, requester):
    empty = AssessmentFactory(vendor=vendor)
    with pytest.raises(WorkflowError, match="not filled in yet"):
        assessment_submit(assessment=empty, actor=requester)


def test_reviewer_then_approver_approve_and_the_requester_hears_each(
    submitted, reviewer, approver, requester, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign(submitted, reviewer, "Reviewer")
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        sign(submitted, approver, "Approver")
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED and submitted.decided_at and submitted.next_review_due
    assert (submitted.next_review_due - submitted.decided_at.date()).days in range(365, 367)  # high tier: 12 months
    assert [message.to for message in mail.outbox] == [[requester.email], [requester.email]]


def test_sign_off_records_role_decision_comment_and_statement_hash(submitted, reviewer):
    signoff = sign(submitted, reviewer, "Reviewer", comment="Evidence checked.")
    assert (signoff.user, signoff.role, signoff.decision, signoff.comment) == (
        reviewer,
        "Reviewer",
        "approve",
        "Evidence checked.",
    )
    assert signoff.statement_sha256 == submitted.statement.sha256 and signoff.created_at


def test_whoever_submitted_cannot_sign(submitted, requester):
    requester.groups.add(*UserFactory(username="tmp", roles=[Role.REVIEWER]).groups.all())
    del requester._vendorrisk_roles
    with pytest.raises(PermissionDenied, match="you submitted this assessment"):
        sign(submitted, requester, "Reviewer")


def test_one_person_cannot_fill_two_required_roles(submitted):
    both = UserFactory(username="both", roles=[Role.REVIEWER, Role.APPROVER])
    sign(submitted, both, "Reviewer")
    assert signable_roles(submitted, both) == []
    with pytest.raises(PermissionDenied, match="already signed this round as Reviewer"):
        sign(submitted, both, "Approver")


def test_a_role_the_user_does_not_hold_is_refused(submitted, reviewer):
    with pytest.raises(PermissionDenied, match="do not hold the Approver role"):
        sign(submitted, reviewer, "Approver")


def test_a_draft_cannot_be_signed(assessment, reviewer):
    with pytest.raises(WorkflowError, match="not in review"):
        sign(assessment, reviewer, "Reviewer")


def test_request_changes_needs_a_comment_and_reopens_for_the_requester(submitted, reviewer, requester):
    with pytest.raises(WorkflowError, match="comment"):
        sign(submitted, reviewer, "Reviewer", "request_changes")
    sign(submitted, reviewer, "Reviewer", "request_changes", "Retention answer is wrong.")
    submitted.refresh_from_db()
    assert submitted.status == Status.CHANGES_REQUESTED
    resubmitted = assessment_submit(assessment=submitted, actor=requester)
    assert resubmitted.status == Status.IN_REVIEW and resubmitted.review_round == 2
    assert signable_roles(resubmitted, reviewer) == ["Reviewer"]  # a new round needs a new sign-off


def test_reject_is_final_and_locks(submitted, approver):
    sign(submitted, approver, "Approver", "reject", "Sells personal data.")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED and submitted.is_locked
    with pytest.raises(WorkflowError, match="cannot move to in review"):
        assessment_submit(assessment=submitted, actor=submitted.created_by)


def test_every_transition_is_in_the_audit_trail(submitted, reviewer, approver):
    sign(submitted, reviewer, "Reviewer")
    sign(submitted, approver, "Approver")
    kinds = list(submitted.events.order_by("id").values_list("kind", "message"))
    assert (AuditEvent.Kind.TRANSITION, "Draft → In review.") in kinds
    assert (AuditEvent.Kind.TRANSITION, "In review → Approved.") in kinds
    assert sum(kind == AuditEvent.Kind.SIGNOFF for kind, _ in kinds) == 2


def test_a_second_reviewer_cannot_sign_a_role_already_given(submitted, reviewer):
    sign(submitted, reviewer, "Reviewer")
    other = UserFactory(username="rosa", roles=[Role.REVIEWER])
    with pytest.raises(WorkflowError, match="already given"):
        sign(submitted, other, "Reviewer")


def test_reassessment_starts_a_linked_draft(submitted, reviewer, approver, requester):
    sign(submitted, reviewer, "Reviewer")
    sign(submitted, approver, "Approver")
    successor = assessment_reassess(assessment=submitted, actor=requester)
    assert successor.previous == submitted and successor.status == Status.DRAFT
    assert successor.answers.count() == V1_QUESTION_COUNT
    with pytest.raises(WorkflowError, match="already been started"):
        assessment_reassess(assessment=submitted, actor=requester)


def test_an_open_assessment_cannot_be_reassessed(submitted, requester):
    with pytest.raises(WorkflowError, match="still open"):
        assessment_reassess(assessment=submitted, actor=requester)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_final_approvals_give_one_approval(reference_data, vendor, requester, reviewer):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    assessment_submit(assessment=assessment, actor=requester)
    sign(assessment, reviewer, "Reviewer")
    approvers = [UserFactory(username=f"approver{i}", roles=[Role.APPROVER]) for i in range(2)]
    barrier, outcomes = threading.Barrier(2), []

    def approve(user):
        try:
            barrier.wait()
            sign(Assessment.objects.get(pk=assessment.pk), user, "Approver")
            outcomes.append("approved")
        except (WorkflowError, PermissionDenied) as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in approvers]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    assert outcomes.count("approved") == 1, outcomes
    assert SignOff.objects.filter(assessment=assessment, role="Approver").count() == 1
    assert assessment.events.filter(kind=AuditEvent.Kind.TRANSITION, data__to="approved").count() == 1
