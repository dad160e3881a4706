"""Who may not see a vendor, and the uploads that are refused on the form, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from assessments.roles import Role
from policies.models import Statement
from tests.browser.conftest import screenshot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_outsider_sees_the_no_role_page_instead_of_the_vendor(open_page, outsider, vendor):
    page = open_page(outsider)
    response = page.goto(f"/vendors/{vendor.pk}/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Your account has no role yet")).to_be_visible()
    expect(page.get_by_text(vendor.name)).to_have_count(0)
    expect(page.get_by_role("link", name="Vendors")).to_have_count(0)


def test_a_requester_of_another_vendor_gets_not_found(open_page, vendor):
    other = UserFactory(username="nina", first_name="Nina", roles=[Role.REQUESTER])
    page = open_page(other)
    response = page.goto(f"/vendors/{vendor.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    page.goto("/vendors/")
    expect(page.get_by_text("No vendors match.")).to_be_visible()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("setup.exe", b"MZ\x90\x00\x03" + bytes(64), "“.exe” files are not supported."),
    ],
    ids=["empty", "exe"],
)
def test_a_refused_upload_shows_its_message_on_the_form_and_saves_nothing(
    open_page, requester, vendor, name, content, message
):
    page = open_page(requester)
    page.goto(f"/vendors/{vendor.pk}/")
    upload(page, name, content)
    form = page.locator("#statement-upload")
    expect(form).to_be_visible()
    expect(form).to_contain_text(message)
    expect(page.get_by_text("No document yet.")).to_be_visible()
    screenshot(page, f"11-upload-refused-{name.replace('.', '-')}")
    assert not Statement.objects.exists()


def upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("Document file").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name="Upload document").click()
