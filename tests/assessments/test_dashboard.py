"""The home page and lists: what each persona sees, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import AuditEvent
from assessments.services.workflow import assessment_sign_off, assessment_submit
from tests.factories import AssessmentFactory, VendorFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db


def submitted_assessments(requester, count):
    assessments = []
    for _ in range(count):
        vendor = VendorFactory(business_owner=requester, created_by=requester)
        assessment = AssessmentFactory(vendor=vendor, with_answers=True, risk_tier="high", risk_score=12)
        assessment.answers.update(review="accepted")  # reviewed, so the reviewer may sign
        assessments.append(assessment_submit(assessment=assessment, actor=requester))
    return assessments


def test_reviewer_queue_lists_what_awaits_their_sign_off(client_for, requester, reviewer):
    waiting, signed = submitted_assessments(requester, 2)
    assessment_sign_off(assessment=signed, actor=reviewer, role="Reviewer", decision="approve")
    page = client_for(reviewer).get("/").content.decode()
    queue = page.split('id="my-queue"')[1].split("</ul>")[0]
    assert waiting.vendor.name in queue and signed.vendor.name not in queue


def test_approver_queue_still_holds_what_the_reviewer_signed(client_for, requester, reviewer, approver):
    (assessment,) = submitted_assessments(requester, 1)
    assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
    assert assessment.vendor.name in client_for(approver).get("/").content.decode().split('id="my-queue"')[1]


def test_requester_queue_holds_their_drafts_to_submit(client_for, requester, vendor):
    AssessmentFactory(vendor=vendor, with_answers=True)
    page = client_for(requester).get("/").content.decode()
    assert "ready for you to submit" in page and vendor.name in page


def test_dashboard_shows_counts_overdue_and_activity(client_for, reviewer, vendor):
    AssessmentFactory(vendor=vendor, status="approved", risk_tier="critical", next_review_due=datetime.date(2020, 1, 1))
    AuditEvent.objects.create(vendor=vendor, kind=AuditEvent.Kind.VENDOR_UPDATED, message="Changed the owner.")
    page = client_for(reviewer).get("/").content.decode()
    assert "Overdue reassessments" in page and "due 2020-01-01" in page
    assert "Changed the owner." in page and "tier-critical" in page


@pytest.mark.parametrize("rows", [1, 12])
def test_pages_run_a_fixed_number_of_queries(client_for, requester, reviewer, rows, django_assert_max_num_queries):
    assessments = submitted_assessments(requester, rows)
    client = client_for(reviewer)
    for url in ["/", "/vendors/", f"/assessments/{assessments[0].pk}/", f"/vendors/{assessments[0].vendor_id}/"]:
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


def test_query_counts_do_not_grow_with_rows(client_for, requester, reviewer):
    client = client_for(reviewer)

    def queries_per_page():
        counts = {}
        for url in ["/", "/vendors/"]:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[url] = len(captured)
        return counts

    submitted_assessments(requester, 2)
    few = queries_per_page()
    submitted_assessments(requester, 8)
    assert queries_per_page() == few


def test_vendor_list_filters_by_tier_status_and_owner(client_for, reviewer, requester):
    (high,) = submitted_assessments(requester, 1)
    other = AssessmentFactory(risk_tier="low", status="draft")
    client = client_for(reviewer)
    page = client.get("/vendors/", {"tier": "high"}).content.decode()
    assert high.vendor.name in page and other.vendor.name not in page
    page = client.get("/vendors/", {"status": "draft"}).content.decode()
    assert other.vendor.name in page and high.vendor.name not in page
    page = client.get("/vendors/", {"owner": requester.pk}).content.decode()
    assert high.vendor.name in page and other.vendor.name not in page


def test_assessment_page_offers_the_reviewer_a_sign_off(client_for, requester, reviewer):
    (assessment,) = submitted_assessments(requester, 1)
    page = client_for(reviewer).get(f"/assessments/{assessment.pk}/").content.decode()
    assert 'id="sign-off-form"' in page and f"{V1_QUESTION_COUNT} of {V1_QUESTION_COUNT} answers reviewed" in page
    page = client_for(requester).get(f"/assessments/{assessment.pk}/").content.decode()
    assert 'id="sign-off-form"' not in page and "You submitted it, so others must sign." in page


def test_the_audit_timeline_is_on_the_assessment_page(client_for, requester, reviewer):
    (assessment,) = submitted_assessments(requester, 1)
    page = client_for(reviewer).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Audit trail" in page and "Draft → In review." in page and timezone.now().strftime("%Y-%m-%d") in page
