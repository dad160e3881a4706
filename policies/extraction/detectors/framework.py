"""A small sentence-scoring framework so each detector is mostly data.

A :class:`Rule` lists weighted cue patterns, a cheap keyword prefilter, context that must
(or may) surround a cue, context that disqualifies a sentence, and headings that make a
sentence more telling. :func:`scan` scores every sentence of a :class:`Document` against a
rule and returns :class:`Hit` objects with the polarity of the mention; the ``decide_*``
functions turn hits into an :class:`Answer` with evidence and a confidence.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from policies.extraction.detectors.language import (
    EXCEPTION,
    UNREALISED,
    Polarity,
    clause_start,
    denies,
    polarity,
    reader_acts,
)
from policies.extraction.types import NOT_STATED, Answer, Sentence, Span

YES, NO, IGNORE = "yes", "no", "ignore"
MAX_EVIDENCE = 3
HEADING_FACTOR = 0.6  # a heading names a topic; a body sentence asserts a practice
QUESTION_FACTOR = 0.45  # "Do we disclose information to outside parties?" only asks
DEMOTION = 0.1  # enough to rank below a plain statement of the practice, not to drop below threshold
_LEAD_IN_MAX_GAP = 40  # list items further than this many sentences from their lead-in lose it


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence prepared for matching: lower-cased text, section and list lead-in."""

    sentence: Sentence
    lower: str
    section: str  # lower-cased heading the sentence sits under
    lead: str  # lower-cased lead-in ("We may share data with:") when the sentence is a list item
    index: int
    previous: str = ""  # lower-cased previous two sentences of the same section
    label: str = ""  # "location" in "- **Location:** we don't collect it": the topic of the line
    body: int = 0  # where the statement after the label starts in ``lower``
    following: Sentence | None = None  # the next sentence: what a heading or a lead-in introduces


