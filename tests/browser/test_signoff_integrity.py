"""Sign-off in Chromium: the count of answers left to review, then a change that reopens the round."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Answer, Assessment, RoundSupersession
from assessments.services.workflow import assessment_submit
from tests.browser.conftest import screenshot
from tests.factories import AssessmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def review_every_answer(page: Page) -> None:
    """Accept the harmless answers in bulk, then each remaining one by hand, as the form asks."""
    page.get_by_role("button", name="Accept these answers").click()
    accept = page.locator(".answer-review button", has_text="Accept")
    while accept.count():
        accept.first.click()
        page.wait_for_load_state()
    expect(page.locator("#remaining-review")).to_have_count(0)


def test_sign_off_counts_what_remains_and_a_later_change_reopens_the_round(
    open_page, requester, reviewer, approver, vendor
):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    assessment.answers.filter(question__position__lt=30).update(review=Answer.Review.ACCEPTED)
    assessment_submit(assessment=assessment, actor=requester)
    sells = assessment.answers.get(question__key="share.sells_data")

    ravi = open_page(reviewer)
    ravi.goto(f"/assessments/{assessment.pk}/")
    remaining = ravi.locator("#remaining-review")
    expect(remaining).to_contain_text("5 answers still need review")
    expect(remaining.get_by_role("link")).to_have_count(5)
    ravi.locator("#sign-off-form").get_by_label("Decision").select_option("approve")
    ravi.locator("#sign-off-form").get_by_role("button", name="Sign off").click()
    expect(ravi.get_by_role("alert")).to_contain_text("You cannot approve yet. 5 answers still need review")
    screenshot(ravi, "11-remaining-review", full_page=False)

    review_every_answer(ravi)
    ravi.locator("#sign-off-form").get_by_label("Decision").select_option("approve")
    ravi.locator("#sign-off-form").get_by_role("button", name="Sign off").click()
    expect(ravi.get_by_role("alert")).to_have_text("Your sign-off is recorded.")
    expect(ravi.locator(".sign-refusal")).to_have_text(
        "You signed this round as Reviewer; four eyes needs another person."
    )

    # The reviewer changes their mind after signing: the round is void and says what changed.
    row = ravi.locator(f"#answer-{sells.pk}")
    row.locator("summary", has_text="Override").click()
    row.get_by_label("New answer").select_option("yes")
    row.get_by_label("Why").fill("Section 9 sells leads to partners.")
    row.get_by_role("button", name="Save override").click()
    reopened = ravi.locator("#round-reopened")
    expect(reopened).to_contain_text("Review round 1 was reopened")
    expect(reopened).to_contain_text("share.sells_data value: not_stated → yes")

    ada = open_page(approver)
    ada.goto(f"/assessments/{assessment.pk}/")
    expect(ada.locator("#round-reopened")).to_contain_text("Changed since Ravi signed as Reviewer:")
    expect(ada.locator("#round-reopened")).to_contain_text("share.sells_data value: not_stated → yes")
    expect(ada.locator("#signoffs")).to_contain_text(re.compile(r"round 1 · superseded"))
    expect(ada.locator("#sign-off-form .approval-blocker")).to_have_text(
        "The Approver approves after the Reviewer sign-off."
    )
    screenshot(ada, "12-round-reopened")
    assessment.refresh_from_db()
    assert assessment.review_round == 2 and assessment.status == Assessment.Status.IN_REVIEW
    assert RoundSupersession.objects.filter(assessment=assessment, review_round=1).exists()
