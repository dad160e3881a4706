"""Value types shared by the readers, the segmenter and the detectors.

The extraction engine is plain Python: nothing here may import Django, so it can be
tested and benchmarked without a database.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NOT_STATED = "not_stated"


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted stretch of the stored (normalised) text: ``text == stored[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or list item / heading line) with its offsets and the heading it sits under."""

    start: int
    end: int
    text: str
    section: str = ""  # nearest heading above the sentence, "" before the first heading
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Answer:
    value: str
    confidence: float = 0.0
    evidence: tuple[Span, ...] = field(default_factory=tuple)

    @classmethod
    def not_stated(cls) -> Answer:
        return cls(value=NOT_STATED, confidence=0.0, evidence=())
