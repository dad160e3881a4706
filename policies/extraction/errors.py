"""Typed errors raised by the extraction engine.

Every error carries a one-line message a user can act on: the upload view, the
Celery worker and ``manage.py extract_policy`` show ``str(error)`` as it is, and
store ``error.code`` as the reason a statement could not be read.
"""
from __future__ import annotations


class ExtractionError(Exception):
    """Base class: the statement cannot be turned into text we trust."""

    code = "unreadable"
    default_message = "The statement could not be read."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class EmptyDocumentError(ExtractionError):
    code = "empty"
    default_message = "The statement is empty: it contains no readable text."


class UnsupportedFormatError(ExtractionError):
    code = "unsupported_format"
    default_message = "Unsupported file type: upload a .txt, .md, .html, .pdf or .docx file."


class FormatMismatchError(UnsupportedFormatError):
    """The file's content is not what its extension claims (e.g. a .pdf that is not a PDF)."""

    code = "format_mismatch"
    default_message = "The file's content does not match its extension."


class DocumentTooLargeError(ExtractionError):
    code = "too_large"
    default_message = "The statement is too large to read."


class UnreadableDocumentError(ExtractionError):
    """Binary junk, a corrupt or truncated file."""

    code = "unreadable"
    default_message = "The file is corrupt or not a text document."


class EncryptedPdfError(ExtractionError):
    code = "encrypted_pdf"
    default_message = "The PDF is password-protected; upload an unprotected copy."


class ImageOnlyPdfError(ExtractionError):
    code = "image_only_pdf"
    default_message = (
        "The PDF has no text layer (it is scanned or image-only); "
        "upload a PDF with selectable text or the statement's web page."
    )


class ArchiveBombError(ExtractionError):
    code = "archive_bomb"
    default_message = "The DOCX file expands to more data than allowed; it may be a zip bomb."
