"""Fast, linear sentence and heading segmentation with exact offsets.

``segment(text)`` cuts normalised statement text into :class:`Sentence` objects whose
``start``/``end`` index the original string (``text[s.start:s.end] == s.text``). It is a
regex splitter rather than a statistical one: privacy statements are formal prose, lists
and headings, and a library such as pysbd is two orders of magnitude too slow for the
pipeline's 1 MB/s budget.

Rules, in order:
1. The text is cut into lines; a line that does not end a sentence and is followed by a
   line starting in lower case (a hard wrap, or a PDF page break) is joined to it.
2. A short line without final punctuation in Title Case, ALL CAPS, numbered
   ("3. Data Retention"), a Markdown ``#`` line, a short line ending in ":" or a short question on a
   line of its own ("Do we disclose any information to outside parties?") is a heading;
   every later sentence carries its text as ``section`` until the next heading.
3. Other blocks are split after ``.``, ``!`` or ``?`` followed by white space and a capital,
   digit, quote or bullet, except after known abbreviations and initials.
4. A sentence longer than ``MAX_SENTENCE_CHARS`` is cut at ``;``, then ``,``, then white
   space, so a megabyte of unpunctuated text stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policies.extraction.types import Sentence

MAX_SENTENCE_CHARS = 1200
MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 12


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words in ``words`` (keeps long vocabularies readable)."""
    return frozenset(words.split())


