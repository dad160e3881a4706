"""A requester adds a DPA to a vendor from its page, in Chromium with a real worker, and the
vendor then has two assessments: help-desk privacy and GDPR Art. 28, with the DPA as evidence
of "a DPA is available" in the privacy one."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from policies.processing import statement_process
from policies.services import statement_add_text
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
JOB_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def test_a_dpa_added_from_the_vendor_page_gives_the_vendor_both_assessments(worker, open_page, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=(DEMO / "fixitnow.txt").read_text())
    statement_process(statement_id=statement.pk)
    page = open_page(requester)
    page.goto(f"/vendors/{vendor.pk}/")
    expect(page.locator("#documents-missing")).to_contain_text("DPA")

    page.locator('#document-set tr[data-kind="dpa"]').get_by_role("link", name="Add").click()
    page.wait_for_load_state()  # Bootstrap's tab script runs on load: a click before it is lost
    page.get_by_role("tab", name="Paste text").click()
    paste = page.locator("#tab-paste")
    expect(paste.get_by_role("combobox")).to_have_value("dpa")  # the row's kind is chosen for us
    paste.get_by_label("Document text").fill((DEMO / "fixitnow-dpa.txt").read_text())
    paste.get_by_role("button", name="Save pasted text").click()
    card = page.locator("[id^=statement-progress-]")
    expect(card).to_contain_text("DPA v1: filled in", timeout=JOB_TIMEOUT_MS)

    page.goto(f"/vendors/{vendor.pk}/")
    current = page.locator("tr", has=page.locator(".current-assessment"))
    expect(current).to_have_count(2)
    expect(current.nth(0)).to_contain_text("Help-desk vendor privacy questionnaire")
    expect(current.nth(1)).to_contain_text("GDPR Art. 28(3) processor terms")
    expect(current.nth(1)).to_contain_text("DPA v1")
    expect(page.locator("#documents-missing")).not_to_contain_text("DPA")
    screenshot(page, "30-vendor-with-both-assessments")

    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    answer = privacy.answers.get(question__key="compliance.dpa_available")
    page.goto(f"/assessments/{privacy.pk}/?answer={answer.pk}#statement-viewer")
    viewer = page.locator("#statement-viewer")
    expect(viewer).to_contain_text("Quoted from the vendor's DPA v1")
    expect(viewer.locator("mark")).to_have_count(1)
    expect(page.locator(f"#answer-{answer.pk}")).to_contain_text("DATA PROCESSING TERMS")  # the DPA's title, quoted
