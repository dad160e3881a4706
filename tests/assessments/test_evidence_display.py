"""The evidence viewer and quotes show what a reader sees: no Markdown syntax, the chosen passage marked."""

from types import SimpleNamespace

from assessments.evidence import highlight_evidence, markdown_plain

STATEMENT = (
    "## What we keep\n"
    "| Data | How long |\n"
    "|---|---|\n"
    "| Ticket content | 90 days<br>then _deleted_ |\n"
    "We **never** sell data.\n"
)


def quote(text: str) -> dict:
    start = STATEMENT.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def test_quotes_read_without_pipes_breaks_or_emphasis_marks():
    assert markdown_plain("| Ticket content | 90 days<br>then _deleted_ |") == "Ticket content · 90 days then deleted"
    assert markdown_plain("We **never** sell data.") == "We never sell data."


def test_the_viewer_drops_markdown_and_marks_the_chosen_passage():
    answer = SimpleNamespace(
        evidence=[quote("Ticket content | 90 days<br>then _deleted_"), quote("We **never** sell data.")],
        auto_evidence=[],
    )
    html = str(highlight_evidence(SimpleNamespace(extracted_text=STATEMENT), answer, chosen_quote=1).html)
    assert "|" not in html and "&lt;br&gt;" not in html and "_deleted_" not in html and "**" not in html
    assert "---" not in html and "##" not in html and '<p class="mb-2 fw-semibold">What we keep</p>' in html
    assert '<mark id="evidence-0">Ticket content · 90 days then deleted</mark>' in html
    assert '<mark id="evidence-1" data-chosen>We never sell data.</mark>' in html
