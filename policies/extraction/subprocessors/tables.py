"""Tables as rows of cells, read from each format's own structure.

The readers flatten a table row to "cell | cell" and drop empty cells, which shifts
columns ("Stripe | | USA" becomes "Stripe | USA"), and the HTML reader breaks a row at
every ``<br>``. Column positions matter here, so each format's tables are read again
from the original bytes, empty cells and merged cells kept, and every row is then
located in the stored (normalised) text for its evidence offsets.

The stored text's own " | " lines are the fallback for formats without table structure
(Markdown and plain text, whose pipe tables survive the reader as they were written).
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from policies.extraction.normalize import normalize

# A row of a real sub-processor table is short; a layout table wrapping a whole page is not.
_MAX_CELL_CHARS = 600
# pypdf's layout mode pads columns with spaces; two or more separate cells.
_PDF_CELL_GAP = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|\s*$)")
_MD_SEPARATOR = re.compile(r"^:?-{2,}:?$")
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "dialog", "template", "noscript"})
_CHROME_MARKS = re.compile(r"cookie|consent|banner|modal|footer|navbar|menu")


@dataclass(slots=True)
class Row:
    """One table row. ``spanning`` marks a row whose single cell spans every column (a category)."""

    cells: list[str]
    spanning: bool = False
    span: tuple[int, int] | None = None  # offsets in the stored text, when known


Table = list[Row]


def clean_cell(text: str) -> str:
    """A cell's text as the stored text has it: normalised, lines kept, spaces single."""
    lines = (" ".join(line.split()) for line in normalize(text).split("\n"))
    return "\n".join(line for line in lines if line)


# -- stored text (Markdown, plain text, and any format's " | " lines) ------------------


def text_tables(text: str) -> list[Table]:
    """Consecutive lines holding " | " (or opening with "|") form a table.

    A header followed by a Markdown separator row starts a new table. A short line between
    rows (the DOCX and HTML readers put a merged category row on its own line) is a category
    row of the table it sits in.
    """
    lines = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    tables: list[Table] = []
    current: Table = []
    pending: Row | None = None
    for index, (start, end, line) in enumerate(lines):
        if not _is_pipe_line(line):
            if current and pending is None and _is_category_line(line):
                pending = Row(cells=[line], spanning=True, span=(start, end))
                continue
            current, pending = _close(tables, current), None
            continue
        following = lines[index + 1][2] if index + 1 < len(lines) else ""
        if current and _pipe_row(following, 0, 0) is None and _is_pipe_line(following):
            current, pending = _close(tables, current), None  # a Markdown header: a new table
        if pending is not None:
            current.append(pending)
            pending = None
        row = _pipe_row(line, start, end)
        if row is not None:
            current.append(row)
    _close(tables, current)
    return tables


def _is_pipe_line(line: str) -> bool:
    return line.startswith("|") or " | " in line


def _is_category_line(line: str) -> bool:
    return len(line.split()) <= 6 and not line.rstrip().endswith((".", ":", "?", "!"))


def _close(tables: list[Table], table: Table) -> Table:
    if table:
        tables.append(table)
    return []


def _pipe_row(line: str, start: int, end: int) -> Row | None:
    cells = [cell.strip() for cell in line.split("|")]
    if line.startswith("|"):
        cells = cells[1:]
    if line.endswith("|"):
        cells = cells[:-1]
    if all(_MD_SEPARATOR.match(cell.replace(" ", "")) or not cell for cell in cells):
        return None
    return Row(cells=cells, span=(start, end))


# -- HTML --------------------------------------------------------------------------------


def html_tables(data: bytes) -> list[Table]:
    """Every ``<table>`` with rowspan and colspan expanded into a grid."""
    from lxml import html as lxml_html

    from policies.extraction.readers.text import decode_text

    source, _ = decode_text(data)
    try:
        root = lxml_html.fromstring(source.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ValueError, TypeError, SyntaxError):
        return []
    return [table for element in root.iter("table") if not _in_chrome(element) and (table := _html_table(element))]


def _in_chrome(element) -> bool:  # type: ignore[no-untyped-def]
    """A table in the page's menus, footer, dialogs or cookie banner is not the list."""
    for ancestor in element.iterancestors():
        marks = f"{ancestor.get('id', '')} {ancestor.get('class', '')}".lower()
        if ancestor.tag in _CHROME_TAGS or ancestor.get("hidden") is not None or _CHROME_MARKS.search(marks):
            return True
    return False


