"""``read_document``: bytes in, one normalised ``Document`` out.

The format comes from the content (magic bytes, the zip directory, HTML markers) and
must agree with the file's extension: an upload is never trusted on its name alone.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from policies.extraction.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    FormatMismatchError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from policies.extraction.normalize import collapse_blank_lines, normalize
from policies.extraction.readers.base import format_for_extension, reader_for_format, supported_extensions
from policies.extraction.readers.chrome import drop_chrome

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_TEXT_FORMATS = frozenset({"txt", "md", "html"})
# The PDF header may follow up to 1 KB of junk (readers accept that, so must we).
_PDF_MAGIC, _PDF_HEADER_WINDOW = b"%PDF-", 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls
_HTML_DOCUMENT = re.compile(
    r"^(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,500}?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
# Line breaks are left out: Markdown tables and plain-text exports carry "<br>" in their cells.
_ANY_TAG = re.compile(r"<(?!br\b)(?:[a-z][a-z0-9]{0,9}|!--|!doctype)[\s>/]", re.I)
_FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word document", "zip": "a ZIP archive", "ole": "a legacy Office file"}


@dataclass(frozen=True)
class Document:
    """A statement as stored: evidence offsets point into ``text``."""

    text: str  # normalised text
    format: str  # txt, md, html, pdf or docx
    sha256: str  # hex digest of the original bytes
    metadata: dict[str, Any] = field(default_factory=dict)


def read_document(data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an uploaded statement into normalised text.

    Raises an ``ExtractionError`` subclass: ``DocumentTooLargeError`` (checked first),
    ``UnsupportedFormatError``/``FormatMismatchError``, ``EmptyDocumentError``, or the
    reader's own error (unreadable, encrypted, image-only PDF, archive bomb).
    """
    _check_size(len(data), max_bytes)
    extension = PurePath(filename).suffix.lower()
    claimed = format_for_extension(extension) if extension else None
    if claimed is None:
        raise UnsupportedFormatError(
            f"Unsupported file type {extension or '(no extension)'!r}: "
            f"upload one of {', '.join(supported_extensions())}."
        )
    if not data.strip():
        raise EmptyDocumentError("The file is empty.")
    format_name = decide_format(data, claimed=claimed, extension=extension)
    result = reader_for_format(format_name).read(data)
    text = collapse_blank_lines(drop_chrome(normalize(result.text)))
    if not text:
        raise EmptyDocumentError()
    metadata = {**result.metadata, "filename": PurePath(filename).name, "bytes": len(data)}
    return Document(text=text, format=format_name, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata)


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file from disk without ever holding more than ``max_bytes + 1`` bytes of it.

    Raises ``DocumentTooLargeError``, or ``OSError`` when the path cannot be read.
    """
    with open(path, "rb") as handle:
        _check_size(os.fstat(handle.fileno()).st_size, max_bytes)
        data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    _check_size(len(data), max_bytes)
    return data


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            f"The file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.1f} MB."
        )


def decide_format(data: bytes, *, claimed: str, extension: str) -> str:
    """The reader to use: the sniffed content, which must agree with the extension's ``claimed`` format."""
    sniffed = sniff_format(data)
    if sniffed == "broken_zip" and claimed == "docx":
        raise UnreadableDocumentError("The DOCX file is corrupt or truncated.")
    if sniffed in ("pdf", "docx") and sniffed == claimed:
        return sniffed
    if sniffed not in ("html", "html_fragment", "text") or claimed not in _TEXT_FORMATS:
        raise FormatMismatchError(_mismatch_message(sniffed, claimed, extension))
    if claimed == "html":
        return "txt" if sniffed == "text" else "html"
    # Inline HTML is legal Markdown, so only a whole HTML page overrides ".md".
    if sniffed == "html" or (sniffed == "html_fragment" and claimed == "txt"):
        return "html"
    return claimed


def _mismatch_message(sniffed: str, claimed: str, extension: str) -> str:
    if claimed in _FORMAT_NAMES:
        return f"The file is named {extension} but it is not {_FORMAT_NAMES[claimed]}."
    content = _FORMAT_NAMES.get(sniffed, "binary data")
    return f"The file is named {extension} but its content is {content}."


def sniff_format(data: bytes) -> str:
    """Name the content: pdf, docx, zip, broken_zip, ole, html, html_fragment or text."""
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        return "ole"
    head = _text_head(data)
    if _HTML_DOCUMENT.match(head.lstrip()):
        return "html"
    return "html_fragment" if _looks_tagged(head) else "text"


def _zip_kind(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "broken_zip"
    return "docx" if "word/document.xml" in names else "zip"


def _text_head(data: bytes, size: int = 4096) -> str:
    """The first characters, decoded well enough to look for tags (UTF-16 pages included)."""
    head = data[:size]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head.decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _looks_tagged(head: str) -> bool:
    # An HTML fragment without <html>: many tags, not a prose mention of "<b>".
    return len(_ANY_TAG.findall(head)) >= 5
