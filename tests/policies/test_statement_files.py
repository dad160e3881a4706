"""Size caps and stored files: an over-long paste keeps its text, an oversized body is never read,
and no file outlives its statement (a rolled-back save, a deletion)."""

from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from policies.models import Statement
from policies.services import statement_add_text, statement_add_upload

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(default_storage.location) / "statements"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_an_over_long_paste_is_refused_with_the_text_kept_in_the_field(client_for, requester, vendor, settings):
    settings.STATEMENT_MAX_UPLOAD_BYTES = 2000
    text = "We collect your e-mail address to answer tickets. " * 50  # 2,550 bytes
    response = client_for(requester).post(f"/vendors/{vendor.pk}/statements/paste/", {"text": text})
    page = response.content.decode()
    assert response.status_code == 400 and "the limit is" in page and "It is still in the box" in page
    assert text.strip() in page  # back in the textarea, nothing to paste again
    assert not Statement.objects.exists()


def test_a_body_declared_over_the_cap_is_answered_413_unread(client_for, requester, vendor, settings):
    settings.STATEMENT_MAX_UPLOAD_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b"x" * (200 * 1024)
    response = client_for(requester).generic(
        "POST", f"/vendors/{vendor.pk}/statements/upload/", body, content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code == 413 and "Nothing was saved" in response.content.decode()


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """Files of this test only, so parallel tests writing statements do not show up here."""
    settings.MEDIA_ROOT = tmp_path


def test_a_file_written_for_a_save_that_rolls_back_is_removed(requester, vendor):
    before = stored_files()
    with mock.patch("policies.services.audit_record", side_effect=RuntimeError("audit failed")):
        with pytest.raises(RuntimeError):
            statement_add_upload(
                vendor=vendor, actor=requester, upload=SimpleUploadedFile("notice.txt", b"We collect e-mail.")
            )
    assert not Statement.objects.exists()
    assert stored_files() == before


def test_deleting_a_statement_removes_its_file(requester, vendor, django_capture_on_commit_callbacks):
    statement = statement_add_text(vendor=vendor, actor=requester, text="We collect e-mail addresses.")
    path = Path(statement.original_file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        vendor.statements.all().delete()  # as a cascade would, without a service
    assert not path.exists()
