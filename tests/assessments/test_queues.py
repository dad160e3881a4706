"""Queues and lists say what waits, why, for whom, and how far the review got.

States are built directly (not through the workflow services) so these tests describe what
the pages show for each state, whatever path led there.
"""

import re

import pytest
from django.utils import timezone

from assessments.models import Answer, AuditEvent, SignOff
from assessments.selectors import assessments_progress
from tests.factories import AssessmentFactory, VendorFactory

pytestmark = pytest.mark.django_db

COMMENT = "The retention answer contradicts section 4; please attach the DPA."


def in_review(requester, *, round_=1, name=None):
    vendor = VendorFactory(business_owner=requester, created_by=requester, **({"name": name} if name else {}))
    return AssessmentFactory(
        vendor=vendor,
        with_answers=True,
        status="in_review",
        review_round=round_,
        submitted_by=requester,
        submitted_at=timezone.now(),
    )


def queue_of(client):
    page = client.get("/").content.decode()
    return page.split('id="my-queue"')[1].split("</ul>")[0]


def row_of(queue: str, name: str) -> str:
    return next(row for row in queue.split("queue-row")[1:] if name in row)


def test_the_reviewer_queue_gives_the_reason_each_assessment_waits(client_for, requester, reviewer):
    fresh = in_review(requester, name="Fresh Desk")
    answered = in_review(requester, round_=2, name="Answered Desk")
    SignOff.objects.create(
        assessment=answered, user=reviewer, role="Reviewer", decision="request_changes", comment=COMMENT, review_round=1
    )
    reopened = in_review(requester, round_=2, name="Reopened Desk")
    SignOff.objects.create(assessment=reopened, user=reviewer, role="Reviewer", decision="approve", review_round=1)
    queue = queue_of(client_for(reviewer))
    assert re.search(r'queue-reason">new<', row_of(queue, fresh.vendor.name))
    assert re.search(r'queue-reason">changes answered<', row_of(queue, answered.vendor.name))
    assert re.search(r'queue-reason">reopened<', row_of(queue, reopened.vendor.name))


def test_the_requester_queue_shows_the_reviewers_comment(client_for, requester, reviewer):
    assessment = in_review(requester)
    SignOff.objects.create(
        assessment=assessment, user=reviewer, role="Reviewer", decision="request_changes", comment=COMMENT
    )
    type(assessment).objects.filter(pk=assessment.pk).update(status="changes_requested")
    row = row_of(queue_of(client_for(requester)), assessment.vendor.name)
    assert "Ravi: “The retention answer contradicts section 4; please attach the DPA.”" in row
    assert "changes requested" in row and "waits on rita to answer the changes" in row


def test_lists_show_reviewed_of_the_questionnaires_length_and_who_is_awaited(client_for, requester, reviewer):
    assessment = in_review(requester)
    questions = assessment.template.questions.count()
    first_three = assessment.answers.order_by("question__position")[:3]
    Answer.objects.filter(pk__in=[a.pk for a in first_three]).update(review="accepted")
    SignOff.objects.create(assessment=assessment, user=reviewer, role="Reviewer", decision="approve")
    client = client_for(reviewer)
    vendors = client.get("/vendors/").content.decode()
    assert f'class="reviewed">3/{questions}<' in vendors and "Approver" in vendors.split('class="waits-on')[1]
    vendor_page = client.get(f"/vendors/{assessment.vendor_id}/").content.decode()
    assert f'class="reviewed">3/{questions}<' in vendor_page


def test_the_count_is_the_questionnaires_length_not_a_fixed_35(requester):
    assessment = in_review(requester)
    assessment.answers.order_by("-question__position").first().delete()
    progress = assessments_progress([assessment])[assessment.pk]
    assert progress["questions"] == assessment.template.questions.count()
    assert progress["waits_on"] == "Reviewer then Approver"


def test_a_draft_waits_on_its_requester_and_a_decided_one_on_nobody(requester):
    vendor = VendorFactory(business_owner=requester, created_by=requester)
    draft = AssessmentFactory(vendor=vendor, with_answers=True)
    approved = AssessmentFactory(vendor=vendor, with_answers=True, status="approved")
    progress = assessments_progress([draft, approved])
    assert progress[draft.pk]["waits_on"] == "rita to submit" and progress[approved.pk]["waits_on"] == ""


def test_activity_keeps_downloads_apart_from_decisions(client_for, reviewer, vendor):
    AuditEvent.objects.create(vendor=vendor, kind=AuditEvent.Kind.TRANSITION, message="Approved by Ada.")
    for _ in range(20):
        AuditEvent.objects.create(vendor=vendor, kind=AuditEvent.Kind.EXPORTED, message="Downloaded the PDF.")
    page = client_for(reviewer).get("/").content.decode()
    decisions = page.split('id="recent-decisions"')[1].split("</ul>")[0]
    assert "Approved by Ada." in decisions and "Downloaded" not in decisions
    assert "Downloads and exports (20)" in page


def test_dates_carry_the_year_and_the_time_zone(client_for, reviewer, vendor, settings):
    AuditEvent.objects.create(vendor=vendor, kind=AuditEvent.Kind.VENDOR_UPDATED, message="Changed the owner.")
    page = client_for(reviewer).get("/").content.decode()
    year = timezone.localtime().year
    assert re.search(rf">{year}-\d\d-\d\d \d\d:\d\d UTC</time> · <a", page)
