"""What a requester sees when a statement cannot be read: a refusal in sentences, no stuck bar,
a version they can remove, and, after a retry, the new hash without reloading the page."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import AuditEvent
from policies.fetch import BlockedAddressError, FetchPolicy, fetch_url
from policies.models import Statement
from policies.processing import statement_process
from policies.services import statement_add_text, statement_add_url, statement_remove, statement_retry
from tests.factories import UserFactory
from tests.policies.statement_server import PAGE_TEXT, statement_server

pytestmark = pytest.mark.django_db

STRICT = FetchPolicy(max_bytes=1024, timeout=1.0)


def processed(statement: Statement) -> Statement:
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    return statement


def failed_paste(vendor, actor, text="We collect e-mail addresses.") -> Statement:
    statement = statement_add_text(vendor=vendor, actor=actor, text=text)
    Statement.objects.filter(pk=statement.pk).update(status="failed", progress=10, error="The file is damaged.")
    statement.refresh_from_db()
    return statement


@pytest.fixture
def served(settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = []
    settings.STATEMENT_FETCH_TIMEOUT_SECONDS = 2
    with statement_server() as base_url:
        yield base_url


def test_a_host_resolving_inside_the_network_is_refused_in_sentences():
    with pytest.raises(BlockedAddressError) as refused:
        fetch_url("http://localhost/privacy", policy=STRICT, resolver=lambda host, port: ["127.0.0.1"])
    assert str(refused.value) == (
        "localhost resolves to 127.0.0.1, a loopback address; only public addresses are fetched, so the URL "
        "was refused. An admin can allow internal hosts with STATEMENT_FETCH_ALLOWED_HOSTS=localhost "
        "(comma-separated host names) and a restart of the app and its workers."
    )


def test_a_numeric_spelling_is_refused_with_how_to_write_it():
    with pytest.raises(BlockedAddressError, match=r"^0x7f000001 is a numeric address .* four decimal numbers"):
        fetch_url("http://0x7f000001/", policy=STRICT)


def test_a_failed_job_shows_the_reason_and_no_bar_stuck_at_ten_percent(client_for, requester, served):
    from tests.factories import VendorFactory

    vendor = VendorFactory(business_owner=requester, created_by=requester)
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=f"{served}/page.txt"))
    assert statement.status == "failed"
    page = client_for(requester).get(f"/statements/{statement.pk}/").content.decode()
    assert "127.0.0.1 is a loopback address; only public addresses are fetched" in page
    assert "STATEMENT_FETCH_ALLOWED_HOSTS=127.0.0.1" in page
    assert "<progress" not in page and f"{statement.progress}%" not in page
    assert "Remove this version" in page and "Retry" in page


def test_after_a_retry_the_polled_card_carries_the_new_hash(client_for, requester, served, settings):
    from tests.factories import VendorFactory

    vendor = VendorFactory(business_owner=requester, created_by=requester)
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=f"{served}/page.txt"))
    client = client_for(requester)
    assert "not fetched yet" in client.get(f"/statements/{statement.pk}/").content.decode()

    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    statement_retry(statement=statement, actor=requester)
    page = client.get(f"/statements/{statement.pk}/").content.decode()
    assert f'hx-get="/statements/{statement.pk}/progress/?then=facts"' in page
    processed(statement)
    # What the page's next poll receives: the card, with the hash the worker just computed.
    card = client.get(f"/statements/{statement.pk}/progress/?then=facts", HTTP_HX_REQUEST="true").content.decode()
    assert hashlib.sha256(PAGE_TEXT).hexdigest() in card and "not fetched yet" not in card


def test_the_requester_who_added_a_failed_version_removes_it_with_its_file(
    client_for, requester, vendor, django_capture_on_commit_callbacks
):
    statement = failed_paste(vendor, requester)
    stored = Path(statement.original_file.path)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(requester).post(f"/statements/{statement.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == f"/vendors/{vendor.pk}/"
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert not stored.exists()
    event = AuditEvent.objects.filter(vendor=vendor, data__statement_removed=statement.pk).get()
    assert event.actor == requester
    assert event.message == "Removed privacy statement v1 (Pasted text, v1), which could not be read."
    assert event.data["error"] == "The file is damaged."


def test_only_a_failed_version_by_its_requester_can_be_removed(requester, reviewer, vendor):
    other = UserFactory(username="rosa", roles=["Requester"])
    vendor.business_owner = other
    vendor.save()
    statement = failed_paste(vendor, requester)
    with pytest.raises(PermissionDenied):
        statement_remove(statement=statement, actor=other)
    with pytest.raises(PermissionDenied):
        statement_remove(statement=statement, actor=reviewer)
    Statement.objects.filter(pk=statement.pk).update(status="done")
    statement.refresh_from_db()
    with pytest.raises(ValidationError, match="could not be read"):
        statement_remove(statement=statement, actor=requester)
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_someone_else_sees_no_remove_button(client_for, reviewer, requester, vendor):
    statement = failed_paste(vendor, requester)
    page = client_for(reviewer).get(f"/statements/{statement.pk}/").content.decode()
    assert "The file is damaged." in page and "Remove this version" not in page
