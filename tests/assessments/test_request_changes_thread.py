"""Request changes is a loop: the requester sees the comment, replies, corrects, resubmits; the PDF keeps it."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from assessments import exports
from assessments.models import Answer, Assessment, AuditEvent, ReviewComment
from assessments.services.comments import assessment_comment_add
from assessments.services.workflow import assessment_sign_off, assessment_submit
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
REQUEST = "The retention answer does not match clause 4; please add the current statement."


@pytest.fixture
def changes_requested(vendor, requester, reviewer):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    assessment_submit(assessment=assessment, actor=requester)
    assessment_sign_off(
        assessment=assessment, actor=reviewer, role="Reviewer", decision="request_changes", comment=REQUEST
    )
    assessment.refresh_from_db()
    return assessment


def test_the_reviewers_request_opens_the_thread(changes_requested, reviewer):
    [comment] = changes_requested.comments.all()
    assert (comment.author, comment.kind, comment.body, comment.review_round) == (
        reviewer,
        ReviewComment.Kind.REQUEST_CHANGES,
        REQUEST,
        1,
    )


def test_the_requester_sees_it_replies_and_resubmits(changes_requested, requester, client_for):
    client = client_for(requester)
    page = client.get(f"/assessments/{changes_requested.pk}/").content.decode()
    thread = page[page.index('id="thread"') :][:4000]
    assert REQUEST in thread and "Changes requested" in thread
    assert f"/vendors/{changes_requested.vendor_id}/edit/" in thread  # correct the vendor's details
    assert f'href="/vendors/{changes_requested.vendor_id}/"' in thread  # add a statement
    client.post(f"/assessments/{changes_requested.pk}/comments/", {"body": "Clause 4 was replaced in March."})
    reply = changes_requested.comments.get(kind=ReviewComment.Kind.REPLY)
    assert reply.author == requester and reply.body == "Clause 4 was replaced in March."
    assert changes_requested.events.filter(kind=AuditEvent.Kind.COMMENTED).count() == 2
    client.post(f"/assessments/{changes_requested.pk}/submit/")
    changes_requested.refresh_from_db()
    assert changes_requested.status == Assessment.Status.IN_REVIEW and changes_requested.review_round == 2


def test_an_empty_reply_is_refused(changes_requested, requester):
    with pytest.raises(ValidationError, match="Write a message first"):
        assessment_comment_add(assessment=changes_requested, actor=requester, body="  ")


def test_the_thread_is_in_the_pdf(changes_requested, requester):
    assessment_comment_add(assessment=changes_requested, actor=requester, body="Clause 4 was replaced in March.")
    pdf = exports.assessment_pdf(assessment=changes_requested)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Requested changes and replies" in text
    assert "does not match clause 4" in text and "Clause 4 was replaced in March." in text
