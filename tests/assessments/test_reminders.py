import datetime

import pytest
from django.core import mail

from assessments.services.reminders import reassessments_mark_overdue
from assessments.services.workflow import next_review_date
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize("tier, months", [("critical", 6), ("high", 12), ("medium", 24), ("low", 36)])
def test_review_cadence_follows_the_tier(tier, months):
    due = next_review_date(tier, datetime.date(2026, 1, 31))
    assert (due.year - 2026) * 12 + due.month - 1 == months


def test_overdue_assessments_are_marked_and_owners_mailed_once(vendor, django_capture_on_commit_callbacks):
    overdue = AssessmentFactory(vendor=vendor, status="approved", next_review_due=TODAY - datetime.timedelta(days=1))
    AssessmentFactory(status="approved", next_review_due=TODAY + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert reassessments_mark_overdue(today=TODAY) == 1
        assert reassessments_mark_overdue(today=TODAY) == 0
    overdue.refresh_from_db()
    assert overdue.overdue_notified_at is not None
    assert len(mail.outbox) == 1 and vendor.business_owner.email in mail.outbox[0].to
    assert "overdue" in mail.outbox[0].subject


def test_a_newer_assessment_clears_the_reminder(vendor):
    AssessmentFactory(vendor=vendor, status="approved", next_review_due=TODAY - datetime.timedelta(days=30))
    AssessmentFactory(vendor=vendor, status="draft")
    assert reassessments_mark_overdue(today=TODAY) == 0
