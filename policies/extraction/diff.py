"""Sentence-aligned diff between two versions of a document.

``diff_documents(old_text, new_text)`` compares two stored (normalised) texts sentence by
sentence and returns a :class:`DocumentDiff`: one :class:`DiffEntry` per sentence of the
new version (plus the removed ones, placed where they stood), each with its op:

* ``unchanged``: the same sentence, up to white space and markup ("## ", "- ", "**",
  list numbers, table pipes) and hard wrapping, which the reader and segmenter undo;
* ``moved``: the same sentence in another place (matched across the whole document,
  so a reordered section is a set of moves, not deletions plus additions);
* ``changed``: a removed and an added sentence that are at least ``CHANGED_SIMILARITY``
  alike in their words, shown with a word-level ``inline`` diff; a changed sentence that
  also moved has ``moved=True``;
* ``added`` / ``removed``: everything else.

Every entry carries ``section``, the heading it sits under (the new version's, or the old
one's for a removal), so a view can group by section. Headings are entries too, but
``DocumentDiff.summary`` counts only sentences: ``summary.text()`` reads "12 sentences
changed in 3 sections; 2 moved", where "changed" covers changed, added and removed.

The alignment is the standard library's ``difflib.SequenceMatcher`` on sentence keys,
then pairing inside each differing block; no third-party library did better on formal
prose, and this one is linear enough for the 0.3 s budget on 60 KB (``bench/diff.py``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from policies.extraction.segment import segment
from policies.extraction.types import Sentence

# Word similarity above which a removed and an added sentence are one changed sentence.
# 0.6 keeps "30 days" -> "90 days" or a clause added to a sentence as a change, and
# leaves two different sentences that share a few words ("We use cookies", "We use
# Stripe for payments") as a removal and an addition.
CHANGED_SIMILARITY = 0.6
# A sentence that changed and moved must be more alike: the search spans the whole document.
MOVED_CHANGED_SIMILARITY = 0.8
# Inside one differing block only sentences this close in position are compared, which
# keeps a completely rewritten document linear instead of quadratic.
_PAIRING_WINDOW = 12
# Leftovers beyond this many are not searched for changed-and-moved pairs (quadratic).
_MAX_MOVE_SEARCH = 400
# A word in more leftover sentences than this is too common to find a moved sentence by;
# the best few sentences sharing rarer words are compared in full.
_MAX_POSTINGS = 25
_MOVE_CANDIDATES = 8

_MARKUP = re.compile(r"^(?:#{1,6}\s+|[-*+•]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)+|\*\*|__|`|(?<=\s)\|(?=\s)")
_TOKEN = re.compile(r"\S+\s*")


class Op(StrEnum):
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


@dataclass(frozen=True, slots=True)
class InlinePiece:
    """A run of words in a changed sentence: ``op`` is "equal", "delete" or "insert"."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class DiffEntry:
    """One sentence's fate. ``old``/``new`` index each version's text (None when absent)."""

    op: Op
    old: Sentence | None
    new: Sentence | None
    section: str
    similarity: float = 1.0
    inline: tuple[InlinePiece, ...] = ()
    moved: bool = False


@dataclass(frozen=True, slots=True)
class DiffSummary:
    changed: int
    added: int
    removed: int
    moved: int
    unchanged: int
    sections: tuple[str, ...]  # headings of the sections with a change, in order

    @property
    def differing(self) -> int:
        """Sentences that read differently: changed, added or removed (moves are not)."""
        return self.changed + self.added + self.removed

    def text(self) -> str:
        """"12 sentences changed in 3 sections; 2 moved", or "No changes"."""
        if not self.differing and not self.moved:
            return "No changes"
        parts = []
        if self.differing:
            parts.append(
                f"{_plural(self.differing, 'sentence')} changed in {_plural(len(self.sections) or 1, 'section')}"
            )
        if self.moved:
            parts.append(f"{self.moved} moved")
        return "; ".join(parts)


@dataclass(frozen=True)
class DocumentDiff:
    entries: list[DiffEntry]
    summary: DiffSummary
    old_text: str = field(repr=False, default="")
    new_text: str = field(repr=False, default="")

    @property
    def changes(self) -> list[DiffEntry]:
        """Every entry but the unchanged ones."""
        return [entry for entry in self.entries if entry.op != Op.UNCHANGED]

    def by_section(self) -> dict[str, list[DiffEntry]]:
        """The changes grouped under their headings, sections in document order."""
        grouped: dict[str, list[DiffEntry]] = defaultdict(list)
        for entry in self.changes:
            grouped[entry.section].append(entry)
        return dict(grouped)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def comparison_key(sentence: str) -> str:
    """The sentence as compared: markup and list numbering gone, white space single."""
    return " ".join(_MARKUP.sub("", sentence).split())