@dataclass(frozen=True, slots=True)
class Document:
    """The whole statement prepared once for all detectors."""

    text: str
    units: tuple[Unit, ...]
    # Every unit's ``lower`` joined by NULs, and where each starts: a keyword is looked for once
    # in the whole statement (``str.find`` runs in C) instead of once per sentence.
    joined: str = ""
    starts: tuple[int, ...] = ()
    # Results one detector computes and another reuses (named processors imply sharing).
    cache: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, text: str, sentences: Sequence[Sentence]) -> Document:
        """Lower-case every sentence once and attach list lead-ins."""
        units: list[Unit] = []
        lead, lead_index = "", -_LEAD_IN_MAX_GAP
        # str.translate looks every character up: only pay for it when the text has curly quotes.
        fold = any(quote in text for quote in _CURLY_QUOTES)
        for index, sentence in enumerate(sentences):
            lower = plain(sentence.text).lower()
            if fold:
                lower = lower.translate(QUOTE_FOLD)
            item = _LIST_ITEM.match(sentence.text) is not None
            if sentence.is_heading:
                lead = ""
            elif not item and lower.rstrip().endswith(":"):
                lead, lead_index = lower, index
            elif not item:
                lead = ""
            own_lead = lead if item and index - lead_index < _LEAD_IN_MAX_GAP else ""
            previous = _previous_two(units, sentence.section)
            label, body = _label(lower) if ":" in lower else ("", 0)
            if not label and units and _answers_question(units[-1], lower):
                label = units[-1].lower.rstrip("? ")  # "Do we sell your data?" / "No." reads as "sell: no"
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            units.append(
                Unit(sentence, lower, sentence.section.lower(), own_lead, index, previous, label, body, following)
            )
        starts, position = [], 0
        for unit in units:
            starts.append(position)
            position += len(unit.lower) + 1
        joined = "\0".join(unit.lower for unit in units)
        return cls(text=text, units=tuple(units), joined=joined, starts=tuple(starts))

    def with_keywords(self, keywords: Iterable[str]) -> set[int]:
        """Indices of the units whose text contains at least one of ``keywords``."""
        found: set[int] = set()
        if len(self.joined) < _SMALL_STATEMENT:
            for keyword in keywords:
                if keyword in self.joined:
                    found.update(self._find_all(keyword))
            return found
        for keyword in keywords:
            anchor = _anchor(keyword)
            found.update(self._find_all(keyword) if len(anchor) < 2 else self._via_words(keyword, anchor))
        return found

    def with_substrings(self, needles: Iterable[str]) -> set[int]:
        """Indices of the units containing one of ``needles``, found by a plain scan of the text.

        For marks such as "[at]" whose letters are a common word part: the word index would
        hand back every unit with a word holding "at".
        """
        found: set[int] = set()
        for needle in needles:
            if needle in self.joined:
                found.update(self._find_all(needle))
        return found

    def _via_words(self, keyword: str, anchor: str) -> Iterable[int]:
        """Units with ``keyword``: those with a word holding its longest letter run, then checked.

        A statement has a few thousand distinct words, so looking ``anchor`` up among them is
        much cheaper than scanning megabytes of text once per keyword.
        """
        postings = self._postings()
        found: set[int] = set()
        for word, indices in postings.items():
            if anchor in word:
                found.update(indices)
        if keyword == anchor:
            return found
        units = self.units
        return [index for index in found if keyword in units[index].lower]

    def _postings(self) -> dict[str, list[int]]:
        """Each word of two or more letters, with the units it occurs in."""
        postings = self.cache.get("postings")
        if postings is None:
            postings = {}
            for unit in self.units:
                for word in set(_LETTERS.findall(unit.lower)):
                    indices = postings.get(word)
                    if indices is None:
                        postings[word] = [unit.index]
                    else:
                        indices.append(unit.index)
            self.cache["postings"] = postings
        return postings  # type: ignore[return-value]

    def _find_all(self, keyword: str) -> Iterable[int]:
        joined, starts, last = self.joined, self.starts, len(self.starts) - 1
        position = joined.find(keyword)
        while position != -1:
            index = bisect_right(starts, position) - 1
            yield index
            if index == last:
                return
            position = joined.find(keyword, starts[index + 1])  # the next unit: one hit per unit is enough

    def in_sections(self, pattern: re.Pattern[str]) -> set[int]:
        """Indices of the units under a heading (or a line label) that ``pattern`` matches."""
        found: set[int] = set()
        for section, indices in self._by_section().items():
            if section and pattern.search(section):
                found.update(indices)
        found.update(self.labelled(pattern))
        return found

    def _by_section(self) -> dict[str, list[int]]:
        cached = self.cache.get("sections")
        if cached is None:
            cached = {}
            for unit in self.units:
                cached.setdefault(unit.section, []).append(unit.index)
            self.cache["sections"] = cached
        return cached  # type: ignore[return-value]

    def labelled(self, topic: re.Pattern[str] | None = None) -> list[int]:
        """Indices of the "Label: statement" lines (whose label ``topic`` matches, if given)."""
        labels, joined, starts = self._labels()
        if topic is None:
            return [index for indices in labels.values() for index in indices]
        names = list(labels)
        found: list[int] = []
        matched = -1
        # One pass over all labels at once: a list can hold thousands of "Step N:" lines.
        for match in topic.finditer(joined):
            position = bisect_right(starts, match.start()) - 1
            if position != matched:
                matched = position
                found.extend(labels[names[position]])
        return found

    def _labels(self) -> tuple[dict[str, list[int]], str, list[int]]:
        cached = self.cache.get("labels")
        if cached is None:
            by_label: dict[str, list[int]] = {}
            for unit in self.units:
                if unit.label:
                    by_label.setdefault(unit.label, []).append(unit.index)
            starts, position = [], 0
            for label in by_label:
                starts.append(position)
                position += len(label) + 1
            cached = self.cache["labels"] = (by_label, "\0".join(by_label), starts)
        return cached  # type: ignore[return-value]


_LETTERS = re.compile(r"[a-z]{2,}")
# Curly quotes as straight ones, one character for one so offsets hold: the stored text keeps
# the statement's own quotes, the patterns are written with straight ones.
_CURLY_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033"
QUOTE_FOLD = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"},
})


@functools.cache
def _anchor(keyword: str) -> str:
    """The longest run of letters in ``keyword``: every unit holding the keyword has a word holding it."""
    return max(_LETTERS.findall(keyword), key=len, default="")


# Below this many characters, scanning the text once per keyword is cheaper than a word index.
_SMALL_STATEMENT = 300_000

# Markdown emphasis and code marks: "**Location:**", "_Effective 5 May 2023._", "`Settings`".
# They must not stand between a cue and its words ("_effective" has no word boundary).
_EMPHASIS = re.compile(r"\*+|`+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")


def plain(text: str) -> str:
    """``text`` without Markdown emphasis marks (bullets "- " stay: list items are found by them)."""
    if "*" not in text and "_" not in text and "`" not in text:
        return text
    bullet = _BULLET_MARK.match(text)
    head = bullet.group() if bullet else ""
    return head + _EMPHASIS.sub("", text[len(head) :])


_BULLET_MARK = re.compile(r"\s*[-*+]\s+")
# "Breaches: we tell affected customers within 72 hours." A short label names the topic of
# the statement after the colon, like a heading; a clause ("We may share data with:") is no label.
_LABEL = re.compile(r"[\W\d]{0,6}([a-z][a-z0-9 ()/&'-]{1,48}?)\s?:\s+(?=\S)")
_NOT_A_LABEL_START = frozenset("we you our us they it if when where this these those for in to as".split())
_MAX_LABEL_WORDS = 5


