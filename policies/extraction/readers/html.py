"""HTML reader: the statement's main text, headings kept as "## Heading" lines.

Why trafilatura first: a saved vendor page carries cookie banners, menus, sidebars
and "related articles" inside plain <div>s that no tag list can recognise;
trafilatura scores blocks by text density and link share and drops them, and on
privacy pages (long prose, lists, a few tables) it kept every word in our trials.
We render its XML tree ourselves rather than asking for its Markdown output,
because that output escapes characters ("snake\\_case") and would corrupt quotes.

Why a second, streaming extractor: lxml (under trafilatura) silently stops
building the tree past 255 levels of nesting, so a deeply nested page comes back
empty or cut short. The stdlib ``html.parser`` is event-driven, has no depth limit
and cannot recurse, so it reads such pages whole; it drops the page chrome by tag
(nav, header, footer, aside, script, style, forms). We keep trafilatura's text unless
it holds much less than the streaming text, which is the sign of a truncated tree.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from policies.extraction.readers.base import Reader, ReadResult, register
from policies.extraction.readers.tables import clean_cell, row_sentence
from policies.extraction.readers.text import decode_text

if TYPE_CHECKING:  # trafilatura and lxml load in ~0.2 s: only when an HTML page is read
    from lxml import etree

_HEADINGS = {f"h{level}": "#" * level + " " for level in range(1, 7)}
# Line-level elements: their text becomes its own line.
_BLOCKS = frozenset({
    *_HEADINGS, "p", "div", "section", "article", "main", "li", "dt", "dd", "ul", "ol", "dl",
    "table", "tr", "blockquote", "pre", "address", "figcaption", "details", "summary",
    "body", "html", "br", "hr",
})
# List items and table rows sit on consecutive lines; everything else is a paragraph.
_CELLS = frozenset({"td", "th"})
_TABLE_TAGS = frozenset({"table", "tr", *_CELLS})
_ALWAYS_SKIPPED = frozenset({
    # Not <form>: ASP.NET WebForms wraps whole pages in one.
    "head", "script", "style", "noscript", "template", "nav", "aside", "svg",
    "iframe", "button", "select", "textarea", "object", "canvas", "dialog", "menu",
})
# A page's header/footer is chrome, but an <article>'s own header holds its title
# and often the "last updated" date.
_PAGE_CHROME = frozenset({"header", "footer"})
_CONTENT = frozenset({"main", "article"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})

# Below this share of the streaming text, trafilatura's tree was cut short (see above).
_MIN_TRAFILATURA_SHARE = 0.5
# When at least this share of trafilatura's lines appear in the streaming text, the two
# readings agree and the streaming text between the first and last shared line is used.
_MIN_SHARED_LINES = 0.8
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


class _LineBuilder:
    """Collects text from start/end/data events into lines, one per block element.

    A table row becomes one line that pairs each cell with its column's header cell
    (see ``tables.row_sentence``), so "No" is read as "Sold: No".
    """

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []  # (line, kind): kind "li"/"tr" lines sit together
        self._parts: list[str] = []
        self._prefix = ""
        self._kind = ""
        self._tables: list[_Table] = []

    def start(self, tag: str) -> None:
        table = self._tables[-1] if self._tables else None
        if table is not None and table.cell is not None and tag not in _TABLE_TAGS:
            if tag in _BLOCKS:
                table.cell.append("\n")  # a paragraph or break inside a cell: one more item
            return
        if tag in _BLOCKS or tag in _TABLE_TAGS:
            self.flush()
        if tag == "table":
            self._tables.append(_Table())
        elif table is not None and tag == "tr":
            table.row, table.heads = [], 0
        elif table is not None and tag in _CELLS:
            table.cell = []
            table.heads += tag == "th"
        elif tag in _HEADINGS:
            self._prefix, self._kind = _HEADINGS[tag], ""
        elif tag == "li":
            self._prefix, self._kind = "- ", "li"

    def end(self, tag: str) -> None:
        table = self._tables[-1] if self._tables else None
        if table is not None and tag in _CELLS and table.cell is not None:
            table.row.append(clean_cell("".join(table.cell)))
            table.cell = None
        elif table is not None and tag == "tr":
            self._end_row(table)
        elif table is not None and tag == "table":
            self._tables.pop()
            if table.headers and not table.rows_seen:
                self.lines.append(("; ".join(h for h in table.headers if h) + ".", "tr"))
        elif tag in _BLOCKS and (table is None or table.cell is None):
            self.flush()

    def _end_row(self, table: _Table) -> None:
        if table.cell is not None:  # a cell left open by sloppy markup
            table.row.append(clean_cell("".join(table.cell)))
            table.cell = None
        cells, table.row = table.row, []
        if not any(cells):
            return
        if table.headers is None and table.heads == len(cells) and not table.rows_seen:
            table.headers = cells
            return
        line = row_sentence(table.headers or (), cells)
        if line:
            self.lines.append((line, "tr"))
            table.rows_seen += 1

    def data(self, text: str) -> None:
        table = self._tables[-1] if self._tables else None
        if table is not None and table.cell is not None:
            table.cell.append(text)
        else:
            self._parts.append(text)

    def flush(self) -> None:
        line = " ".join("".join(self._parts).split())
        self._parts = []
        if line and line != "|":
            self.lines.append((self._prefix + line, self._kind))
            self._prefix = self._kind = ""

    def text(self) -> str:
        self.flush()
        chunks: list[str] = []
        previous_kind = ""
        for line, kind in self.lines:
            if chunks:
                chunks.append("\n" if kind and kind == previous_kind else "\n\n")
            chunks.append(line)
            previous_kind = kind
        return "".join(chunks)


class _Table:
    """A table being read: its header cells, the row and cell open now."""

    def __init__(self) -> None:
        self.headers: list[str] | None = None
        self.row: list[str] = []
        self.cell: list[str] | None = None
        self.heads = 0  # header cells in the open row
        self.rows_seen = 0


class _StreamingExtractor(HTMLParser):
    """Event-driven HTML-to-lines that drops page chrome; immune to nesting depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = _LineBuilder()
        self._skipped_open: list[str] = []
        self._content_depth = 0
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag == "body":
            self._skipped_open.clear()  # an unclosed <head> must not hide the page
        if self._skipped_open or self._is_chrome(tag, dict(attrs)):
            if tag not in _VOID:
                self._skipped_open.append(tag)
            return
        if tag in _CONTENT:
            self._content_depth += 1
        self.builder.start(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if self._skipped_open:
            self._close_skipped(tag)
            return
        if tag in _CONTENT and self._content_depth:
            self._content_depth -= 1
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.title:
            self.title = " ".join(data.split())
        if not self._skipped_open:
            self.builder.data(data)

    def _is_chrome(self, tag: str, attrs: dict[str, Any]) -> bool:
        if tag in _ALWAYS_SKIPPED or "hidden" in attrs or attrs.get("role") in _CHROME_ROLES:
            return True
        return tag in _PAGE_CHROME and not self._content_depth

    def _close_skipped(self, tag: str) -> None:
        # Unwind to the matching open tag so stray or missing end tags inside the
        # skipped part cannot leave the rest of the page hidden.
        if tag in self._skipped_open:
            while self._skipped_open.pop() != tag:
                pass

# trafilatura's output tree uses TEI-like names; map them onto the HTML vocabulary.
_TRAFILATURA_TAGS = {"p": "p", "list": "ul", "item": "li", "table": "table", "row": "tr",
                     "cell": "td", "quote": "blockquote", "code": "pre", "lb": "br"}


def _render_trafilatura(body: etree._Element) -> str:
    from lxml import etree

    builder = _LineBuilder()
    # iterwalk is iterative, so even a deep tree cannot raise RecursionError.
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = _trafilatura_tag(element)
        if event == "start":
            builder.start(tag)
            builder.data(element.text or "")
        else:
            builder.end(tag)
            if element is not body:
                builder.data(element.tail or "")
    return builder.text()


def _trafilatura_tag(element: etree._Element) -> str:
    if element.tag == "cell" and element.get("role") == "head":
        return "th"
    if element.tag == "head":
        rend = str(element.get("rend", "h2"))
        return rend if rend in _HEADINGS else "h2"
    return _TRAFILATURA_TAGS.get(str(element.tag), "span")


def _streaming_text(html: str) -> tuple[str, str]:
    """The page's text and <title>, read by the streaming extractor."""
    extractor = _StreamingExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.builder.text(), extractor.title


def _trafilatura_text(html: str) -> str:
    # No metadata: its date guess comes from the copyright footer (not a policy
    # date) and it triples the run time.
    import trafilatura

    document = trafilatura.bare_extraction(
        html, include_tables=True, include_formatting=False, include_comments=False,
        favor_recall=True, with_metadata=False, as_dict=False,
    )
    if document is None or document.body is None:
        return ""
    return _render_trafilatura(document.body)


def _statement_extent(main_text: str, fallback_text: str) -> str:
    """The streaming text from trafilatura's first line to its last.

    trafilatura is good at finding where the statement starts and ends amid page chrome,
    but inside it also drops short lines it takes for page metadata, such as a
    "Last modified: …" line under the title, which a reviewer needs. When both readings
    agree on the lines, everything the streaming reader found in that stretch is kept.
    """
    kept = {line for line in main_text.splitlines() if line.strip()}
    lines = fallback_text.split("\n")
    shared = [index for index, line in enumerate(lines) if line in kept]
    if not kept or len({lines[index] for index in shared}) < _MIN_SHARED_LINES * len(kept):
        return main_text
    return "\n".join(lines[shared[0] : shared[-1] + 1])


@register
class HtmlReader(Reader):
    format = "html"
    extensions = frozenset({".html", ".htm", ".xhtml"})
    mime_types = frozenset({"text/html", "application/xhtml+xml"})

    def read(self, data: bytes) -> ReadResult:
        declared = _META_CHARSET.search(data[:4096])
        html, encoding = decode_text(data, declared=declared and declared.group(1).decode("ascii"))
        html = _XML_DECLARATION.sub("", html)
        main_text = _trafilatura_text(html)
        fallback_text, title = _streaming_text(html)
        extractor = "trafilatura"
        # With favor_recall trafilatura returns the menu of a page that has nothing
        # else; if nothing is left outside the page chrome, the page has no statement.
        if not fallback_text or len(main_text) < _MIN_TRAFILATURA_SHARE * len(fallback_text):
            main_text, extractor = fallback_text, "html.parser"
        else:
            main_text = _statement_extent(main_text, fallback_text)
        metadata = {"encoding": encoding, "extractor": extractor, **({"title": title} if title else {})}
        return ReadResult(text=main_text, metadata=metadata)