def diff_documents(old_text: str, new_text: str) -> DocumentDiff:
    """Diff two normalised texts (``Document.text`` of two versions)."""
    result = diff_sentences(segment(old_text), segment(new_text))
    return DocumentDiff(entries=result.entries, summary=result.summary, old_text=old_text, new_text=new_text)


def diff_sentences(old: list[Sentence], new: list[Sentence]) -> DocumentDiff:
    """Diff two segmented versions; see the module docstring for the ops."""
    old_keys = [comparison_key(sentence.text) for sentence in old]
    new_keys = [comparison_key(sentence.text) for sentence in new]
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    blocks = [opcode for opcode in matcher.get_opcodes() if opcode[0] != "equal"]
    removed = [i for _, i1, i2, _, _ in blocks for i in range(i1, i2)]
    added = [j for _, _, _, j1, j2 in blocks for j in range(j1, j2)]
    moves = _exact_moves(removed, added, old_keys, new_keys)
    pairs = _block_pairs(blocks, old_keys, new_keys, moves)
    pairs.update(_changed_moves(removed, added, old_keys, new_keys, moves, pairs))
    entries = _entries(matcher.get_opcodes(), old, new, moves, pairs, old_keys, new_keys)
    return DocumentDiff(entries=entries, summary=_summary(entries))