_SHORT_ANSWER = re.compile(
    r"[\W\d]{0,4}(?:yes|no|nope|never|none|not at all|we do|we don't|we do not|not something we do|"
    r"(?:absolutely|certainly|of course|definitely) not)\b"
)


def _answers_question(previous: Unit, lower: str) -> bool:
    """True when ``lower`` opens with a yes or no answering the question just before it.

    The question may be a heading or a sentence of its own ("Do you sell my data? No, never."):
    either way the bare answer is about what the question asked.
    """
    return previous.lower.endswith("?") and bool(_SHORT_ANSWER.match(lower))


def _label(lower: str) -> tuple[str, int]:
    """The label of a "Label: statement" line and where its statement starts, else ("", 0)."""
    match = _LABEL.match(lower)
    if match is None:
        return "", 0
    words = match.group(1).split()
    if len(words) > _MAX_LABEL_WORDS or words[0] in _NOT_A_LABEL_START:
        return "", 0
    return match.group(1), match.end()


def _previous_two(units: list[Unit], section: str) -> str:
    """The two sentences before this one in the same section (lower-cased), for carried-over topics."""
    if not units or units[-1].sentence.section != section:
        return ""
    latest = units[-1]
    older = latest.previous.split(" | ", 1)[0] if latest.previous else ""
    return latest.lower + (" | " + older if older else "")


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•·‣◦▪●○■□➢►✓✔]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\s+")


@dataclass(frozen=True, slots=True)
class Cue:
    """A pattern whose match suggests the practice, with how strongly."""

    pattern: re.Pattern[str]
    weight: float


def cue(pattern: str, weight: float) -> Cue:
    """Compile a lower-case cue pattern."""
    return Cue(rx(pattern), weight)


@dataclass(frozen=True, slots=True)
class Rule:
    """What makes a sentence evidence for one question.

    ``keywords``: at least one must occur in the sentence (cheap prefilter).
    ``cues``: weighted patterns; the best matching cue gives the base score.
    ``context``: if given, must match the sentence, its list lead-in or its section,
    unless the cue weight is at least ``strong``.
    ``exclude``: a match anywhere in the sentence disqualifies it.
    ``sections``: headings that add ``section_weight``; ``section_cues`` count only there.
    ``context_from_previous``: the previous sentence may supply the context.
    ``skip_reader``: drop cues whose clause has the reader as subject ("you may share").
    ``topic``: a line label naming the practice ("Location:", "Breaches:"); then ``topic_cues``
    count in the statement after the label, and a bare "none" / "no" there denies the practice.
    ``narrow``: a denial matching this names only a sub-kind ("the precise GPS location", "your
    card number"); it does not outweigh another sentence asserting the practice. Build it with
    :func:`narrow_denial` so a sentence that also denies the whole practice stays a full denial.
    ``plans_deny``: a planned or intended practice ("an audit is planned") is not yet one.
    ``heading_factor``: how much a heading counts; topic mentions count almost fully.
    ``question_factor``: how much a question counts ("Do we sell your data?" asserts nothing, but
    "What rights do you have under the GDPR?" does address the GDPR).
    ``demote``: a sentence matching this is weaker evidence (a children's clause for a general right).
    ``denials``: patterns that deny the practice when asserted ("your data stays in the EU" denies a
    transfer abroad); negated, they say nothing. Their keywords belong in ``keywords`` too.
    """

    keywords: tuple[str, ...]
    cues: tuple[Cue, ...]
    context: re.Pattern[str] | None = None
    exclude: re.Pattern[str] | None = None
    sections: re.Pattern[str] | None = None
    section_cues: tuple[Cue, ...] = ()
    section_weight: float = 0.2
    context_weight: float = 0.15
    strong: float = 2.0
    skip_reader: bool = False
    context_from_previous: bool = False  # "DNT. Some browsers send it. We do not respond to such signals."
    threshold: float = 0.5
    topic: re.Pattern[str] | None = None
    topic_cues: tuple[Cue, ...] = ()
    narrow: re.Pattern[str] | None = None
    plans_deny: bool = False
    heading_factor: float = HEADING_FACTOR
    question_factor: float = QUESTION_FACTOR
    demote: re.Pattern[str] | None = None
    denials: tuple[Cue, ...] = ()
    needs_context: bool = field(default=False, init=False)
    in_section_cues: tuple[Cue, ...] = field(default=(), init=False)  # all cues, heaviest first

    def __post_init__(self) -> None:
        # Heaviest cue first, so the first asserted match is the best one.
        object.__setattr__(self, "cues", tuple(sorted(self.cues, key=_by_weight)))
        object.__setattr__(self, "denials", tuple(sorted(self.denials, key=_by_weight)))
        heaviest = max(candidate.weight for candidate in self.cues + self.section_cues)
        # When no cue is strong enough to stand alone, a sentence without context is tested no further.
        object.__setattr__(self, "needs_context", self.context is not None and heaviest < self.strong)
        object.__setattr__(self, "in_section_cues", tuple(sorted(self.cues + self.section_cues, key=_by_weight)))

    def admits(self, lower: str) -> bool:
        """Cheap prefilter: some keyword occurs (``in`` beats a regex alternation here)."""
        for keyword in self.keywords:
            if keyword in lower:
                return True
        return False


