"""The sub-processor list of one document: tables first, then list lines, then prose."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from policies.extraction.readers import DEFAULT_MAX_BYTES, Document, load_file, read_document
from policies.extraction.subprocessors.columns import table_subprocessors
from policies.extraction.subprocessors.entries import line_subprocessors, prose_subprocessors
from policies.extraction.subprocessors.model import Subprocessor
from policies.extraction.subprocessors.names import fold
from policies.extraction.subprocessors.tables import Table, docx_tables, html_tables, pdf_tables, text_tables
from policies.extraction.types import Span


# Formats whose tables are read again from the original bytes (see ``tables``).
def _pipe_tables(data: bytes) -> list[Table]:
    # The stored text of Markdown and plain text has its tables as row sentences ("Header:
    # cell; ..."), so the pipe tables are read from the original characters, like HTML's.
    # Their offsets index those characters, not the stored text: each row is located anew.
    tables = text_tables(data.decode("utf-8", errors="replace").replace("\r\n", "\n"))
    return [[dataclasses.replace(row, span=None) for row in table] for table in tables]


_STRUCTURED_READERS = {
    "html": html_tables,
    "docx": docx_tables,
    "pdf": pdf_tables,
    "md": _pipe_tables,
    "txt": _pipe_tables,
}
# Title words that are not the vendor's own name ("Acme Sub-processor List").
_TITLE_WORDS = frozenset(
    "sub processor processors subprocessor subprocessors sub-processor sub-processors list of our the and "
    "third party parties vendors vendor providers service data privacy page updated current authorized".split()
)


def subprocessors_from_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document, list[Subprocessor]]:
    """Read a sub-processor list file; raises ``ExtractionError`` or ``OSError`` like ``extract_file``."""
    data = load_file(path, max_bytes=max_bytes)
    return subprocessors_from_bytes(data, filename=Path(path).name, max_bytes=max_bytes)


def subprocessors_from_bytes(
    data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document, list[Subprocessor]]:
    """The stored ``Document`` and its sub-processors, evidence indexing ``document.text``."""
    document = read_document(data, filename=filename, max_bytes=max_bytes)
    return document, extract_subprocessors(document.text, tables=_structured_tables(document.format, data))


def _structured_tables(format_name: str, data: bytes) -> list[Table] | None:
    reader = _STRUCTURED_READERS.get(format_name)
    if reader is None:
        return None
    try:
        return reader(data)
    except Exception:
        # The reader already read these bytes, so only their tables are damaged: the list
        # is still read from the stored text's lines rather than refused.
        return None


def extract_subprocessors(text: str, *, tables: list[Table] | None = None) -> list[Subprocessor]:
    """Sub-processors named in normalised ``text`` (``Document.text``), in document order.

    ``tables`` are the document's tables read from its original bytes; without them the
    text's own pipe tables are used (Markdown, plain text, or text stored earlier).
    An entity named twice (a table row and a sentence) is kept once, with the places of both.
    """
    found: list[Subprocessor] = []
    cursor = 0
    for table in tables if tables is not None else text_tables(text):
        rows = table_subprocessors(table, text=text, cursor=cursor)
        found.extend(rows)
        cursor = max([cursor, *(row.evidence.end for row in rows)])
    taken = [(row.evidence.start, row.evidence.end) for row in found if row.evidence.start >= 0]
    found.extend(_with_quotes(line_subprocessors(text, taken), text))
    taken += [(row.evidence.start, row.evidence.end) for row in found]
    found.extend(prose_subprocessors(text, taken, self_names=_self_names(text)))
    return _merged(sorted(found, key=lambda row: row.evidence.start))


def _with_quotes(rows: list[Subprocessor], text: str) -> list[Subprocessor]:
    quoted = []
    for row in rows:
        start, end = row.evidence.start, row.evidence.end
        quoted.append(dataclasses.replace(row, evidence=Span(start, end, text[start:end])))
    return quoted


def _self_names(text: str) -> frozenset[str]:
    """The vendor's own name, guessed from the title, so "Acme processes …" is not a sub-processor."""
    first = text.lstrip("# ").split("\n", 1)[0]
    words = [word for word in re.findall(r"[A-Z][\w&'-]+", first) if word.lower() not in _TITLE_WORDS]
    return frozenset(fold(word) for word in words[:2])


def _merged(rows: list[Subprocessor]) -> list[Subprocessor]:
    kept: dict[str, Subprocessor] = {}
    for row in rows:
        key = fold(row.name)
        if key not in kept:
            kept[key] = row
            continue
        first = kept[key]
        kept[key] = dataclasses.replace(
            first,
            countries=tuple(dict.fromkeys((*first.countries, *row.countries))),
            regions=tuple(dict.fromkeys((*first.regions, *row.regions))),
            purpose=first.purpose or row.purpose,
            customer_content=first.customer_content if first.customer_content != "not_stated" else row.customer_content,
        )
    return list(kept.values())
