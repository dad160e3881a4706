"""A text with almost no privacy topics is marked as no privacy statement, left unscored, and replaceable."""

from pathlib import Path

import pytest

from assessments.models import Assessment
from assessments.services.workflow import WorkflowError, assessment_submit
from policies.processing import statement_process
from policies.services import statement_add_text

pytestmark = pytest.mark.django_db

FIXITNOW = (Path(__file__).resolve().parents[2] / "assessments" / "demo" / "fixitnow.txt").read_text()
TERMS_OF_SALE = (
    "Terms of sale. Prices include VAT. Orders ship within five working days. Returns are accepted "
    "within thirty days of delivery if the goods are unused and in their original packaging. "
    "These terms are governed by the laws of the Netherlands. Payment is due on receipt of the invoice."
)


def read(vendor, actor, text):
    statement = statement_add_text(vendor=vendor, actor=actor, text=text)
    statement_process(statement_id=statement.pk)
    return Assessment.objects.filter(vendor=vendor).order_by("-pk").first()


@pytest.mark.parametrize("text", ["hello!", TERMS_OF_SALE])
def test_a_text_without_privacy_topics_is_marked_and_not_scored(vendor, requester, text):
    assessment = read(vendor, requester, text)
    assert assessment.looks_like_statement is False
    figures = assessment.statement_figures
    assert figures["total"] == 35 and figures["stated"] < 5 and figures["chars"] == len(text.strip())
    assert assessment.risk_tier == "" and assessment.risk_score == 0 and assessment.score_breakdown == {}
    with pytest.raises(WorkflowError, match="does not look like a privacy statement"):
        assessment_submit(assessment=assessment, actor=requester)


def test_the_page_says_so_with_the_figures(vendor, requester, client_for):
    assessment = read(vendor, requester, "hello!")
    page = client_for(requester).get(f"/assessments/{assessment.pk}/").content.decode()
    banner = page[page.index('id="not-a-statement"') :][:1200]
    assert "This does not look like a privacy statement." in banner
    assert "characters long" in banner and "6 characters" in banner
    assert f'href="/vendors/{vendor.pk}/"' in banner


def test_a_real_statement_replaces_it_and_is_scored(vendor, requester):
    first = read(vendor, requester, TERMS_OF_SALE)
    second = read(vendor, requester, FIXITNOW)
    assert second.pk == first.pk and second.statement.version == 2
    assert second.looks_like_statement is True and second.risk_tier
    assert assessment_submit(assessment=second, actor=requester).status == "in_review"


def test_a_non_statement_arriving_in_review_cannot_be_approved(vendor, requester, reviewer):
    from assessments.models import Answer
    from assessments.services.workflow import assessment_sign_off

    assessment = read(vendor, requester, FIXITNOW)
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    assessment_submit(assessment=assessment, actor=requester)
    read(vendor, requester, TERMS_OF_SALE)
    assessment.refresh_from_db()
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    with pytest.raises(WorkflowError, match="does not look like a privacy statement"):
        assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