@dataclass(frozen=True, slots=True)
class Hit:
    """One sentence's support for (or denial of) a practice."""

    unit: Unit
    score: float
    polarity: Polarity
    label: str = ""  # which family of cue matched, for level questions
    narrow: bool = False  # a denial of only a sub-kind of the practice (see ``Rule.narrow``)

    @property
    def span(self) -> Span:
        sentence = self.unit.sentence
        return Span(sentence.start, sentence.end, sentence.text)


def narrow_denial(sub_kinds: str, whole: str) -> re.Pattern[str]:
    """A sentence naming one of ``sub_kinds`` but none of the words for the ``whole`` practice.

    "We do not collect precise location" is narrow; "we collect no location data, precise or
    approximate" denies the whole practice.
    """
    return re.compile(r"^(?!.*\b(?:" + whole + r"))" + r".*\b(?:" + sub_kinds + r")")


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case pattern (all matching is on lower-cased text).

    Most cues open with ``\\b(?:word|word...)``; the regex engine then tries every position of
    the sentence. A lookahead on the letters a match can start with lets it skip ahead
    quickly, which makes the detectors about a third faster; it changes no match.
    """
    return LazyPattern(pattern)  # type: ignore[return-value]


class LazyPattern:
    """A regular expression compiled on first use.

    The detectors hold several hundred long patterns; compiling them all costs about 0.25 s,
    more than reading a short statement, and a short statement reaches only the few whose
    keywords it holds. The first call of a method compiles the pattern and stores the compiled
    method on the instance, so later calls cost the same as on a compiled pattern.
    """

    def __init__(self, source: str) -> None:
        self.__dict__["source"] = source

    def __getattr__(self, name: str) -> object:
        source = self.__dict__["source"]
        first = first_chars(source)  # reading the pattern's text costs as much as compiling it
        compiled = re.compile(f"(?=[{re.escape(first)}])(?:{source})" if first else source)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            self.__dict__[method] = getattr(compiled, method)
        self.__dict__["pattern"] = compiled.pattern
        return getattr(compiled, name)


_MAX_FIRST_CHARS = 20  # beyond this a lookahead no longer saves anything


def first_chars(pattern: str) -> str | None:
    """The characters every match of ``pattern`` must start with, or None when unsure.

    Reads only the pattern's text, for the shapes cues are written in: an optional ``\\b``, then a
    plain character or a group of alternatives that each start with one. Anything else (a class,
    an escape, an optional first item, an inline flag) answers None, which means no lookahead.
    """
    found = _leading(pattern)
    if not found or len(found) > _MAX_FIRST_CHARS:
        return None
    return "".join(sorted(found))


_PLAIN_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '’-@")
_OPTIONAL = ("?", "*", "{")  # what after a first item lets a match start without it


def _leading(pattern: str) -> set[str] | None:
    """First characters of ``pattern`` (see :func:`first_chars`), None when unsure."""
    alternatives = _top_level_split(pattern)
    if alternatives is None:
        return None
    if len(alternatives) > 1:
        found: set[str] = set()
        for alternative in alternatives:
            first = _leading(alternative)
            if first is None:
                return None
            found |= first
        return found
    while pattern.startswith(r"\b"):
        pattern = pattern[2:]  # a word boundary matches no character
    if pattern.startswith("(?:") or (pattern.startswith("(") and not pattern.startswith("(?")):
        inner_start = 3 if pattern.startswith("(?:") else 1
        close = _closing_paren(pattern)
        if close is None or pattern[close + 1 : close + 2] in _OPTIONAL:
            return None
        return _leading(pattern[inner_start:close])
    if pattern and pattern[0] in _PLAIN_FIRST and pattern[1:2] not in _OPTIONAL:
        return {pattern[0]}
    return None


def _top_level_split(pattern: str) -> list[str] | None:
    """``pattern`` cut at its top-level ``|``; None when its brackets do not balance."""
    parts, depth, start, index = [], 0, 0, 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth != 0 or in_class:
        return None
    parts.append(pattern[start:])
    return parts


def _closing_paren(pattern: str) -> int | None:
    """Index of the ``)`` closing the group that opens ``pattern``."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def scan(document: Document, rule: Rule, label: str = "") -> list[Hit]:
    """Score the sentences of ``document`` that could match ``rule``, in document order."""
    hits = []
    section_matches: dict[str, bool] = {}  # many sentences share a heading: test it once
    for index in sorted(candidates(document, rule)):
        unit = document.units[index]
        in_section = section_matches.get(unit.section)
        if in_section is None:
            in_section = section_matches[unit.section] = _in_section(rule, unit.section)
        hit = score_unit(unit, rule, label, in_section)
        if hit is not None:
            hits.append(hit)
    return hits


