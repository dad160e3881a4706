"""The statement text with an answer's evidence highlighted, built safely for the page.

Statement text comes from outside: every character of it is escaped, and the only markup
added is ``<mark>`` around the quoted sentences, built with ``format_html``.

Markdown statements are stored as written, so quotes and offsets stay verbatim. What the
reader sees drops the Markdown syntax (table pipes and rules, ``<br>``, ``_emphasis_``,
``**strong**``, heading hashes, link targets): each line gets a list of substitutions on the
raw text, and both the viewer and the quotes render through them, so a highlight that starts
or ends inside ``_emphasis_`` still lands on the right words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments.models import Answer
from policies.models import Statement

# (start, end, replacement) in one raw line: the raw characters shown as the replacement.
Substitution = tuple[int, int, str]

_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?\|?\s*$|^\s*:?-{3,}:?(\s*\|\s*:?-{3,}:?)+\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PIPE = re.compile(r"\s*(?<!\\)\|\s*")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"(!?\[)([^\]]*)(\]\([^)\s]*(?:\s+\"[^\"]*\")?\))")


@dataclass(frozen=True)
class Highlighted:
    html: SafeString
    marks: int  # how many quotes were found in the text
    quotes: int  # how many quotes the answer has
    # The document quoted, when it is not the assessment's own statement (a DPA on file).
    document: Statement | None = None


def evidence_spans(text: str, evidence: list[dict]) -> list[tuple[int, int]]:
    """Offsets of each quote in ``text``, sorted, without overlaps; a quote whose offsets moved is looked up."""
    return [(start, end) for start, end, _quote in _located(text, evidence)]


def _located(text: str, evidence: list[dict]) -> list[tuple[int, int, int]]:
    """(start, end, index of the quote) for each quote found, sorted, overlaps dropped."""
    spans = []
    for index, quote in enumerate(evidence):
        start, end, said = quote.get("start"), quote.get("end"), quote.get("text", "")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == said and said):
            # Evidence kept from an older reading may not sit at the same offsets in this text.
            start = text.find(said) if said else -1
            end = start + len(said)
        if start >= 0 and end > start:
            spans.append((start, end, index))
    kept: list[tuple[int, int, int]] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def evidence_document(assessment, answer: Answer) -> Statement | None:
    """The document an answer's evidence quotes: the one its quotes name (a DPA on file, say), if
    it is the assessment's vendor's, else the assessment's own statement."""
    evidence = answer.evidence or answer.auto_evidence or []
    named = next((item["document"] for item in evidence if isinstance(item.get("document"), int)), None)
    if named is None or named == assessment.statement_id:
        return assessment.statement
    return Statement.objects.select_related("kind").filter(pk=named, vendor_id=assessment.vendor_id).first()


def highlight_evidence(statement: Statement | None, answer: Answer, chosen_quote: int | None = None) -> Highlighted:
    """The statement's text as escaped paragraphs, with the answer's evidence in ``<mark>`` elements.

    ``chosen_quote`` (an index into the answer's evidence) marks the passage the page scrolls to.
    """
    text = statement.extracted_text if statement else ""
    evidence = answer.evidence or answer.auto_evidence or []
    spans = _located(text, evidence)
    paragraphs, line_start = [], 0
    for line in text.split("\n"):
        if line.strip() and not _TABLE_RULE.match(line):
            # A Markdown heading keeps its weight once its hashes are gone.
            css = "mb-2 fw-semibold" if _HEADING.match(line) else "mb-2"
            paragraphs.append((css, _paragraph(line, line_start, spans, chosen_quote)))
        line_start += len(line) + 1
    html = format_html_join("", '<p class="{}">{}</p>', paragraphs)
    return Highlighted(html=html, marks=len(spans), quotes=len(evidence))


