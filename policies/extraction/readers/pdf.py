"""PDF reader (pypdf): text layer only, no OCR."""
from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

from policies.extraction.errors import (
    DocumentTooLargeError,
    EncryptedPdfError,
    ExtractionError,
    ImageOnlyPdfError,
    UnreadableDocumentError,
)
from policies.extraction.readers.base import Reader, ReadResult, register

if TYPE_CHECKING:  # pypdf loads in ~0.2 s: only when a PDF is read
    from pypdf import PdfReader as PypdfReader

# A privacy statement runs to tens of pages; hundreds means a manual or a hostile file,
# and every page costs parse time in the worker.
MAX_PAGES = 300
# pypdf reads the trailer from the end of the file; a download cut short has none.
_EOF_WINDOW = 2048

# pypdf logs a warning for every oddity of hostile or sloppy PDFs; we report one typed
# error instead, so only its errors are worth a log line.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@register
class PdfReader(Reader):
    format = "pdf"
    extensions = frozenset({".pdf"})
    mime_types = frozenset({"application/pdf", "application/x-pdf"})

    def read(self, data: bytes) -> ReadResult:
        if b"%%EOF" not in data[-_EOF_WINDOW:]:
            raise UnreadableDocumentError("The PDF is truncated: its end is missing.")
        try:
            return _read_pdf(data)
        except ExtractionError:
            raise
        except Exception as error:
            # pypdf raises anything from PdfReadError to KeyError or RecursionError on
            # malformed files; to the user they all mean the same thing.
            raise UnreadableDocumentError("The PDF is corrupt and cannot be read.") from error


def _read_pdf(data: bytes) -> ReadResult:
    from pypdf import PdfReader as PypdfReader

    pdf = PypdfReader(io.BytesIO(data), strict=False)
    _unlock(pdf)
    page_count = len(pdf.pages)
    if page_count > MAX_PAGES:
        raise DocumentTooLargeError(f"The PDF has {page_count} pages; the limit is {MAX_PAGES}.")
    page_texts = [page.extract_text() or "" for page in pdf.pages]
    text = "\n\n".join(page_text.strip() for page_text in page_texts if page_text.strip())
    if not text:
        raise ImageOnlyPdfError()
    return ReadResult(text=text, metadata={"pages": page_count, **_title(pdf)})


def _unlock(pdf: PypdfReader) -> None:
    """Open PDFs that are encrypted with an empty user password (common for "no copy" PDFs)."""
    from pypdf.errors import DependencyError

    if not pdf.is_encrypted:
        return
    try:
        unlocked = pdf.decrypt("")
    except DependencyError as error:
        raise EncryptedPdfError("The PDF uses AES encryption, which this server cannot open.") from error
    if not unlocked:
        raise EncryptedPdfError()


def _title(pdf: PypdfReader) -> dict[str, Any]:
    title = pdf.metadata.title if pdf.metadata else None
    return {"title": str(title)} if title else {}