def candidates(document: Document, rule: Rule) -> set[int]:
    """Units holding a keyword, plus those where section cues or a topic label apply without one."""
    found = document.with_keywords(rule.keywords)
    if rule.section_cues and rule.sections is not None:
        found |= document.in_sections(rule.sections)
    if rule.topic is not None:
        found.update(document.labelled(rule.topic))
    return found


def _in_section(rule: Rule, section: str) -> bool:
    return rule.sections is not None and section != "" and rule.sections.search(section) is not None


def _on_topic(rule: Rule, unit: Unit) -> bool:
    return rule.topic is not None and unit.label != "" and rule.topic.search(unit.label) is not None


# A table row as the readers write it: "Category: Geolocation data; Collected: No; Sold: No."
_ROW_PAIR = re.compile(r"([^:;]{1,60}): ([^;]{1,400})(?:; |\.?$)")
_CELL_YES = frozenset({"yes", "y", "✓", "✔", "x", "☑", "collected", "true"})
_CELL_NO = frozenset({"no", "n", "none", "✗", "✘", "-", "—", "–", "not collected", "never", "false", "n/a"})
# A column saying whether the row's data is collected or used at all.
_COLLECTION_HEADER = re.compile(
    r"\b(?:collect|gather|process|use|used|hold|store|receiv|obtain|keep|record|track|log)\w*\b"
)


def _table_row(lower: str) -> list[tuple[str, str]] | None:
    """The (header, cell) pairs of a row sentence with at least one yes/no cell, else None."""
    if "; " not in lower or ": " not in lower:
        return None
    pairs = [(match.group(1).strip(" -*"), match.group(2).strip(" .")) for match in _ROW_PAIR.finditer(lower)]
    if len(pairs) < 2 or not any(cell in _CELL_YES or cell in _CELL_NO for _, cell in pairs):
        return None
    return pairs


def _row_cue(row: list[tuple[str, str]], rule: Rule) -> Found:
    """What a table row's yes/no cells say of the practice.

    A column named for the practice ("Sold or shared: No") decides it for the row; otherwise a
    row whose other cells name the data ("Geolocation data") takes its answer from the column
    saying whether the data is collected ("Collected: No"). None when the row does neither.
    """
    marked = [(header, cell in _CELL_YES) for header, cell in row if cell in _CELL_YES or cell in _CELL_NO]
    if rule.topic is not None:
        named = [said for header, said in marked if rule.topic.search(header)]
        if named:
            return _TOPIC_WEIGHT, Polarity.ASSERTED if any(named) else Polarity.DENIED
    subject = "; ".join(cell for _, cell in row if cell not in _CELL_YES and cell not in _CELL_NO)
    found = _best_cue(subject, rule.cues, False)
    collected = [said for header, said in marked if _COLLECTION_HEADER.search(header)]
    if found is None or not collected:
        return None
    return found[0], Polarity.ASSERTED if any(collected) else Polarity.DENIED


def score_unit(unit: Unit, rule: Rule, label: str = "", in_section: bool | None = None) -> Hit | None:
    """The best hit ``rule`` finds in one sentence, or None."""
    lower = unit.lower
    if in_section is None:
        in_section = _in_section(rule, unit.section)
    row = _table_row(lower)
    if row is not None:
        found = _row_cue(row, rule)
        if found is not None:
            score = _contextual_score(unit, rule, found[0], True, has_context=True)
            # A row's "No" denies the practice for that row's data only; another row's "Yes" stands.
            narrow = found[1] is Polarity.DENIED
            return None if score is None else Hit(unit, score, found[1], label, narrow)
    if unit.label and not in_section:
        in_section = _in_section(rule, unit.label)  # a line's label is its own small heading
    on_topic = _on_topic(rule, unit)
    # Section-only cues work without the keywords: a bare item under "Recipients" has none.
    if not rule.admits(lower) and not (in_section and rule.section_cues) and not on_topic:
        return None
    has_context = None
    if rule.needs_context and not on_topic:
        has_context = _has_context(unit, rule)
        if not has_context:
            return None
    cues = rule.in_section_cues if in_section else rule.cues
    # A label only names a topic ("- Third parties: we have none"); the statement after it says
    # whether the practice happens, so cues count in the statement alone.
    best = _best_cue(lower[unit.body :] if unit.label else lower, cues, rule.skip_reader)
    if best is None and unit.label and not denies(lower[unit.body :]):
        # "- Sub-processors: the list is on our website": a statement about the label's topic
        # that denies nothing confirms it.
        best = _best_cue(lower, cues, rule.skip_reader)
    if rule.denials:
        best = _better(best, _denial_cue(lower, rule.denials))
    faq = _faq_answer(unit) if on_topic else None
    if faq is not None:
        best = faq  # "Do you sell my data?" / "No. We sell subscriptions." : the bare answer is the answer
    elif on_topic:
        best = _better(best, _topic_cue(unit, rule))
    # Exclusions are long alternations: test them only on sentences that have a cue. A bare
    # answer to a question about the practice stands whatever words follow it.
    if best is None or (faq is None and rule.exclude is not None and rule.exclude.search(lower)):
        return None
    weight, found = best
    if rule.plans_deny and found is Polarity.ASSERTED and _planned(lower, cues):
        found = Polarity.DENIED
    score = _contextual_score(unit, rule, weight, in_section or on_topic, has_context)
    if score is None:
        return None
    narrow = found is Polarity.DENIED and rule.narrow is not None and rule.narrow.search(lower) is not None
    return Hit(unit, score, found, label, narrow)


