"""Hostile and broken input: every case ends in a typed error with a one-line message, or reads fine."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from policies.extraction import errors
from policies.extraction.readers import load_file, read_document
from tests.documents import encrypt_pdf, make_docx, make_docx_bomb, make_pdf

STATEMENT = b"We collect location data. We do not sell personal data.\n"


def read(data: bytes, filename: str, **options: int):
    return read_document(data, filename=filename, **options)


def assert_one_line(error: errors.ExtractionError) -> None:
    message = str(error)
    assert message and "\n" not in message and len(message) < 200


@pytest.mark.parametrize(
    ("data", "filename", "error_class"),
    [
        (b"", "policy.txt", errors.EmptyDocumentError),
        (b"", "policy.pdf", errors.EmptyDocumentError),
        (b" \n\t\r\n  ", "policy.md", errors.EmptyDocumentError),
        ("  \n\u00a0\u200b\n".encode("utf-16"), "policy.txt", errors.EmptyDocumentError),
        (
            b"<html><head><title>Only a title</title></head><body><nav>Menu</nav></body></html>",
            "p.html",
            errors.EmptyDocumentError,
        ),
        (random.Random(7).randbytes(64 * 1024), "policy.txt", errors.UnreadableDocumentError),
        (b"\x00" * 4096 + STATEMENT, "policy.txt", errors.UnreadableDocumentError),
        (b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(4096), "policy.md", errors.UnreadableDocumentError),
        (STATEMENT, "policy.exe", errors.UnsupportedFormatError),
        (STATEMENT, "policy", errors.UnsupportedFormatError),
        (STATEMENT, "policy.doc", errors.UnsupportedFormatError),
        (STATEMENT, "policy.pdf", errors.FormatMismatchError),
        (STATEMENT, "policy.docx", errors.FormatMismatchError),
        (make_pdf([["We use cookies."]]), "policy.txt", errors.FormatMismatchError),
        (make_docx(), "policy.html", errors.FormatMismatchError),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "policy.docx", errors.FormatMismatchError),
        (encrypt_pdf(make_pdf([["We use cookies."]]), user_password="secret"), "policy.pdf", errors.EncryptedPdfError),
        (make_pdf([None, None]), "policy.pdf", errors.ImageOnlyPdfError),
        (make_pdf([["We use cookies."] * 40])[:700], "policy.pdf", errors.UnreadableDocumentError),
        (b"%PDF-1.7\n" + random.Random(5).randbytes(2048) + b"\n%%EOF\n", "policy.pdf", errors.UnreadableDocumentError),
        (make_docx()[:2000], "policy.docx", errors.UnreadableDocumentError),
    ],
    ids=[
        "empty-txt",
        "empty-pdf",
        "whitespace",
        "utf16-whitespace",
        "html-without-content",
        "binary-junk",
        "nul-heavy",
        "image-as-md",
        "exe",
        "no-extension",
        "legacy-doc",
        "pdf-not-pdf",
        "docx-not-docx",
        "pdf-named-txt",
        "docx-named-html",
        "ole-named-docx",
        "encrypted-pdf",
        "image-only-pdf",
        "truncated-pdf",
        "corrupt-pdf",
        "truncated-docx",
    ],
)
def test_bad_input_raises_a_typed_error_with_a_one_line_message(
    data: bytes, filename: str, error_class: type[errors.ExtractionError]
) -> None:
    with pytest.raises(error_class) as caught:
        read(data, filename)

    assert_one_line(caught.value)
    assert caught.value.code


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as spreadsheet:
        spreadsheet.writestr("xl/workbook.xml", "<workbook/>")

    with pytest.raises(errors.FormatMismatchError, match="not a Word document"):
        read(archive.getvalue(), "policy.docx")


def test_docx_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = make_docx_bomb(megabytes=120)
    assert len(bomb) < 1024 * 1024  # small on the wire, 120 MB unpacked

    with pytest.raises(errors.ArchiveBombError) as caught:
        read(bomb, "policy.docx")

    assert_one_line(caught.value)


def test_size_cap_is_checked_before_anything_else() -> None:
    with pytest.raises(errors.DocumentTooLargeError, match="limit is 0.0 MB"):
        read(b"x" * 2048, "policy.exe", max_bytes=1024)


def test_twenty_megabytes_of_text_is_too_large_by_default() -> None:
    with pytest.raises(errors.DocumentTooLargeError, match="20.0 MB; the limit is 10.0 MB"):
        read(b"We collect data. " * (20 * 1024 * 1024 // 17 + 1), "policy.txt")


def test_load_file_refuses_an_oversized_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk, and reading it would take memory

    with pytest.raises(errors.DocumentTooLargeError):
        load_file(path, max_bytes=1024 * 1024)


def test_pdf_over_the_page_cap_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("policies.extraction.readers.pdf.MAX_PAGES", 3)

    with pytest.raises(errors.DocumentTooLargeError, match="4 pages"):
        read(make_pdf([["page"]] * 4), "policy.pdf")


def test_invalid_utf8_is_decoded_with_replacement_not_refused() -> None:
    data = "Données personnelles traitées à l’étranger. ".encode() * 20 + b"\xff\xfe broken \xc3(" + STATEMENT

    document = read(data, "policy.txt")

    assert "Données personnelles traitées à l’étranger." in document.text
    assert document.text.endswith("We collect location data. We do not sell personal data.")


def test_one_megabyte_single_line_is_read_quickly() -> None:
    line = b"We collect location data and may share it with partners; " * (1024 * 1024 // 58)

    document = read(line, "policy.md")

    assert "\n" not in document.text and len(document.text) > 1_000_000


def test_one_megabyte_line_of_markdown_brackets_does_not_hang() -> None:

    document = read(b"[" * 1024 * 1024, "policy.md")

    assert len(document.text) == 1024 * 1024


def test_five_thousand_nested_divs_are_read_without_recursion_error() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<h2>Sharing</h2><p>We do not sell data.</p>" + "</div>" * 5000

    document = read(page.encode(), "policy.html")

    assert document.text == "## Sharing\n\nWe do not sell data."


def test_deeply_nested_lists_in_html_do_not_recurse() -> None:
    page = "<html><body><p>Intro.</p>" + "<ul><li>item" * 3000 + "</li></ul>" * 3000 + "</body></html>"

    document = read(page.encode(), "policy.html")

    assert document.text.startswith("Intro.\n\n- item\n- item")


def test_every_error_is_an_extraction_error_with_a_default_message() -> None:
    error_classes = [
        errors.EmptyDocumentError,
        errors.UnsupportedFormatError,
        errors.FormatMismatchError,
        errors.DocumentTooLargeError,
        errors.UnreadableDocumentError,
        errors.EncryptedPdfError,
        errors.ImageOnlyPdfError,
        errors.ArchiveBombError,
    ]

    for error_class in error_classes:
        error = error_class()
        assert isinstance(error, errors.ExtractionError)
        assert_one_line(error)
    assert str(errors.EmptyDocumentError("custom")) == "custom"
