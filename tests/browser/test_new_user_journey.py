"""A new requester and a new reviewer on their first day, in Chromium with a real worker.

What issue 16 found in the way: a vendor name cut silently, URL refusals in jargon, a failed
job stuck at 10%, raw Markdown in the evidence, a queue that does not say why, and a PDF that
loses non-Latin names. One test, each step a function named for what the person does; each
key page is saved in artifacts/screenshots/ as new-user-*.png.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments.models import Answer, Assessment, Vendor
from policies.models import Statement
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Chinese, Cyrillic, Greek and Arabic in one name: every page and the PDF must show all four.
VENDOR = "蓝天客服 Служба Ωμέγα مكتب"
STATEMENT = (Path(__file__).with_name("blue-sky-privacy.md")).read_text()
COMMENT = "Retention: does the 90 days also cover attachments? Please ask the vendor."
JOB_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def test_a_new_requester_and_reviewer_find_their_way(worker, open_page, requester, reviewer):
    rita = open_page(requester)
    register_with_a_name_too_long(rita)
    register_vendor(rita, VENDOR)
    vendor = Vendor.objects.get(name=VENDOR)

    fetch_an_internal_url_and_read_why_not(rita, vendor)
    remove_the_failed_version(rita, vendor)
    upload_markdown_and_watch_the_count(rita)
    assessment = Assessment.objects.get(vendor=vendor)
    choose_the_second_passage(rita, answer_to(assessment, "retention.period"))
    rita.get_by_role("button", name="Submit for review").click()
    expect(rita.get_by_role("alert")).to_have_text("Submitted for review.")

    ravi = open_page(reviewer)
    see_in_the_queue(ravi, "new", "reviewed 0/35")
    request_changes(ravi, assessment)
    see_the_comment_in_the_requester_queue(rita)
    rita.goto(f"/assessments/{assessment.pk}/")
    rita.get_by_role("button", name="Submit for review").click()
    see_in_the_queue(ravi, "changes answered", "reviewed 0/35")
    see_reviewed_and_waits_on_in_the_list(ravi)
    download_the_pdf_with_every_script(ravi, assessment)
    see_downloads_apart_from_decisions(ravi)


def register_with_a_name_too_long(page: Page) -> None:
    page.goto("/vendors/new/")
    page.get_by_label("Name").fill("Ж" * 230)
    page.get_by_label("Service").fill("Cloud help desk")
    page.get_by_role("button", name="Save vendor").click()
    expect(page.get_by_text("Name is 230 characters long; the limit is 200.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Ж" * 230)  # nothing cut by the browser
    screenshot(page, "new-user-01-name-too-long", full_page=False)


def register_vendor(page: Page, name: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Save vendor").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def fetch_an_internal_url_and_read_why_not(page: Page, vendor: Vendor) -> None:
    page.wait_for_load_state()  # Bootstrap's tab script runs on load: a click before it is lost
    page.get_by_role("tab", name="From a URL").click()
    page.get_by_label("Document URL").fill("http://localhost:9/privacy")
    page.get_by_role("button", name=re.compile("Fetch")).click()
    card = page.locator("[id^=statement-progress-]")
    expect(card).to_contain_text("could not be read", timeout=JOB_TIMEOUT_MS)
    expect(card).to_contain_text(re.compile(r"localhost resolves to \S+, a loopback address; only public addresses"))
    expect(card).to_contain_text("STATEMENT_FETCH_ALLOWED_HOSTS=localhost")
    expect(card.locator("progress")).to_have_count(0)  # no bar left standing at 10%
    expect(card).not_to_contain_text("10%")
    screenshot(page, "new-user-02-url-refused", full_page=False)


def remove_the_failed_version(page: Page, vendor: Vendor) -> None:
    page.get_by_role("button", name="Remove this version").click()
    expect(page.get_by_role("alert")).to_contain_text("Privacy statement v1 is removed")
    expect(page.get_by_role("heading", name=VENDOR)).to_be_visible()
    assert not Statement.objects.filter(vendor=vendor).exists()


def upload_markdown_and_watch_the_count(page: Page) -> None:
    page.get_by_label("Document file").set_input_files(
        {"name": "blue-sky-privacy.md", "mimeType": "text/markdown", "buffer": STATEMENT.encode()}
    )
    page.get_by_role("button", name="Upload document").click()
    card = page.locator("[id^=statement-progress-]")
    expect(card).to_contain_text("filled in", timeout=JOB_TIMEOUT_MS)
    expect(card).to_contain_text(re.compile(r"Ready for review: \d+ answered from the statement, \d+ not stated"))
    expect(page.locator(".statement-sha256")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    screenshot(page, "new-user-03-statement-read", full_page=False)
    page.get_by_role("link", name="Open the questionnaire").click()


def choose_the_second_passage(page: Page, answer: Answer) -> None:
    row = page.locator(f"#answer-{answer.pk}")
    quotes = row.locator("blockquote")
    expect(quotes).to_contain_text("Data: Ticket content; How long we keep it: We delete ticket data 90 days")
    expect(quotes).not_to_contain_text("|")
    second = row.locator(".quote").nth(1).inner_text().split("\u201d")[0].lstrip("\u201c")
    row.get_by_role("link", name="show passage 2").click()
    viewer = page.locator("#statement-viewer")
    chosen = viewer.locator("mark[data-chosen]")
    expect(chosen).to_contain_text(second[:40])
    expect(chosen).to_be_in_viewport()
    for raw in ("|", "<br>", "_after", "**", "## "):
        expect(viewer).not_to_contain_text(raw)
    screenshot(page, "new-user-04-second-passage", full_page=False)
    first = row.locator(".quote").nth(0).inner_text().split("\u201d")[0].lstrip("\u201c")
    viewer.get_by_role("button", name="Next passage").click()
    expect(viewer.locator("mark.evidence-current")).to_contain_text(first[:40])


def see_in_the_queue(page: Page, reason: str, reviewed: str) -> None:
    page.goto("/")
    row = page.locator("#my-queue .queue-row", has_text=VENDOR)
    expect(row.locator(".queue-reason")).to_have_text(reason)
    expect(row).to_contain_text(reviewed)
    expect(row).to_contain_text("waits on Reviewer then Approver")
    screenshot(page, f"new-user-05-reviewer-queue-{reason.replace(' ', '-')}", full_page=False)


def request_changes(page: Page, assessment: Assessment) -> None:
    page.goto(f"/assessments/{assessment.pk}/")
    form = page.locator("#sign-off-form")
    form.get_by_label("Decision").select_option("request_changes")
    form.get_by_label(re.compile("Comment")).fill(COMMENT)
    form.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("alert")).to_have_text("Your sign-off is recorded.")


def see_the_comment_in_the_requester_queue(page: Page) -> None:
    page.goto("/")
    row = page.locator("#my-queue .queue-row", has_text=VENDOR)
    expect(row.locator(".queue-comment")).to_have_text(f"Ravi: “{COMMENT}”")
    expect(row).to_contain_text("waits on rita to answer the changes")
    screenshot(page, "new-user-06-requester-queue-comment", full_page=False)


def see_reviewed_and_waits_on_in_the_list(page: Page) -> None:
    page.goto("/vendors/")
    row = page.get_by_role("row", name=re.compile("蓝天客服"))
    expect(row.locator(".reviewed")).to_have_text("0/35")
    expect(row.locator(".waits-on")).to_have_text("Reviewer then Approver")
    screenshot(page, "new-user-07-vendor-list", full_page=False)


def download_the_pdf_with_every_script(page: Page, assessment: Assessment) -> None:
    page.goto(f"/assessments/{assessment.pk}/")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download PDF").click()
    text = "".join(p.extract_text() for p in PdfReader(started.value.path()).pages)
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    for word in ("蓝天客服", "Служба", "Ωμέγα"):
        assert word in flat, word
    assert "مكتب" in flat or "مكتب"[::-1] in flat
    assert "Appendix:theevidenceforeverystatedanswer" in flat and "not_stated" not in flat


def see_downloads_apart_from_decisions(page: Page) -> None:
    page.goto("/")
    expect(page.locator("#recent-decisions")).not_to_contain_text("Downloaded")
    expect(page.locator("#recent-exports summary")).to_have_text("Downloads and exports (1)")
    expect(page.locator("#recent-decisions time").first).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$"))
    screenshot(page, "new-user-08-dashboard-activity", full_page=False)


def answer_to(assessment: Assessment, key: str) -> Answer:
    return Answer.objects.get(assessment=assessment, question__key=key)