# A label followed by a bare denial: "Certifications: none yet.", "Location: no."
_BARE_DENIAL = re.compile(
    r"(?:we have |there are |we've got )?(?:none|no|nope|never|not (?:yet|applicable|collected|used|at all)|n/a)\b"
    r"|we (?:do not|don't) have (?:any|one)\b|we (?:do not|don't)(?=\s*(?:[.,;!(]|$))"
)
# "Cookies: yes, for sign-in only.", "Cookies: we do." (but not "we do not ...").
_BARE_ASSENT = re.compile(r"(?:yes\b|we do(?=\s*(?:[.,;!(]|$)))")
_TOPIC_WEIGHT = 0.85
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\b(?:and|but|while|whereas)\b")


def _planned(lower: str, cues: Sequence[Cue]) -> bool:
    """True when the clause of the first matching cue speaks of a plan ("is planned for next year").

    Only that clause counts: "we hold SOC 2 and plan to add ISO 27001" still holds SOC 2.
    """
    for candidate in cues:
        match = candidate.pattern.search(lower)
        if match is None:
            continue
        end = _CLAUSE_END.search(lower, match.end())
        clause = lower[clause_start(lower, match.start()) : end.start() if end else len(lower)]
        return UNREALISED.search(clause) is not None
    return False


def _topic_cue(unit: Unit, rule: Rule) -> Found:
    """What the statement after a label naming the practice says of it."""
    found = _best_cue(unit.lower[unit.body :], rule.topic_cues, rule.skip_reader)
    if found is not None and found[1] is Polarity.ASSERTED:
        return found  # "Location: no GPS, but we derive the country" still derives it
    if _BARE_DENIAL.match(unit.lower, unit.body):
        return _TOPIC_WEIGHT, Polarity.DENIED
    if _BARE_ASSENT.match(unit.lower, unit.body):
        return _TOPIC_WEIGHT, Polarity.ASSERTED
    return found


Found = tuple[float, Polarity] | None  # a cue's weight and polarity, or nothing found

_FAQ_NO = re.compile(
    r"[\W\d]{0,4}(?:no|nope|never|not at all|not something we do|(?:absolutely|certainly|of course|definitely) not)\b"
)
_FAQ_YES = re.compile(r"[\W\d]{0,4}yes\b")


def _faq_answer(unit: Unit) -> Found:
    """A bare yes or no opening the answer to a question about the practice, else None.

    "No, except with our payment processor" keeps its exception.
    """
    if unit.body or not unit.label:
        return None  # not an answer to a question (a "Label: statement" line has a body offset)
    if _FAQ_YES.match(unit.lower):
        return _TOPIC_WEIGHT, Polarity.ASSERTED
    opening = _FAQ_NO.match(unit.lower)
    if opening is None:
        return None
    if EXCEPTION.search(unit.lower, opening.end()):
        return _TOPIC_WEIGHT, Polarity.DENIED_WITH_EXCEPTION
    return _TOPIC_WEIGHT, Polarity.DENIED


def _denial_cue(lower: str, denials: Sequence[Cue]) -> Found:
    """The heaviest asserted pattern that denies the practice, as a denial (kept exceptions)."""
    for candidate in denials:  # heaviest first (see Rule.__post_init__)
        match = candidate.pattern.search(lower)
        if match is None or polarity(lower, match.start(), match.end()) is not Polarity.ASSERTED:
            continue
        if EXCEPTION.search(lower, match.end()):
            return candidate.weight, Polarity.DENIED_WITH_EXCEPTION
        return candidate.weight, Polarity.DENIED
    return None


def _better(first: Found, second: Found) -> Found:
    """An asserted cue beats a denied one; otherwise the heavier wins."""
    if first is None or second is None:
        return first or second
    if (first[1] is Polarity.ASSERTED) != (second[1] is Polarity.ASSERTED):
        return first if first[1] is Polarity.ASSERTED else second
    return first if first[0] >= second[0] else second