def _html_table(table) -> Table:  # type: ignore[no-untyped-def]
    rows: Table = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill) from rowspan
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        cells: list[str] = []
        spans: list[int] = []
        for cell in tr.xpath("./td|./th"):
            while len(cells) in pending:
                cells.append(_take_pending(pending, len(cells)))
            text = clean_cell(_cell_text(cell))
            if len(text) > _MAX_CELL_CHARS:
                return []
            colspan, rowspan = _int_attr(cell, "colspan"), _int_attr(cell, "rowspan")
            for _ in range(colspan):
                if rowspan > 1:
                    pending[len(cells)] = (text, rowspan - 1)
                cells.append(text)
            spans.append(colspan)
        while len(cells) in pending:
            cells.append(_take_pending(pending, len(cells)))
        if any(cells):
            rows.append(Row(cells=cells, spanning=len(spans) == 1 and spans[0] > 1))
    return rows


def _take_pending(pending: dict[int, tuple[str, int]], column: int) -> str:
    text, left = pending[column]
    if left <= 1:
        del pending[column]
    else:
        pending[column] = (text, left - 1)
    return text


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    """Text with a line break for each <br>, <p>, <li> or <div> inside the cell."""
    for element in cell.iter("br", "p", "li", "div"):
        element.tail = "\n" + (element.tail or "") if element.tag == "br" else element.tail
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return cell.text_content()


def _int_attr(element, name: str) -> int:  # type: ignore[no-untyped-def]
    value = str(element.get(name, "1")).strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1


# -- DOCX --------------------------------------------------------------------------------


def docx_tables(data: bytes) -> list[Table]:
    """Every body table (nested ones not read), merged cells repeated in each column."""
    import docx

    document = docx.Document(io.BytesIO(data))
    tables: list[Table] = []
    for table in document.tables:
        rows: Table = []
        for row in table.rows:
            cells = row.cells
            texts = [clean_cell(cell.text) for cell in cells]
            distinct = {id(cell._tc) for cell in cells}
            if any(texts):
                rows.append(Row(cells=texts, spanning=len(cells) > 1 and len(distinct) == 1))
        tables.append(rows)
    return tables


# -- PDF ---------------------------------------------------------------------------------


def pdf_tables(data: bytes) -> list[Table]:
    """Tables recovered from pypdf's layout mode, where columns are runs of padded text.

    A line whose first column is empty continues the row above (a wrapped cell).
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return []
    tables: list[Table] = []
    for page in reader.pages:
        tables.extend(_layout_tables(page.extract_text(extraction_mode="layout") or ""))
    return tables


def _layout_tables(layout: str) -> Iterator[Table]:
    columns: list[int] = []
    rows: Table = []
    for line in layout.split("\n"):
        cells = [(match.start(), match.group()) for match in _PDF_CELL_GAP.finditer(line)]
        if columns and len(cells) > len(columns):
            # More cells than the columns so far: that line was a title or a footer, not the header.
            if len(rows) > 1:
                yield rows
            columns, rows = [], []
        if len(cells) >= 2 and not columns:
            columns = [start for start, _ in cells]
        if not cells or (len(cells) < 2 and not rows):
            if rows:
                yield rows
            columns, rows = [], []
            continue
        placed = _place(cells, columns)
        if rows and not placed[0] and any(placed):
            rows[-1].cells = [_join(a, b) for a, b in zip(rows[-1].cells, placed, strict=True)]
        else:
            rows.append(Row(cells=placed))
    if rows:
        yield rows


def _place(cells: list[tuple[int, str]], columns: list[int]) -> list[str]:
    """Put each (position, text) cell into the column whose start it is nearest."""
    placed = [""] * len(columns)
    for start, text in cells:
        index = min(range(len(columns)), key=lambda column: abs(columns[column] - start))
        placed[index] = _join(placed[index], clean_cell(text))
    return placed


def _join(first: str, second: str) -> str:
    return f"{first}\n{second}" if first and second else first or second


# -- locating a row in the stored text ---------------------------------------------------


def locate(text: str, words: list[str], cursor: int) -> tuple[int, int] | None:
    """Offsets of ``words`` (cell texts, in order) in ``text``, searched from ``cursor`` then from 0.

    White space between and inside cells may differ (the reader joined lines), so each
    cell is matched as its words separated by any white space or "|".
    """
    patterns = [_words_pattern(word) for word in words if word.strip()]
    if not patterns:
        return None
    for origin in (cursor, 0):
        found = _locate_from(text, patterns, origin)
        if found:
            return found
    return None


def _words_pattern(cell: str) -> re.Pattern[str]:
    tokens = [re.escape(token) for token in cell.split()[:12]]
    return re.compile(r"[\s|]+".join(tokens))


def _locate_from(text: str, patterns: list[re.Pattern[str]], origin: int) -> tuple[int, int] | None:
    first = patterns[0].search(text, origin)
    if first is None:
        return None
    end = first.end()
    for pattern in patterns[1:]:
        following = pattern.search(text, end, end + 400)
        if following is not None:
            end = following.end()
    return first.start(), end
