"""A reviewer's override of a number or a country answer (the Art. 28 objection period and
governing law) is checked like a date or an e-mail: a bad value is refused, saying what fits."""

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Answer, QuestionnaireTemplate
from assessments.services.review import answer_override
from tests.factories import AssessmentFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def art28(vendor):
    template = QuestionnaireTemplate.objects.get(slug="gdpr-art28")
    dpa = StatementFactory(vendor=vendor, kind_id="dpa", version=1)
    return AssessmentFactory(vendor=vendor, template=template, statement=dpa, with_answers=True)


def answer(assessment, key) -> Answer:
    return assessment.answers.select_related("question", "assessment__vendor").get(question__key=key)


@pytest.mark.parametrize(("typed", "stored"), [("30", "30"), (" 14 ", "14"), ("030", "30"), ("0", "0")])
def test_a_whole_number_of_days_is_stored_as_digits(art28, reviewer, typed, stored):
    days = answer_override(answer=answer(art28, "art28.objection_days"), actor=reviewer, value=typed, comment="§9.")
    assert days.value == stored


@pytest.mark.parametrize("typed", ["30 days", "-5", "1.5", "thirty", "٣٠", "1234567"])
def test_anything_but_a_whole_number_is_refused_and_nothing_changes(art28, reviewer, typed):
    with pytest.raises(ValidationError) as refused:
        answer_override(answer=answer(art28, "art28.objection_days"), actor=reviewer, value=typed, comment="§9.")
    assert f"“{typed}” is not a whole number" in refused.value.messages[0]
    unchanged = answer(art28, "art28.objection_days")
    assert (unchanged.value, unchanged.source, unchanged.review) == ("not_stated", "auto", "pending")


@pytest.mark.parametrize(("typed", "stored"), [("DE", "DE"), ("ie", "IE"), ("not_stated", "not_stated")])
def test_a_country_code_is_stored_upper_case(art28, reviewer, typed, stored):
    law = answer_override(answer=answer(art28, "art28.governing_law"), actor=reviewer, value=typed, comment="§14.")
    assert law.value == stored


@pytest.mark.parametrize(
    ("typed", "hint"), [("Germany", "Germany is DE."), ("DEU", "Germany is DE."), ("XX", ""), ("England", "")]
)
def test_anything_but_an_alpha_2_code_is_refused_with_the_code_suggested(art28, reviewer, typed, hint):
    with pytest.raises(ValidationError) as refused:
        answer_override(answer=answer(art28, "art28.governing_law"), actor=reviewer, value=typed, comment="§14.")
    message = refused.value.messages[0]
    assert f"“{typed}” is not an ISO 3166 alpha-2 country code" in message and message.endswith(hint)
    assert answer(art28, "art28.governing_law").value == "not_stated"


def test_the_page_form_says_why_a_value_was_refused(client_for, art28, reviewer):
    days = answer(art28, "art28.objection_days")
    url = f"/assessments/{art28.pk}/answers/{days.pk}/override/"
    response = client_for(reviewer).post(url, {"value": "two weeks", "comment": "Read §9."}, follow=True)
    assert "“two weeks” is not a whole number" in response.content.decode()
    assert answer(art28, "art28.objection_days").value == "not_stated"
    page = client_for(reviewer).get(f"/assessments/{art28.pk}/").content.decode()
    assert "ISO 3166 code, e.g. DE, or not_stated" in page and "a whole number, e.g. 30, or not_stated" in page