def _by_weight(candidate: Cue) -> float:
    return -candidate.weight


def _best_cue(lower: str, cues: Sequence[Cue], skip_reader: bool) -> tuple[float, Polarity] | None:
    """Heaviest asserted cue, else heaviest denied one; ``cues`` come heaviest first.

    An asserted mention outranks a denied one in the same sentence: "invoices and payment
    status (we never see your card number)" still says payment data is collected.
    """
    denied: tuple[float, Polarity] | None = None
    for candidate in cues:
        match = candidate.pattern.search(lower)
        if match is None or (skip_reader and reader_acts(lower, match.start())):
            continue
        found = polarity(lower, match.start(), match.end())
        if found is not Polarity.ASSERTED:
            # "You can't opt out of alerts, but you can opt out of newsletters": a later mention
            # of the same cue may assert what the first one denied (denials are rare, so this is cheap).
            for later in candidate.pattern.finditer(lower, match.end()):
                if not (skip_reader and reader_acts(lower, later.start())):
                    if polarity(lower, later.start(), later.end()) is Polarity.ASSERTED:
                        found = Polarity.ASSERTED
                        break
        if found is Polarity.ASSERTED:
            return candidate.weight, found
        if denied is None:
            denied = (candidate.weight, found)
    return denied


def _has_context(unit: Unit, rule: Rule) -> bool:
    search = rule.context.search  # type: ignore[union-attr]
    if search(unit.lower) or (unit.lead and search(unit.lead)) or (unit.section and search(unit.section)):
        return True
    return bool(rule.context_from_previous and unit.previous and search(unit.previous))


def _contextual_score(
    unit: Unit, rule: Rule, weight: float, in_section: bool, has_context: bool | None = None
) -> float | None:
    """Add context and section support; None when required context is missing."""
    score = weight
    if rule.context is not None:
        if has_context is None:
            has_context = in_section and _on_topic(rule, unit) or _has_context(unit, rule)
        if has_context:
            score += rule.context_weight
        elif weight < rule.strong:
            return None
    if in_section:
        score += rule.section_weight
    if unit.lower.endswith("?"):
        score *= rule.question_factor  # a question asserts nothing, whatever its form
    elif unit.sentence.is_heading:
        score *= rule.heading_factor  # a heading names a topic; it asserts nothing
    if rule.demote is not None and rule.demote.search(unit.lower):
        score -= DEMOTION
    return score


# -- decisions ----------------------------------------------------------------------------


def confidence(hits: Sequence[Hit]) -> float:
    """Confidence from the best score and how many sentences agree, in [0.3, 0.97]."""
    best = max(hit.score for hit in hits)
    agreeing = min(len(hits), 4) - 1
    return round(min(0.97, max(0.3, 0.35 + 0.45 * min(best, 1.2) + 0.04 * agreeing)), 2)


_TITLE_WORDS = 4
# "**Affiliates.**", "__Service Providers__": a short line set in bold is a run-in heading.
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\W*$")


# Lines that point at what follows rather than state a practice: "Here is how to exercise your
# rights:", "This policy describes the ways you can ...", "_Right to request access_".
_OVERVIEW = re.compile(
    r"^(?:this|the|our) (?:privacy |data protection )?(?:policy|statement|notice|section|page|document)\b[^.;]{0,40}?"
    r"\b(?:describes|explains|sets out|outlines|summari[sz]es|tells you|covers|lists|details)\b"
    r"|^(?:here is|here's|below (?:is|are)|the following (?:is|are|describes|explains)|read on|learn more|see below"
    r"|find out|to learn more|more information|for more information)\b"
)
_EMPHASIS_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*?|__?)[^*_]{1,120}(?:\*\*?|__?)?\W*:?\W*$")


def _is_signpost(unit: Unit) -> bool:
    """A lead-in ending in ":", an overview of the document, a line set wholly in emphasis or a
    label with nothing after it: it points at the practice, it does not state it."""
    text = unit.sentence.text.strip()
    if _OVERVIEW.search(unit.lower.lstrip("-*_ ")):
        return True
    return len(text) <= 120 and _EMPHASIS_LINE.match(text) is not None


def _is_title(unit: Unit) -> bool:
    """A heading, or a short bold or Title Case line without a label: it names a topic, states nothing."""
    if unit.sentence.is_heading or _is_signpost(unit):
        return True
    words = unit.sentence.text.split()
    if unit.label or len(words) > _TITLE_WORDS:
        return False
    return _BOLD_LINE.match(unit.sentence.text) is not None or all(word[:1].isupper() for word in words)


