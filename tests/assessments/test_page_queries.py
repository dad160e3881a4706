"""The current assessment is an indexed flag, and the busy pages cost a fixed number of queries
however many vendors, assessments or reviewed answers there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.timezone import now

from assessments.models import Answer, Assessment, AuditEvent, ReviewComment, SignOff
from tests.factories import AssessmentFactory, VendorFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def vendors_with_assessments(count: int, owner) -> None:
    for _ in range(count):
        AssessmentFactory(vendor=VendorFactory(business_owner=owner, created_by=owner))


def test_each_new_assessment_becomes_the_vendors_current_one(vendor):
    first = AssessmentFactory(vendor=vendor)
    first.refresh_from_db()
    assert first.is_current
    second = AssessmentFactory(vendor=vendor, previous=first)
    first.refresh_from_db(), second.refresh_from_db()
    assert second.is_current and not first.is_current
    assert Assessment.objects.filter(vendor=vendor, is_current=True).get() == second


def test_the_vendor_list_shows_the_current_assessment(client_for, reviewer, vendor):
    old = AssessmentFactory(vendor=vendor)
    Assessment.objects.filter(pk=old.pk).update(risk_tier="low")
    new = AssessmentFactory(vendor=vendor, previous=old)
    Assessment.objects.filter(pk=new.pk).update(risk_tier="critical", risk_score=42)
    client = client_for(reviewer)
    page = client.get("/vendors/?tier=critical").content.decode()
    assert vendor.name in page and "42" in page
    assert vendor.name not in client.get("/vendors/?tier=low").content.decode()


@pytest.mark.parametrize("url", ["/", "/vendors/", "/vendors/?page=2", "/vendors/?tier=medium", "/vendors/?q=Vendor"])
def test_portfolio_pages_cost_the_same_queries_at_any_size(client_for, reviewer, requester, url):
    client = client_for(reviewer)
    vendors_with_assessments(30, requester)
    small = queries(client, url)
    vendors_with_assessments(60, requester)
    assert queries(client, url) == small


def test_the_assessment_page_costs_the_same_queries_however_many_answers_are_reviewed(client_for, reviewer, vendor):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    client = client_for(reviewer)
    url = f"/assessments/{assessment.pk}/"
    none_reviewed = queries(client, url)
    reviewers = [reviewer, *(type(reviewer).objects.create(username=f"r{n}") for n in range(5))]
    for index, answer in enumerate(Answer.objects.filter(assessment=assessment)):
        answer.reviewed_by, answer.review, answer.reviewed_at = reviewers[index % 6], "accepted", timezone.now()
        answer.save(update_fields=["reviewed_by", "review", "reviewed_at"])
    assert queries(client, url) == none_reviewed


# --- the counts stay where they are as the data grows: 2 rows against 20 ---------------------
# Ceilings as well as equality, so a query that comes back for every page is noticed too.


def grow_history(vendor, count: int) -> None:
    """``count`` more assessments of the vendor, each the reassessment of the one before."""
    previous = vendor.assessments.order_by("-created_at").first()
    for _ in range(count):
        previous = AssessmentFactory(vendor=vendor, previous=previous)


# The vendor list pages its ids first, then loads that page's rows: one query more than a plain
# OFFSET, which would evaluate every skipped row's worst-assessment subqueries.
@pytest.mark.parametrize(
    ("url", "ceiling"),
    [("/", 17), ("/vendors/", 11), ("/vendors/?tier=high", 11), ("/vendors/?q=Vendor&page=1", 11)],
)
def test_portfolio_pages_cost_the_same_for_2_and_20_vendors(client_for, reviewer, requester, url, ceiling):
    client = client_for(reviewer)
    for _ in range(2):
        AssessmentFactory(vendor=VendorFactory(business_owner=requester, created_by=requester), risk_tier="high")
    small = queries(client, url)
    for _ in range(18):
        AssessmentFactory(vendor=VendorFactory(business_owner=requester, created_by=requester), risk_tier="high")
    assert queries(client, url) == small <= ceiling


def test_the_vendor_page_costs_the_same_for_2_and_20_assessments(client_for, reviewer, vendor):
    client = client_for(reviewer)
    url = f"/vendors/{vendor.pk}/"
    grow_history(vendor, 2)
    small = queries(client, url)
    grow_history(vendor, 18)
    page = client.get(url).content.decode()
    assert page.count(f'href="/assessments/{vendor.assessments.order_by("created_at").first().pk}/"') >= 1
    # 9, plus the document set (versions, kinds), monitoring (watched URLs, schedule), the timeline,
    # findings (the privacy assessment, its findings) and the newest sub-processor list
    assert queries(client, url) == small <= 18


def test_the_assessment_page_costs_the_same_for_2_and_20_reviewers_sign_offs_comments_and_events(
    client_for, reviewer, vendor
):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True, status=Assessment.Status.IN_REVIEW)
    client = client_for(reviewer)
    url = f"/assessments/{assessment.pk}/"
    answers = list(Answer.objects.filter(assessment=assessment).order_by("pk"))
    people = [type(reviewer).objects.create(username=f"person{n}", first_name=f"Person {n}") for n in range(20)]

    def grow(people_now: list) -> None:
        for index, answer in enumerate(answers):
            answer.reviewed_by, answer.review, answer.reviewed_at = (
                people_now[index % len(people_now)],
                "accepted",
                now(),
            )
            answer.save(update_fields=["reviewed_by", "review", "reviewed_at"])
        for person in people_now:
            SignOff.objects.get_or_create(
                assessment=assessment, user=person, role="Reviewer", defaults={"decision": "request_changes"}
            )
            ReviewComment.objects.get_or_create(assessment=assessment, author=person, body=f"From {person.username}.")
            AuditEvent.objects.create(vendor=vendor, assessment=assessment, actor=person, kind="answer_changed")

    grow(people[:2])
    small = queries(client, url)
    grow(people)
    page = client.get(url).content.decode()
    assert "Person 19" in page  # the twentieth person's review, sign-off or comment is on the page
    # In review, the sign-off panel asks who may sign and what blocks them (services/workflow.py).
    # 20, plus the answers changed since the signed version and the questionnaire upgrades
    # findings: the list, the open ones blocking approval.
    assert queries(client, url) == small <= 24
