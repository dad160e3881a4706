"""Every state change is on the trail with its actor: a single accept, a retry, an export."""

import pytest

from assessments.models import AuditEvent
from assessments.services.review import answer_accept
from policies.models import Statement
from policies.services import statement_retry
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_a_single_accept_is_audited(vendor, reviewer):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    answer = assessment.answers.select_related("question").get(question__key="share.sells_data")
    answer_accept(answer=answer, actor=reviewer)
    event = assessment.events.get(kind=AuditEvent.Kind.ANSWER_REVIEWED)
    assert event.actor == reviewer and event.created_at
    assert event.message == "Accepted share.sells_data = not_stated."


def test_a_retry_is_audited(vendor, requester):
    assessment = AssessmentFactory(vendor=vendor)
    Statement.objects.filter(pk=assessment.statement_id).update(status="failed", error="The broker was down.")
    statement_retry(statement=Statement.objects.get(pk=assessment.statement_id), actor=requester)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.STATEMENT_RETRIED)
    assert event.actor == requester and "after: The broker was down." in event.message


@pytest.mark.parametrize("suffix", ["summary.pdf", "export.json"])
def test_every_export_is_audited(vendor, approver, client_for, suffix):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    response = client_for(approver).get(f"/assessments/{assessment.pk}/{suffix}")
    assert response.status_code == 200
    assert assessment.events.get(kind=AuditEvent.Kind.EXPORTED).actor == approver


def test_the_portfolio_export_is_audited(vendor, approver, client_for):
    assert client_for(approver).get("/vendors/portfolio.csv").status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORTED)
    assert event.actor == approver and event.vendor is None and event.message == "Downloaded the portfolio CSV."
