"""Normalise extracted text into the form that is stored and quoted as evidence.

Every evidence offset points into the text this module returns, so it runs once,
before the text is stored; detectors never see un-normalised text. Each step is a
single ``str.translate`` or a regular expression without nested quantifiers, so the
whole pass stays linear in the size of the text.
"""
from __future__ import annotations

import re

_NEWLINE = "\n"

# One table for every character-to-character fix: newlines, odd spaces and invisible
# characters. Curly quotes and dashes stay as written, so evidence quotes the statement's own
# characters (the detectors fold quotes when they match, ``framework.QUOTE_FOLD``), but
# invisible characters that would split words are dropped ("pri\u200bvacy" must match "privacy").
_CHAR_MAP: dict[int, str | None] = {
    **{ord(c): _NEWLINE for c in "\u000b\u000c\u0085\u2028\u2029"},
    **{ord(c): " " for c in "\u00a0\u1680\u202f\u205f\u3000"},
    **{code: " " for code in range(0x2000, 0x200B)},
    **{ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
    # C0 controls other than tab and newline are noise from PDFs and Word (NULs included).
    **{code: None for code in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)},
}

_CRLF = re.compile(r"\r\n?")
# Only runs worth replacing: matching every single space doubles the pass's cost.
_SPACE_RUN = re.compile(r"(?:\t| [ \t])[ \t]*")
_LINE_EDGE_SPACE = re.compile(r" \n ?|\n ")
# "protec-\ntion": only a lower-case letter continuing a word joins, so "Opt-\nOut"
# and list dashes stay as they are. The pattern opens with its literal "-\n" (the letter
# before it is a lookbehind after it), so the regex engine skips to each "-\n" at C speed.
_HYPHENATED_BREAK = re.compile(r"-\n(?<=[A-Za-z]-\n)(?=[a-z])")
# A bullet glyph (or a Markdown "*") opening a line becomes the ASCII "- " the
# segmenter recognises as a list item. "-" itself is already in that form.
# A Markdown "*" needs its space, so a line opening in "**bold**" is left alone.
_BULLET = re.compile(
    r"^(?:[\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u2013\u2014] ?|\* )(?=\S)",
    re.M,
)
_BLANK_LINES = re.compile(r"\n\n\n+")  # a literal prefix: found by a fast scan, not tried at every "\n"


def normalize(text: str) -> str:
    """Return ``text`` with uniform newlines, spaces, quotes and bullets.

    Paragraph breaks (one blank line) and single line breaks are kept, because
    headings and list items are recognised by their lines.
    """
    if "\r" in text:
        text = _CRLF.sub(_NEWLINE, text)
    text = text.translate(_CHAR_MAP)
    # These two patterns cannot skip ahead to a literal; a substring test (a C scan) tells
    # whether they can match at all, and most texts have no tab, double space or space at a line end.
    if "\t" in text or "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_SPACE.sub(_NEWLINE, text)
    text = _HYPHENATED_BREAK.sub("", text)
    text = _BULLET.sub("- ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def collapse_blank_lines(text: str) -> str:
    """Runs of blank lines (left where lines were dropped) as one paragraph break, text trimmed."""
    return _BLANK_LINES.sub("\n\n", text).strip()
