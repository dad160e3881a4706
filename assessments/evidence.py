"""The statement text with an answer's evidence highlighted, built safely for the page.

Statement text comes from outside: every character of it is escaped, and the only markup
added is ``<mark>`` around the quoted sentences, built with ``format_html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments.models import Answer
from policies.models import Statement


@dataclass(frozen=True)
class Highlighted:
    html: SafeString
    marks: int  # how many quotes were found in the text
    quotes: int  # how many quotes the answer has


def evidence_spans(text: str, evidence: list[dict]) -> list[tuple[int, int]]:
    """Offsets of each quote in ``text``, sorted, without overlaps; a quote whose offsets moved is looked up."""
    spans = []
    for quote in evidence:
        start, end, said = quote.get("start"), quote.get("end"), quote.get("text", "")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == said and said):
            # Evidence kept from an older reading may not sit at the same offsets in this text.
            start = text.find(said) if said else -1
            end = start + len(said)
        if start >= 0 and end > start:
            spans.append((start, end))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def highlight_evidence(statement: Statement | None, answer: Answer) -> Highlighted:
    """The statement's text as escaped paragraphs, with the answer's evidence in ``<mark>`` elements."""
    text = statement.extracted_text if statement else ""
    evidence = answer.evidence or answer.auto_evidence or []
    spans = evidence_spans(text, evidence)
    paragraphs, line_start = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(_paragraph(line, line_start, spans))
        line_start += len(line) + 1
    html = format_html_join("", '<p class="mb-2">{}</p>', ((p,) for p in paragraphs))
    return Highlighted(html=html, marks=len(spans), quotes=len(evidence))


def _paragraph(line: str, line_start: int, spans: list[tuple[int, int]]) -> SafeString:
    """One line, escaped, with the parts that fall inside evidence spans marked."""
    pieces, position, line_end = [], 0, line_start + len(line)
    for index, (start, end) in enumerate(spans):
        if end <= line_start or start >= line_end:
            continue
        left, right = max(start, line_start) - line_start, min(end, line_end) - line_start
        # Only the first piece of a quote carries the id the page scrolls to.
        mark_id = format_html(' id="evidence-{}"', index) if start >= line_start else ""
        pieces.append(format_html("{}<mark{}>{}</mark>", line[position:left], mark_id, line[left:right]))
        position = right
    pieces.append(format_html("{}", line[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
