"""In Chromium with a real worker: a vendor's three documents, its sub-processor table, a
contradiction quoted from both sides, and a reviewer dismissing it with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import AuditEvent, Finding, Vendor
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
JOB_TIMEOUT_MS = 30_000
REASON = "Chatterbox only relays messages and stores nothing; the SCCs cover it."


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def add_document(page: Page, vendor: Vendor, kind: str, name: str, heading: str) -> None:
    page.goto(f"/vendors/{vendor.pk}/?kind={kind}#add-document")
    form = page.locator("#tab-upload")
    form.get_by_label("Document file").set_input_files(
        {"name": name, "mimeType": "text/markdown", "buffer": (DEMO / name).read_bytes()}
    )
    form.get_by_role("button", name="Upload document").click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("[id^=statement-progress-]")).to_contain_text("filled in", timeout=JOB_TIMEOUT_MS)


def test_a_list_shows_its_table_and_a_finding_the_reviewer_dismisses(worker, open_page, requester, reviewer):
    vendor = Vendor.objects.create(name="TicketTide", business_owner=requester, created_by=requester)
    rita = open_page()
    rita.goto("/accounts/login/")
    log_in(rita, requester)
    add_document(rita, vendor, "privacy_statement", "tickettide.md", "Privacy statement v1")
    add_document(rita, vendor, "dpa", "tickettide-dpa.md", "DPA v1")
    add_document(rita, vendor, "subprocessor_list", "tickettide-subprocessors.md", "Sub-processor list v1")

    # The list's own page has its table once read; the vendor page has it too, sortable, and the findings.
    rita.reload()
    expect(rita.locator("#subprocessor-table .subprocessor-name")).to_have_text(
        ["Polder Hosting B.V.", "Chatterbox Relay Inc.", "Lumen Mail AB"]
    )
    rita.goto(f"/vendors/{vendor.pk}/")
    rita.locator("#subprocessor-table").get_by_role("link", name="Location").click()
    expect(rita.locator("#subprocessor-table .subprocessor-places")).to_have_text(["NL", "SE", "US"])
    region = rita.locator(".finding[data-rule='region.subprocessor_outside']")
    expect(rita.locator(".finding")).to_have_count(3)
    expect(region).to_contain_text("Why this is a finding:")
    quotes = region.locator(".finding-quote")
    expect(quotes.nth(0)).to_contain_text("not transferred outside the European Union")
    expect(quotes.nth(1)).to_contain_text("Chatterbox Relay Inc.")
    expect(region.locator(".finding-form")).to_have_count(0)  # a requester does not decide findings
    screenshot(rita, "21-findings")

    # A quote opens its document with the passage highlighted.
    region.get_by_role("link", name="Show in the document").nth(1).click()
    expect(rita.locator("#quote mark")).to_contain_text("Chatterbox Relay Inc.")

    ravi = open_page(reviewer)
    ravi.goto(f"/vendors/{vendor.pk}/#findings")
    region = ravi.locator(".finding[data-rule='region.subprocessor_outside']")
    region.get_by_label("Comment or reason").fill(REASON)
    region.get_by_role("button", name="Dismiss").click()
    expect(ravi.get_by_role("alert")).to_contain_text("Finding dismissed")
    region = ravi.locator(".finding[data-rule='region.subprocessor_outside']")
    expect(region.locator(".finding-status")).to_have_text("Dismissed: not a contradiction")
    expect(region.locator(".finding-comment")).to_contain_text(REASON)
    screenshot(ravi, "22-finding-dismissed")
    finding = Finding.objects.get(vendor=vendor, rule="region.subprocessor_outside")
    assert (finding.status, finding.comment, finding.reviewed_by) == ("dismissed", REASON, reviewer)
    assert AuditEvent.objects.filter(vendor=vendor, kind=AuditEvent.Kind.FINDING_REVIEWED, actor=reviewer).exists()