def _paragraph(line: str, line_start: int, spans: list[tuple[int, int, int]], chosen: int | None) -> SafeString:
    """One line, escaped and without Markdown syntax, with the parts inside evidence spans marked."""
    subs = markdown_substitutions(line)
    pieces, position, line_end = [], 0, line_start + len(line)
    for index, (start, end, quote) in enumerate(spans):
        if end <= line_start or start >= line_end:
            continue
        left, right = max(start, line_start) - line_start, min(end, line_end) - line_start
        # Only the first piece of a quote carries the id the page scrolls to.
        mark_id = ""
        if start >= line_start:
            is_chosen = chosen is not None and quote == chosen
            mark_id = format_html(' id="evidence-{}" data-chosen' if is_chosen else ' id="evidence-{}"', index)
        before, inside = _render(line, subs, position, left), _render(line, subs, left, right)
        pieces.append(format_html("{}<mark{}>{}</mark>", before, mark_id, inside))
        position = right
    pieces.append(format_html("{}", _render(line, subs, position, len(line))))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def markdown_substitutions(line: str, *, fragment: bool = False) -> list[Substitution]:
    """Where one raw line's Markdown syntax sits and what the reader sees instead, sorted.

    ``fragment``: the line is a quote cut from a table row, so pipes count as cell borders
    even when the quote does not start at the row's first pipe.
    """
    subs: list[Substitution] = []
    for pattern in (_HEADING, _QUOTE_MARK):
        found = pattern.match(line)
        if found:
            subs.append((found.start(), found.end(), ""))
    bullet = _BULLET.match(line)
    if bullet and not _EMPHASIS.match(line):
        subs.append((bullet.start(), bullet.end(), "• "))
    subs += [(m.start(), m.end(), " ") for m in _BREAK.finditer(line)]
    subs += _table_cells(line, fragment=fragment)
    for pattern in (_STRONG, _EMPHASIS):
        for found in pattern.finditer(line):
            width = len(found.group(1))
            subs += [(found.start(), found.start() + width, ""), (found.end() - width, found.end(), "")]
    for found in _LINK.finditer(line):
        subs += [(found.start(1), found.end(1), ""), (found.start(3), found.end(3), "")]
    for found in _CODE.finditer(line):
        subs += [(found.start(), found.start() + 1, ""), (found.end() - 1, found.end(), "")]
    return _without_overlaps(subs)


def _table_cells(line: str, *, fragment: bool = False) -> list[Substitution]:
    """A table row's pipes: those at either end vanish, the inner ones become a visible gap."""
    stripped = line.strip()
    if not (fragment and "|" in stripped) and not (line.count("|") >= 2 and stripped.startswith("|")):
        return []
    return [(m.start(), m.end(), "" if m.start() == 0 or m.end() == len(line) else " · ") for m in _PIPE.finditer(line)]


def _without_overlaps(subs: list[Substitution]) -> list[Substitution]:
    kept: list[Substitution] = []
    for sub in sorted(subs):
        if not kept or sub[0] >= kept[-1][1]:
            kept.append(sub)
    return kept


def _render(line: str, subs: list[Substitution], start: int, end: int) -> str:
    """The reader's text for raw characters ``start:end`` of ``line``.

    A substitution's replacement is shown by the piece holding its first character, so a
    piece boundary inside ``**`` neither repeats nor loses it.
    """
    out, position = [], start
    for sub_start, sub_end, replacement in subs:
        if sub_end <= start or sub_start >= end:
            continue
        out.append(line[position : max(sub_start, start)])
        if sub_start >= start:
            out.append(replacement)
        position = min(sub_end, end)
    out.append(line[position:end])
    return "".join(out)


def markdown_plain(text: str) -> str:
    """A quote as the reader sees it: the Markdown syntax gone, lines joined by spaces."""
    lines = [line for line in text.split("\n") if line.strip() and not _TABLE_RULE.match(line)]
    rendered = (_render(line, markdown_substitutions(line, fragment=True), 0, len(line)) for line in lines)
    return " ".join(" ".join(part.split()) for part in rendered)