def evidence(hits: Iterable[Hit]) -> tuple[Span, ...]:
    """The best 1-3 sentences, most telling first (document order breaks ties).

    Titles and headings are quoted only when no body sentence supports the answer: a reviewer
    needs the sentence that states the practice, not the heading above it.
    """
    # One candidate per distinct text first: a long statement repeats sentences, and
    # sorting only the distinct ones keeps this linear in practice.
    best: dict[str, tuple[float, int, Hit]] = {}
    for hit in hits:
        key = hit.unit.lower.strip()
        rank = (-round(hit.score, 3), hit.unit.index, hit)
        if key not in best or rank[:2] < best[key][:2]:
            best[key] = rank
    ranked = [rank[2] for rank in sorted(best.values(), key=lambda rank: rank[:2])]
    quoted: list[Hit] = []
    for hit in ranked:
        if not _is_title(hit.unit):
            quoted.append(hit)
            if len(quoted) == MAX_EVIDENCE:
                break
    if quoted:
        return tuple(hit.span for hit in quoted)
    # Only headings, lead-ins or labels support the answer: quote what each introduces (the
    # sentence under it) before it, since a heading alone states nothing a reviewer can check.
    spans: list[Span] = []
    for hit in ranked[:MAX_EVIDENCE]:
        for span in (_introduced(hit), hit.span):
            if span is not None and span not in spans:
                spans.append(span)
    return tuple(spans[:MAX_EVIDENCE])


def _introduced(hit: Hit) -> Span | None:
    """The sentence right after a heading or a lead-in: the statement it introduces."""
    following, own = hit.unit.following, hit.unit.sentence
    if following is None or following.is_heading:
        return None
    if not own.is_heading and following.section != own.section:
        return None  # a lead-in's statement sits under the same heading
    return Span(following.start, following.end, following.text)


def answer(value: str, hits: Sequence[Hit]) -> Answer:
    """An Answer with evidence from ``hits`` (not_stated when there are none)."""
    if value == NOT_STATED or not hits:
        return Answer.not_stated()
    return Answer(value=value, confidence=confidence(hits), evidence=evidence(hits))


def decide_yes_no(
    hits: Sequence[Hit], threshold: float, *, exception_means: str = YES, prefer_no: bool = False, denial: str = NO
) -> Answer:
    """Turn hits into yes / no / not_stated.

    ``exception_means``: what "we do not share ... except with providers" says (yes for
    sharing, no for selling). ``prefer_no``: an explicit denial wins over an assertion of
    about the same strength. ``denial``: what a negated mention means: ``no``, ``yes``
    (any mention addresses the topic, e.g. "not directed at children") or ``ignore``.
    """
    yes_hits, no_hits = [], []
    for hit in hits:
        if hit.score < threshold:
            continue
        if hit.polarity is Polarity.ASSERTED or denial == YES:
            yes_hits.append(hit)
        elif denial == IGNORE:
            continue
        elif hit.polarity is Polarity.DENIED_WITH_EXCEPTION and exception_means == YES:
            yes_hits.append(Hit(hit.unit, hit.score * 0.85, hit.polarity, hit.label))
        else:
            no_hits.append(hit)
    if any(not hit.unit.sentence.is_heading for hit in yes_hits):
        # "We don't collect precise GPS location" does not deny the city we derive from your IP.
        # A heading asserts nothing, so "## Automated decision-making" leaves such a denial standing.
        no_hits = [hit for hit in no_hits if not hit.narrow]
    best_yes = max((hit.score for hit in yes_hits), default=0.0)
    best_no = max((hit.score for hit in no_hits), default=0.0)
    if no_hits and (best_no > best_yes or (prefer_no and best_no >= best_yes - 0.1)):
        return answer(NO, no_hits)
    return answer(YES, yes_hits) if yes_hits else Answer.not_stated()


def rule_detector(rule: Rule, **decision: object) -> Callable[[Document], Answer]:
    """A detector for a yes/no question made only of one rule."""

    def detect(document: Document) -> Answer:
        return decide_yes_no(scan(document, rule), rule.threshold, **decision)  # type: ignore[arg-type]

    return detect


@dataclass(frozen=True, slots=True)
class LevelRules:
    """Rules for a level question: ``specific`` beats ``vague``."""

    specific: Rule
    vague: Rule


def decide_level(document: Document, rules: LevelRules) -> Answer:
    """specific when a concrete, asserted hit exists, else vague, else not_stated."""
    specific = _asserted(scan(document, rules.specific, "specific"), rules.specific.threshold)
    if specific:
        return answer("specific", specific)
    vague = _asserted(scan(document, rules.vague, "vague"), rules.vague.threshold)
    return answer("vague", vague) if vague else Answer.not_stated()


def _asserted(hits: Iterable[Hit], threshold: float) -> list[Hit]:
    return [hit for hit in hits if hit.score >= threshold and hit.polarity is not Polarity.DENIED]