def _exact_moves(removed: list[int], added: list[int], old_keys: list[str], new_keys: list[str]) -> dict[int, int]:
    """new index -> old index for sentences that left one place and reappear in another."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for i in removed:
        if old_keys[i]:
            waiting[old_keys[i]].append(i)
    moves: dict[int, int] = {}
    for j in added:
        if waiting.get(new_keys[j]):
            moves[j] = waiting[new_keys[j]].pop(0)
    return moves


def _block_pairs(
    blocks: list[tuple[str, int, int, int, int]], old_keys: list[str], new_keys: list[str], moves: dict[int, int]
) -> dict[int, tuple[int, float]]:
    """new index -> (old index, similarity) for changed sentences inside each replaced block."""
    moved_old = set(moves.values())
    pairs: dict[int, tuple[int, float]] = {}
    for tag, i1, i2, j1, j2 in blocks:
        if tag != "replace":
            continue
        floor = i1
        for j in (j for j in range(j1, j2) if j not in moves):
            offset = j - j1 + i1
            candidates = [
                i for i in range(max(floor, offset - _PAIRING_WINDOW), min(i2, offset + _PAIRING_WINDOW + 1))
                if i not in moved_old
            ]
            best = _best_match(new_keys[j], candidates, old_keys, CHANGED_SIMILARITY)
            if best is not None:
                pairs[j] = best
                floor = best[0] + 1  # pairs keep their order, as a changed paragraph does
    return pairs


def _changed_moves(
    removed: list[int], added: list[int], old_keys: list[str], new_keys: list[str],
    moves: dict[int, int], pairs: dict[int, tuple[int, float]],
) -> dict[int, tuple[int, float]]:
    """Sentences edited slightly and moved elsewhere: paired across the whole document.

    Only old sentences sharing enough distinct words with the new one (an inverted index)
    are compared, so the search stays near-linear on a long, heavily revised document.
    """
    used = set(moves.values()) | {i for i, _ in pairs.values()}
    left_old = [i for i in removed if i not in used]
    left_new = [j for j in added if j not in moves and j not in pairs]
    if not left_old or not left_new or len(left_old) * len(left_new) > _MAX_MOVE_SEARCH**2:
        return {}
    index: dict[str, list[int]] = defaultdict(list)
    for i in left_old:
        for word in set(old_keys[i].lower().split()):
            index[word].append(i)
    found: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for j in left_new:
        shared: dict[int, int] = defaultdict(int)
        for word in set(new_keys[j].lower().split()):
            postings = index.get(word, ())
            if len(postings) <= _MAX_POSTINGS:  # "we", "the", "data" say nothing about identity
                for i in postings:
                    shared[i] += 1
        ranked = sorted((i for i in shared if i not in taken), key=shared.__getitem__, reverse=True)
        candidates = ranked[:_MOVE_CANDIDATES]
        best = _best_match(new_keys[j], candidates, old_keys, MOVED_CHANGED_SIMILARITY)
        if best is not None:
            found[j] = best
            taken.add(best[0])
    return found


def _best_match(key: str, candidates: list[int], old_keys: list[str], threshold: float) -> tuple[int, float] | None:
    words = key.split()
    best: tuple[int, float] | None = None
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    for i in candidates:
        matcher.set_seq1(old_keys[i].split())
        # The cheap upper bounds rule out most candidates before the real ratio is computed.
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold and (best is None or ratio > best[1]):
            best = (i, ratio)
    return best


def _entries(
    opcodes: list[tuple[str, int, int, int, int]], old: list[Sentence], new: list[Sentence],
    moves: dict[int, int], pairs: dict[int, tuple[int, float]], old_keys: list[str], new_keys: list[str],
) -> list[DiffEntry]:
    taken_old = set(moves.values()) | {i for i, _ in pairs.values()}
    entries: list[DiffEntry] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            entries.extend(
                DiffEntry(Op.UNCHANGED, old[i1 + k], new[j1 + k], new[j1 + k].section) for k in range(i2 - i1)
            )
            continue
        block: list[tuple[float, int, DiffEntry]] = []
        for j in range(j1, j2):
            block.append((j, 1, _new_side_entry(j, old, new, moves, pairs, (i1, i2))))
        for i in (i for i in range(i1, i2) if i not in taken_old):
            anchor = next((j for j in range(j1, j2) if _old_of(j, moves, pairs) is not None
                           and i < _old_of(j, moves, pairs) < i2), j2)  # type: ignore[operator]
            block.append((anchor, 0, DiffEntry(Op.REMOVED, old[i], None, old[i].section)))
        entries.extend(entry for _, _, entry in sorted(block, key=lambda item: (item[0], item[1])))
    return entries


def _old_of(j: int, moves: dict[int, int], pairs: dict[int, tuple[int, float]]) -> int | None:
    if j in pairs:
        return pairs[j][0]
    return moves.get(j)


def _new_side_entry(
    j: int, old: list[Sentence], new: list[Sentence], moves: dict[int, int],
    pairs: dict[int, tuple[int, float]], block: tuple[int, int],
) -> DiffEntry:
    sentence = new[j]
    if j in moves:
        return DiffEntry(Op.MOVED, old[moves[j]], sentence, sentence.section)
    if j in pairs:
        i, ratio = pairs[j]
        moved = not block[0] <= i < block[1]
        pieces = inline_diff(old[i].text, sentence.text)
        return DiffEntry(Op.CHANGED, old[i], sentence, sentence.section, round(ratio, 3), pieces, moved)
    return DiffEntry(Op.ADDED, None, sentence, sentence.section)


def inline_diff(old: str, new: str) -> tuple[InlinePiece, ...]:
    """Word-level diff of two sentences: runs of equal, deleted and inserted words.

    Words are compared without their trailing white space, and runs are merged, so
    "30 days" -> "90 days" is equal "", delete "30 ", insert "90 ", equal "days".
    """
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, [t.strip() for t in old_tokens], [t.strip() for t in new_tokens], autojunk=False)
    pieces: list[InlinePiece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(pieces, "equal", "".join(new_tokens[j1:j2]))
            continue
        if i2 > i1:
            _append(pieces, "delete", "".join(old_tokens[i1:i2]))
        if j2 > j1:
            _append(pieces, "insert", "".join(new_tokens[j1:j2]))
    return tuple(pieces)


def _append(pieces: list[InlinePiece], op: str, text: str) -> None:
    if pieces and pieces[-1].op == op:
        pieces[-1] = InlinePiece(op, pieces[-1].text + text)
    elif text:
        pieces.append(InlinePiece(op, text))


def _summary(entries: list[DiffEntry]) -> DiffSummary:
    counts = {op: 0 for op in Op}
    sections: dict[str, None] = {}
    for entry in entries:
        sentence = entry.new or entry.old
        if sentence is not None and sentence.is_heading:
            continue  # a new heading is shown, but the summary counts sentences
        counts[entry.op] += 1
        if entry.op not in (Op.UNCHANGED, Op.MOVED):
            sections[entry.section] = None
    return DiffSummary(
        changed=counts[Op.CHANGED], added=counts[Op.ADDED], removed=counts[Op.REMOVED],
        moved=counts[Op.MOVED], unchanged=counts[Op.UNCHANGED], sections=tuple(sections),
    )
