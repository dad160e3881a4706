"""A new version after approval, in Chromium: compare it with the signed one, review only what changed, sign."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from tests.assessments.test_changes import REVISED, V1, V3, read
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def change_review(vendor, requester, reviewer, approver):
    """Tallybird v1 approved by Ravi and Ada, then v2 (the realistic revision) read: a change review."""
    from assessments.services.review import answer_accept
    from assessments.services.workflow import assessment_sign_off, assessment_submit

    read(vendor, requester, V1)
    signed = Assessment.objects.get()
    for answer in signed.answers.all():
        answer_accept(answer=answer, actor=reviewer)
    assessment_submit(assessment=signed, actor=requester)
    assessment_sign_off(assessment=signed, actor=reviewer, role="Reviewer", decision="approve")
    assessment_sign_off(assessment=signed, actor=approver, role="Approver", decision="approve")
    read(vendor, requester, V3)
    return Assessment.objects.get(previous=signed)


def test_compare_two_versions_from_the_timeline_and_sign_the_change_review(
    open_page, change_review, vendor, requester, reviewer, approver
):
    page = open_page(requester)
    page.goto(f"/vendors/{vendor.pk}/")
    timeline = page.locator("#timeline")
    expect(timeline.locator(".timeline-version")).to_have_count(2)
    for version in (1, 2):
        timeline.get_by_label(f"Pick Privacy statement v{version} to compare").check()
    timeline.get_by_role("button", name="Compare the two ticked versions").click()
    expect(page.locator("h1")).to_have_text("Privacy statement: v1 → v2")
    expect(page.locator("#diff-summary")).to_contain_text("10 sentences changed in 5 sections; 2 moved")
    expect(page.locator("section[aria-label='Drafted replies'] ins").nth(1)).to_contain_text("Mistral AI")
    expect(page.locator("section[aria-label='How long we keep it'] del.diff-del")).to_have_text("60 ")
    page.get_by_label("Show").select_option("side")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator(".diff-table").first).to_be_visible()
    screenshot(page, "20-document-compare")

    page.goto(f"/assessments/{change_review.pk}/")
    changes = page.locator("#changes-since")
    expect(changes).to_contain_text("5 answers changed since version 1, which Ravi and Ada signed.")
    page.get_by_role("button", name="Submit for review").click()

    ravi = open_page(reviewer)
    ravi.goto(f"/assessments/{change_review.pk}/")
    ravi.locator("#answer-filter").get_by_role("link", name="Changed since v1 (5)").click()
    expect(ravi.locator(".answer-row")).to_have_count(len(REVISED))
    retention = ravi.locator(".answer-row", has_text="retention.period")
    expect(retention.locator(".previous-quote").first).to_contain_text("within 60 days")
    expect(retention.locator(".new-quote").first).to_contain_text("within 90 days")
    screenshot(ravi, "21-changed-answers")
    accept = ravi.locator(".answer-review button", has_text="Accept")
    while accept.count():
        accept.first.click()
        ravi.wait_for_load_state()
    expect(ravi.locator("#remaining-review")).to_have_count(0)
    ravi.locator("#sign-off-form").get_by_label("Decision").select_option("approve")
    ravi.locator("#sign-off-form").get_by_role("button", name="Sign off").click()
    expect(ravi.get_by_role("alert")).to_have_text("Your sign-off is recorded.")

    ada = open_page(approver)
    ada.goto(f"/assessments/{change_review.pk}/")
    expect(ada.locator("#changes-since")).to_contain_text("5 answers changed since version 1")
    ada.locator("#changes-since").get_by_role("link", name="compare v1 with v2").click()
    expect(ada.locator("#diff-summary")).to_contain_text("10 sentences changed")
    ada.go_back()
    ada.locator("#sign-off-form").get_by_label("Decision").select_option("approve")
    ada.locator("#sign-off-form").get_by_role("button", name="Sign off").click()
    expect(ada.locator("#workflow")).to_contain_text("approved and read-only")
    change_review.refresh_from_db()
    assert change_review.status == Assessment.Status.APPROVED
    assert set(change_review.answers.exclude(change="").values_list("question__key", flat=True)) == REVISED
