"""The whole journey in Chromium, with a real worker: onboarding, auto-fill, review, four eyes, PDF.

One test, because each step needs the state the one before left (the live server's database
is flushed after every test). Each step is a function named for what the person does.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments.models import Answer, Assessment, SignOff, Vendor
from assessments.roles import Role
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_signoff_integrity import review_every_answer
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

VENDOR = "Acme Help Desk"
JOB_TIMEOUT_MS = 30_000
STATEMENT_V1 = """Acme Help Desk Privacy Statement
Last updated: 1 March 2026

What we collect
We collect your name, e-mail address and the content of your support tickets.

How long we keep it
We delete ticket data 90 days after the ticket is closed.

Sharing
We never sell your personal data.

Security
All data is encrypted in transit with TLS and at rest with AES-256.
"""
# Version 2 adds a rights section; its deletion sentence is the evidence the viewer highlights.
DELETION_SENTENCE = "You can ask us for a copy of your data or ask us to delete it at any time."
STATEMENT_V2 = STATEMENT_V1 + f"\nYour rights\n{DELETION_SENTENCE}\n"
OVERRIDE_COMMENT = "Contract clause 7 forbids remote access to our devices."


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def test_from_registration_to_an_approved_pdf(worker, open_page, requester, reviewer, approver):
    rita = open_page()
    rita.goto("/accounts/login/")
    screenshot(rita, "01-login")
    log_in(rita, requester)
    register_vendor(rita)
    vendor = Vendor.objects.get(name=VENDOR)

    upload_statement(rita, "acme-privacy.txt", STATEMENT_V1)
    screenshot(rita, "03-progress")
    watch_progress_finish(rita)
    screenshot(rita, "04-progress-done")
    paste_statement(rita, vendor, STATEMENT_V2)
    watch_progress_finish(rita)
    assessment = Assessment.objects.get(vendor=vendor)
    rita.get_by_role("link", name="Open the questionnaire").click()
    expect(rita.locator(".answer-row")).to_have_count(V1_QUESTION_COUNT)
    see_evidence_highlighted(rita, answer_to(assessment, "rights.deletion"), DELETION_SENTENCE)
    screenshot(rita, "05-questionnaire-evidence", full_page=False)
    submit_for_review(rita)

    ravi = open_page(reviewer)
    override_answer(ravi, answer_to(assessment, "collect.remote_access"), "no", OVERRIDE_COMMENT)
    review_every_answer(ravi)
    sign_off(ravi, Role.REVIEWER)
    screenshot(ravi, "07-review-panel", full_page=False)

    cannot_approve_own_submission(rita, requester, assessment)

    ada = open_page(approver)
    ada.goto(f"/assessments/{assessment.pk}/")
    sign_off(ada, Role.APPROVER)
    see_approved_and_read_only(ada)
    screenshot(ada, "08-approved-assessment")
    download_pdf_naming(ada, VENDOR)
    ada.goto("/vendors/")
    vendor_row = ada.get_by_role("row", name=VENDOR)
    expect(vendor_row).to_contain_text("Approved")
    expect(vendor_row).to_contain_text(Assessment.objects.get().next_review_due.isoformat())
    screenshot(ada, "09-vendor-list")
    ada.goto("/")
    expect(ada.get_by_role("heading", name="Recent activity")).to_be_visible()
    screenshot(ada, "10-dashboard")


def register_vendor(page: Page) -> None:
    page.get_by_role("link", name="Register a vendor").first.click()
    page.get_by_label("Name").fill(VENDOR)
    page.get_by_label("Website").fill("https://acme-helpdesk.example")
    page.get_by_label("Service").fill("Cloud help desk")
    page.get_by_label("Criticality").select_option("high")
    page.get_by_label("Customer personal data in tickets").check()
    page.get_by_label("Credentials or remote access to devices").check()
    page.get_by_role("button", name="Save vendor").click()
    expect(page.get_by_role("heading", name=VENDOR)).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("is registered")
    expect(page.get_by_text("Credentials or remote access to devices")).to_be_visible()
    screenshot(page, "02-vendor-page")


def upload_statement(page: Page, name: str, text: str) -> None:
    page.get_by_label("Document file").set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Upload document").click()
    expect(page.get_by_role("heading", name="Privacy statement v1")).to_be_visible()


def paste_statement(page: Page, vendor: Vendor, text: str) -> None:
    page.goto(f"/vendors/{vendor.pk}/")
    page.wait_for_load_state()  # Bootstrap's tab script runs on load: a click before it is lost
    page.get_by_role("tab", name="Paste text").click()
    page.get_by_label("Document text").fill(text)
    page.get_by_role("button", name="Save pasted text").click()
    expect(page.get_by_role("heading", name="Privacy statement v2")).to_be_visible()


def watch_progress_finish(page: Page) -> None:
    """The card polls by itself (htmx) until the job is done; the page is never reloaded."""
    expect(page.locator("progress")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    card = page.locator("[id^=statement-progress-]")
    expect(card).to_contain_text("filled in", timeout=JOB_TIMEOUT_MS)
    expect(card).to_contain_text(re.compile(r"Ready for review: \d+ answered from the statement, \d+ not stated"))
    expect(card.locator("progress")).to_have_attribute("value", "100")
    assert page.evaluate("window.stillTheSamePage") is True, "the page reloaded instead of updating itself"


def answer_to(assessment: Assessment, key: str) -> Answer:
    return Answer.objects.get(assessment=assessment, question__key=key)


def see_evidence_highlighted(page: Page, answer: Answer, sentence: str) -> None:
    row = page.locator(f"#answer-{answer.pk}")
    expect(row.locator("blockquote")).to_contain_text(sentence)
    row.get_by_role("link", name="Show in the statement").click()
    mark = page.locator("#statement-viewer mark")
    expect(mark).to_have_text(sentence)
    expect(mark).to_be_in_viewport()
    expect(row).to_have_class(re.compile(r"\blist-group-item-primary\b"))  # the row the viewer quotes
    expect(page.locator("#statement-viewer")).to_contain_text("1 quoted passage highlighted below.")


def submit_for_review(page: Page) -> None:
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert")).to_have_text("Submitted for review.")
    expect(page.locator("#workflow")).to_contain_text("You submitted it, so others must sign.")
    expect(page.locator("#sign-off-form")).to_have_count(0)


def override_answer(page: Page, answer: Answer, value: str, comment: str) -> None:
    page.goto(f"/assessments/{answer.assessment_id}/#answer-{answer.pk}")
    row = page.locator(f"#answer-{answer.pk}")
    row.locator("summary", has_text="Override").click()
    row.get_by_label("New answer").select_option(value)
    row.get_by_label("Why").fill(comment)
    row.evaluate("row => row.scrollIntoView({block: 'center', behavior: 'instant'})")
    screenshot(page, "06-review-override", full_page=False)
    row.get_by_role("button", name="Save override").click()
    expect(page.get_by_role("alert")).to_have_text(f"{answer.question.key} is now {value}.")
    expect(row.locator(".answer-value")).to_have_text(value)
    expect(row).to_contain_text(f"Reviewer: {comment}")
    expect(row).to_contain_text("manual")


def sign_off(page: Page, role: Role) -> None:
    form = page.locator("#sign-off-form")
    expect(form.get_by_label("Sign as")).to_have_value(role)
    form.get_by_label("Decision").select_option("approve")
    form.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("alert")).to_have_text("Your sign-off is recorded.")
    expect(page.locator("#signoffs")).to_contain_text(f"as {role}: Approve")


def cannot_approve_own_submission(page: Page, requester, assessment: Assessment) -> None:
    """Even holding the approver role, the person who submitted it has no way to sign it."""
    requester.groups.add(Group.objects.get(name=Role.APPROVER.value))
    page.goto(f"/assessments/{assessment.pk}/")
    expect(page.locator("#workflow")).to_contain_text(f"Waiting for: {Role.APPROVER}.")
    expect(page.locator("#sign-off-form")).to_have_count(0)

    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    forged = page.request.post(
        f"/assessments/{assessment.pk}/sign-off/",
        form={"csrfmiddlewaretoken": token, "role": Role.APPROVER.value, "decision": "approve"},
    )
    # Refused by the service's four-eyes rule, which says why.
    assert forged.status == 403, forged.status
    assert "you submitted this assessment, so someone else must sign it off" in forged.text()
    assert not SignOff.objects.filter(assessment=assessment, user=requester).exists()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_REVIEW


def see_approved_and_read_only(page: Page) -> None:
    expect(page.locator("h1 + div .badge").first).to_have_text("Approved")
    expect(page.locator("#workflow")).to_contain_text("This assessment is approved and read-only.")
    for control in ("#sign-off-form", ".answer-review", "form[action$='/accept-above/']"):
        expect(page.locator(control)).to_have_count(0)


def download_pdf_naming(page: Page, vendor_name: str) -> None:
    with page.expect_download() as started:
        page.get_by_role("link", name="Download PDF").click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf")
    text = " ".join(page_.extract_text() for page_ in PdfReader(download.path()).pages)
    assert vendor_name in " ".join(text.split())