# A line from its first to its last non-space character (\s and str.strip agree on what a space is).
_TRIMMED_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_BULLET = re.compile(r"^\s*(?:[-*+•·‣◦▪▫●○■□➢►✓✔]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_NUMBERED = re.compile(
    r"^\s*(?:(?:section|article|part)\s+)?(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\."
    r"|[A-Z]\.)\s+",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?;][\"'”’)\]*_]*\s*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# A line of its own asking one of these is a FAQ-style heading, not a statement.
_QUESTION_WORDS = _word_set("do does did is are can could will would who what when where which why how should may")
_SMALL_WORDS = _word_set(
    "a an and as at but by for from in into of on or per the to via vs with your our we you "
    "its their is are do does not how what why who when where which this that"
)

# A boundary: terminal punctuation, optional closing quotes/brackets, white space, then
# something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9•\-–])")
# Never a boundary after these (lower-cased, without the final period).
_ABBREVIATIONS = _word_set(
    "e.g eg i.e ie mr mrs ms dr prof sr jr st vs v cf approx fig no nos art sec para pp p "
    "u.s u.k e.u u.s.a a.m p.m dept est min max incl ca al op vol ed ref tel ph "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Company suffixes and "etc." end a sentence only when a typical sentence opener follows.
_SOFT_ABBREVIATIONS = _word_set("etc inc ltd llc corp co plc gmbh ag s.a b.v pty l.p llp")
_SENTENCE_OPENERS = _word_set(
    "we you our if the this these those they it in for to when where please any all some "
    "such as your by with however this each no an a there information personal"
)
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.+[\"'”’)\]*_]*$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[*_]*([A-Za-z]+)")


def segment(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, list items and headings with offsets into ``text``."""
    sentences: list[Sentence] = []
    section = ""
    for start, end in _blocks(text):
        block = text[start:end]
        if _is_heading(block) or _is_sentence_case_heading(text, start, end, block):
            section = _heading_title(block)
            sentences.append(Sentence(start, end, block, section=section, is_heading=True))
            continue
        if end - start <= MAX_SENTENCE_CHARS and _BOUNDARY.search(block) is None:
            # One sentence (most list items and short paragraphs): blocks are already trimmed.
            sentences.append(Sentence(start, end, block, section=section))
            continue
        for s_start, s_end in _split_block(text, start, end):
            sentences.append(Sentence(s_start, s_end, text[s_start:s_end], section=section))
    return sentences


# -- lines and blocks -------------------------------------------------------------------


def _trimmed_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank line, trimmed of surrounding white space."""
    for match in _TRIMMED_LINE.finditer(text):
        yield match.span()


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Group lines into blocks: a hard-wrapped line is joined to its lower-case continuation."""
    current: tuple[int, int] | None = None
    for start, end in _trimmed_lines(text):
        if current is not None and _continues(text, current, text[start:end]):
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def _continues(text: str, previous: tuple[int, int], line: str) -> bool:
    """True when ``line`` carries on the sentence that the block ``text[previous]`` left unfinished."""
    # Only the block's last 8 and first 10 characters decide (a "#" heading mark is at most 10), so
    # a long hard-wrapped paragraph is not copied again for every line joined to it.
    start, end = previous
    if _TERMINAL.search(text, max(start, end - 8), end) or text[end - 1] == ":":
        return False
    if _MD_HEADING.match(text[start : min(end, start + 10)]) or _BULLET.match(line):
        return False
    first = line[0]
    return first.islower() or (first in "(,;" and len(line) > 1)


# -- headings ----------------------------------------------------------------------------


def _is_heading(block: str) -> bool:
    """Decide whether a block is a heading line (see the module docstring, rule 2)."""
    if "\n" in block:
        return False
    if _MD_HEADING.match(block):
        return True
    if len(block) > MAX_HEADING_CHARS or _BULLET.match(block) and not _NUMBERED.match(block):
        return False
    body = _NUMBERED.sub("", block, count=1).strip(" *_#")
    words = _WORD.findall(body)
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if body.endswith(":"):
        return len(words) <= 6
    if body.endswith("?"):
        return words[0].lower() in _QUESTION_WORDS
    if _TERMINAL.search(body) or body.endswith(","):
        return False
    return body.isupper() or _is_title_case(words) or (_NUMBERED.match(block) is not None and len(words) <= 8)


# "Policy update", "Data subjects rights & contact": a heading in sentence case is told from a
# short sentence by standing alone between blank lines, with few words and no punctuation.
_SENTENCE_CASE_HEADING_WORDS = 6


def _is_sentence_case_heading(text: str, start: int, end: int, block: str) -> bool:
    if end - start > MAX_HEADING_CHARS or not text.startswith("\n\n", end):
        return False  # the cheap tests first: most blocks are long or not followed by a blank line
    if "\n" in block or _BULLET.match(block) or not block[0].isupper() or _TERMINAL.search(block):
        return False
    if any(mark in block for mark in ",:;|\"“(") or block.endswith(("-", "?")):
        return False
    words = _WORD.findall(block)
    if not 2 <= len(words) <= _SENTENCE_CASE_HEADING_WORDS or len(words) != len(block.split()):
        return False
    alone_before = start == 0 or text.endswith("\n\n", 0, start) or text.endswith("\n \n", 0, start)
    return alone_before and text.startswith("\n\n", end)


def _is_title_case(words: list[str]) -> bool:
    """Most content words capitalised: "Data Retention", "How We Use Your Information"."""
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75 and words[0][0].isupper()


def _heading_title(block: str) -> str:
    """The heading's words without Markdown marks, emphasis or a trailing colon."""
    title = _MD_HEADING.sub("", block).strip(" *_#\t")
    title = _NUMBERED.sub("", title, count=1).strip(" *_")
    return title.rstrip(":").strip()


# -- sentences inside a block -----------------------------------------------------------


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield trimmed sentence spans inside text[start:end]."""
    block = text[start:end]
    cursor = 0
    for match in _BOUNDARY.finditer(block):
        if not _is_boundary(block, match):
            continue
        yield from _capped(text, start + cursor, start + match.end())
        cursor = match.end()
    yield from _capped(text, start + cursor, end)


def _is_boundary(block: str, match: re.Match[str]) -> bool:
    """Reject boundaries after abbreviations, initials and company suffixes."""
    before = _TOKEN_BEFORE.search(block, max(0, match.start() - 20), match.end())
    if before is None:
        return True
    token = before.group(1).lower().rstrip(".")
    if len(token) == 1 and token.isalpha() and block[match.start() - 1].isupper():
        return False  # an initial: "J. Smith", "A. Company"
    if token in _ABBREVIATIONS:
        return False
    if token in _SOFT_ABBREVIATIONS:
        following = _NEXT_WORD.match(block, match.end())
        return following is not None and following.group(1).lower() in _SENTENCE_OPENERS
    return True


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Trim a span and cut it into pieces of at most MAX_SENTENCE_CHARS."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        yield from _capped(text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _cut_point(text: str, start: int, limit: int) -> int:
    """Best place to cut a too-long sentence: after the last ';', ',' or space before limit."""
    floor = start + MAX_SENTENCE_CHARS // 3  # keep pieces from becoming tiny
    for mark in (";", ",", " "):
        position = text.rfind(mark, floor, limit)
        if position != -1:
            return position + 1
    return limit
