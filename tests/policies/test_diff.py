"""The sentence-aligned document diff on a realistic revision and on the edge cases."""
from __future__ import annotations

from pathlib import Path

from policies.extraction.diff import Op, diff_documents, inline_diff
from policies.extraction.readers import read_document

VERSIONS = Path(__file__).parent / "versions"


def _version(name: str) -> str:
    path = VERSIONS / name
    return read_document(path.read_bytes(), filename=path.name).text


def _texts(entries, side: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [getattr(entry, side).text for entry in entries]


def test_realistic_revision_shows_the_new_ai_section_region_and_retention() -> None:
    diff = diff_documents(_version("deskly-privacy-v1.md"), _version("deskly-privacy-v2.md"))
    sections = diff.by_section()

    added_ai = [entry for entry in sections["AI reply suggestions"] if entry.op == Op.ADDED]
    assert any("OpenAI, L.L.C." in entry.new.text for entry in added_ai)
    [region] = [entry for entry in sections["Sub-processors and locations"] if entry.op == Op.CHANGED]
    assert "Frankfurt, Germany" in "".join(piece.text for piece in region.inline if piece.op == "insert")
    [retention] = [entry for entry in sections["Retention"] if entry.op == Op.CHANGED]
    assert [(p.op, p.text.strip()) for p in retention.inline if p.op != "equal"] == [("delete", "90"), ("insert", "30")]


def test_moved_section_is_a_move_not_a_deletion_and_addition() -> None:
    diff = diff_documents(_version("deskly-privacy-v1.md"), _version("deskly-privacy-v2.md"))

    unchanged_or_moved = {entry.new.text for entry in diff.entries if entry.op in (Op.MOVED, Op.UNCHANGED)}
    assert "We encrypt data at rest with AES-256." in unchanged_or_moved
    assert "Backups are overwritten within 35 days." in unchanged_or_moved
    assert diff.summary.moved >= 3
    removed = _texts([entry for entry in diff.entries if entry.op == Op.REMOVED], "old")
    assert not any("AES-256" in text or "35 days" in text for text in removed)


def test_white_space_markup_and_wrapping_are_not_changes() -> None:
    old = "## Retention\n\nWe keep tickets for 30 days.\n\n- We never sell data.\n"
    new = "# Retention\n\nWe keep tickets\nfor 30 days.\n\n* We never   sell data.\n"

    diff = diff_documents(old, new)

    assert diff.changes == [] and diff.summary.text() == "No changes"


def test_summary_counts_sentences_and_sections() -> None:
    old = "## A\n\nOne. Two.\n\n## B\n\nThree.\n\n## C\n\nFour."
    new = "## A\n\nOne. Two changed a lot here.\n\n## B\n\nThree. Five is new.\n\n## C\n\nFour."

    summary = diff_documents(old, new).summary

    assert (summary.added, summary.removed) == (2, 1) and summary.sections == ("A", "B")
    assert summary.text() == "3 sentences changed in 2 sections"


def test_a_modified_sentence_is_changed_with_an_inline_diff() -> None:
    diff = diff_documents("## R\n\nWe keep logs for 30 days.", "## R\n\nWe keep access logs for 90 days.")

    [entry] = diff.changes
    assert entry.op == Op.CHANGED and entry.section == "R" and entry.similarity >= 0.6
    assert entry.old.text == "We keep logs for 30 days." and entry.new.text == "We keep access logs for 90 days."


def test_inline_diff_merges_runs() -> None:
    pieces = inline_diff("We share data with Stripe and PayPal.", "We share data with Adyen.")
    assert [(piece.op, piece.text) for piece in pieces] == [
        ("equal", "We share data with "), ("delete", "Stripe and PayPal."), ("insert", "Adyen."),
    ]


def test_offsets_index_each_version() -> None:
    old, new = "Alpha one. Beta two.", "Beta two. Gamma three."
    for entry in diff_documents(old, new).entries:
        if entry.old:
            assert old[entry.old.start : entry.old.end] == entry.old.text
        if entry.new:
            assert new[entry.new.start : entry.new.end] == entry.new.text
