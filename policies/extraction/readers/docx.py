"""DOCX reader (python-docx): body paragraphs and tables in document order."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policies.extraction.errors import ArchiveBombError, ExtractionError, UnreadableDocumentError
from policies.extraction.readers.base import Reader, ReadResult, register

if TYPE_CHECKING:  # python-docx loads in ~0.1 s: only when a Word file is read
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# A long statement's DOCX unpacks to a few MB; 100 MB leaves room for embedded images
# while keeping a zip bomb (a few KB expanding to GBs) out of memory.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2_000
_HEADING_STYLE = re.compile(r"^Heading ([1-6])$")
_LIST_STYLE = re.compile(r"^List (?:Bullet|Number|Paragraph)")
# Tables inside table cells are read this deep; a hostile file could nest thousands.
_MAX_TABLE_DEPTH = 3


@register
class DocxReader(Reader):
    format = "docx"
    extensions = frozenset({".docx"})
    mime_types = frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"})

    def read(self, data: bytes) -> ReadResult:
        _refuse_bomb(data)
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
            text = _join_lines(_body_lines(document))
        except ExtractionError:
            raise
        except Exception as error:
            # python-docx and lxml raise KeyError, XMLSyntaxError, BadZipFile... on
            # damaged files; all mean the same to the user.
            raise UnreadableDocumentError("The DOCX file is corrupt and cannot be read.") from error
        title = document.core_properties.title
        return ReadResult(text=text, metadata={"title": title} if title else {})


def _refuse_bomb(data: bytes) -> None:
    """Check the declared sizes in the zip directory before anything is inflated.

    zipfile never inflates a member past its declared size (it stops and fails the
    CRC check), so the declared total bounds the memory python-docx can use.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableDocumentError("The DOCX file is corrupt and cannot be read.") from error
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES or len(members) > MAX_MEMBERS:
        raise ArchiveBombError(
            f"The DOCX file expands to {total // (1024 * 1024)} MB in {len(members)} parts; "
            f"the limit is {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB."
        )


def _join_lines(lines: Iterator[str]) -> str:
    """Paragraphs apart by a blank line; list items and table rows on consecutive lines."""
    chunks: list[str] = []
    previous_kind = ""
    for line in lines:
        kind = "item" if line.startswith("- ") else "row" if " | " in line else ""
        if chunks:
            chunks.append("\n" if kind and kind == previous_kind else "\n\n")
        chunks.append(line)
        previous_kind = kind
    return "".join(chunks)


def _body_lines(document: DocxDocument) -> Iterator[str]:
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line = _paragraph_line(block)
            if line:
                yield line
        else:
            yield from _table_lines(block, depth=1)


def _paragraph_line(paragraph: Paragraph) -> str:
    text = " ".join(paragraph.text.split())
    style_name = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(style_name or "")
    if not text:
        return ""
    if heading:
        return "#" * int(heading.group(1)) + " " + text
    if style_name == "Title":
        return "# " + text
    return "- " + text if _LIST_STYLE.match(style_name or "") else text


def _table_lines(table: Table, *, depth: int) -> Iterator[str]:
    """One line per row, cells joined by " | " (merged cells repeat, so skip repeats)."""
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
            if depth < _MAX_TABLE_DEPTH:
                for inner in cell.tables:
                    yield from _table_lines(inner, depth=depth + 1)
        if cells:
            yield " | ".join(cells)
