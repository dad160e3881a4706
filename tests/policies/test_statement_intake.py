"""Adding a statement by file, pasted text or URL; bad input gets a message and saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from policies.models import Statement

pytestmark = pytest.mark.django_db

STATEMENT = b"Privacy notice. We collect your e-mail address to answer tickets."


def upload(client, vendor, name, content):
    return client.post(f"/vendors/{vendor.pk}/statements/upload/", {"file": SimpleUploadedFile(name, content)})


def test_upload_stores_the_original_and_its_hash(client_for, requester, vendor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client_for(requester), vendor, "notice.txt", STATEMENT)
    statement = Statement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/statements/{statement.pk}/"
    assert statement.version == 1 and statement.source == "upload" and statement.status == "queued"
    assert statement.original_file.read() == STATEMENT and statement.original_filename == "notice.txt"
    assert len(statement.sha256) == 64
    assert len(callbacks) == 1  # the auto-fill job is queued only after commit


def test_pasted_text_becomes_the_next_version(client_for, requester, vendor):
    upload(client_for(requester), vendor, "notice.txt", STATEMENT)
    client_for(requester).post(
        f"/vendors/{vendor.pk}/statements/paste/", {"text": "A different notice. We sell nothing."}
    )
    assert list(Statement.objects.order_by("version").values_list("version", "source")) == [(1, "upload"), (2, "paste")]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("blank.txt", b"   \n\n  ", "The privacy statement is empty."),
        ("notice.exe", b"MZ\x90\x00", "files are not supported"),
        ("notice", b"text", "files are not supported"),
        ("big.txt", b"x" * 2048, "the limit is"),
        ("notice.pdf", b"Just some text pretending to be a PDF.", "named .pdf but it is not a PDF"),
        ("notice.docx", b"%PDF-1.4 a pdf in disguise", "named .docx"),
    ],
)
def test_bad_files_get_a_message_and_save_nothing(client_for, requester, vendor, settings, name, content, message):
    settings.STATEMENT_MAX_UPLOAD_BYTES = 1024
    response = upload(client_for(requester), vendor, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Statement.objects.exists()


def test_the_same_content_again_is_refused(client_for, requester, vendor):
    upload(client_for(requester), vendor, "notice.txt", STATEMENT)
    response = upload(client_for(requester), vendor, "copy.md", STATEMENT)
    assert response.status_code == 400
    assert "already stored for Acme Help Desk as version 1" in response.content.decode()
    assert Statement.objects.count() == 1


def test_empty_pasted_text_is_refused(client_for, requester, vendor):
    response = client_for(requester).post(f"/vendors/{vendor.pk}/statements/paste/", {"text": "   "})
    assert response.status_code == 400 and "The text is empty." in response.content.decode()
    assert not Statement.objects.exists()


def test_a_url_is_recorded_for_the_worker(client_for, requester, vendor):
    client_for(requester).post(f"/vendors/{vendor.pk}/statements/fetch/", {"url": "https://desk.example/privacy"})
    statement = Statement.objects.get()
    assert (
        statement.source == "url" and statement.source_url == "https://desk.example/privacy" and statement.sha256 == ""
    )


def test_file_names_are_sanitised(client_for, requester, vendor):
    upload(client_for(requester), vendor, "../../etc/<b>notice</b>.txt", STATEMENT)
    statement = Statement.objects.get()
    assert "/" not in statement.original_filename and "<" not in statement.original_filename
    assert statement.original_file.name.startswith(f"statements/{vendor.pk}/")


def test_the_original_is_downloaded_only_by_who_may_see_the_vendor(
    client_for, requester, vendor, outsider, django_user_model
):
    from assessments.roles import Role
    from tests.factories import UserFactory

    upload(client_for(requester), vendor, "notice.txt", STATEMENT)
    statement = Statement.objects.get()
    response = client_for(requester).get(f"/statements/{statement.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == STATEMENT
    other_requester = UserFactory(username="stranger", roles=[Role.REQUESTER])
    assert client_for(other_requester).get(f"/statements/{statement.pk}/download/").status_code == 404


def test_reviewers_cannot_add_statements(client_for, reviewer, vendor):
    response = upload(client_for(reviewer), vendor, "notice.txt", STATEMENT)
    assert response.status_code == 403
    assert not Statement.objects.exists()


def test_a_broker_outage_keeps_the_statement_queued_and_the_page_working(
    client_for, requester, vendor, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_for(requester), vendor, "notice.txt", STATEMENT)
    assert response.status_code == 302
    assert Statement.objects.get().status == "queued"
