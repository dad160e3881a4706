"""Tables as row sentences: each row is read with the headers of its columns.

A table cell means little alone: "No" under "Sold or shared", "10 years" under "Retention".
Every reader turns a table into one line per row, "Header: cell; Header: cell.", so the
detectors see which column a value sits in, a reviewer is quoted a readable row instead
of pipes and ``<br>`` marks, and the quote's offsets point at that row in the stored text.

``markdown_tables`` does this for pipe tables in plain text and Markdown (a header row, a
``| --- |`` separator row, then rows); the HTML reader passes the cells it parsed to
``row_sentence``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# "| --- | :---: |" (leading and trailing pipes optional): what makes pipe rows a table.
_SEPARATOR = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+(?:[ \t]*:?-{2,}:?[ \t]*)?[ \t]*$")
# A break or a list marker inside a cell separates the items of a list held in that cell.
_CELL_BREAK = re.compile(r"(?:[ \t]*<br\s*/?>[ \t]*)+", re.I)
_CELL_BULLET = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[*+\-\u2022][ \t]+)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"\s+")
_FINAL = re.compile(r"[.!?:;]$")


def clean_cell(cell: str) -> str:
    """A cell's text without markup: list items joined by commas, emphasis marks dropped."""
    cell = _CELL_BREAK.sub("\n", cell)
    cell = _CELL_BULLET.sub("", cell)
    items = [_SPACES.sub(" ", _EMPHASIS.sub("", item)).strip() for item in cell.split("\n")]
    return ", ".join(item for item in items if item)


def row_sentence(headers: Sequence[str], cells: Sequence[str]) -> str:
    """One row as a sentence: "Category: Location data; Collected: No." (cells already clean)."""
    parts = []
    for index, cell in enumerate(cells):
        if not cell:
            continue
        header = headers[index] if index < len(headers) else ""
        header = header.rstrip(":").strip()
        parts.append(f"{header}: {cell}" if header and header.lower() != cell.lower() else cell)
    if not parts:
        return ""
    sentence = "; ".join(parts)
    # A full stop keeps a short row ("Name: Stripe; Role: Payments") from reading as a heading.
    return sentence if _FINAL.search(sentence) else sentence + "."


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [clean_cell(cell) for cell in re.split(r"(?<!\\)\|", body)]


def _is_row(line: str) -> bool:
    return "|" in line and line.strip() not in ("", "|")


def markdown_tables(text: str) -> str:
    """``text`` with every pipe table rewritten as row sentences, one row per line.

    Linear: each line is looked at once. A table ends at the first line without a pipe.
    """
    if "|" not in text or "-" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index + 1 < len(lines) and _is_row(line) and _SEPARATOR.match(lines[index + 1]):
            headers = _cells(line)
            index += 2
            rows = []
            while index < len(lines) and _is_row(lines[index]):
                rows.append(row_sentence(headers, _cells(lines[index])))
                index += 1
            out.append("\n".join(row for row in rows if row) or "; ".join(h for h in headers if h) + ".")
            continue
        out.append(line)
        index += 1
    return "\n".join(out)
