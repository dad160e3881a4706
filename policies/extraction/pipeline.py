"""The extraction pipeline: bytes -> Document -> sentences -> one answer per key of a detector set.

``extract`` is what the command and the benchmark call on a file; ``detect_text``
is what the worker calls on text stored at upload time (already normalised, so the
offsets it produces point into that stored text).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policies.extraction.detectorsets import DEFAULT_SET
from policies.extraction.readers import DEFAULT_MAX_BYTES, Document, load_file, read_document
from policies.extraction.types import Answer, Span

# Confidences are model scores, not measurements: three decimals is all they carry.
_CONFIDENCE_DIGITS = 3


@dataclass(frozen=True)
class Extraction:
    """A read statement and the answers detected in it."""

    document: Document
    answers: dict[str, Answer]

    def to_contract(self) -> dict[str, Any]:
        """The JSON object of questionnaire.md's command-line contract."""
        return {
            "document": {
                "sha256": self.document.sha256,
                "chars": len(self.document.text),
                "format": self.document.format,
            },
            "answers": {key: answer_to_contract(answer) for key, answer in self.answers.items()},
        }


def answer_to_contract(answer: Answer) -> dict[str, Any]:
    return {
        "value": answer.value,
        "confidence": round(float(answer.confidence), _CONFIDENCE_DIGITS),
        "evidence": [_span_to_contract(span) for span in answer.evidence],
    }


def _span_to_contract(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def extract(
    data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES, detector_set: str = DEFAULT_SET
) -> Extraction:
    """Read a statement's bytes and answer the questionnaire that ``detector_set`` fills.

    Raises an ``ExtractionError`` subclass when the bytes cannot be read (see
    ``read_document``); detection itself never fails on readable text.
    """
    document = read_document(data, filename=filename, max_bytes=max_bytes)
    return Extraction(document=document, answers=detect_text(document.text, detector_set=detector_set))


def extract_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, detector_set: str = DEFAULT_SET
) -> Extraction:
    """``extract`` on a file, which is never read past ``max_bytes``; ``OSError`` if it cannot be opened."""
    data = load_file(path, max_bytes=max_bytes)
    return extract(data, filename=Path(path).name, max_bytes=max_bytes, detector_set=detector_set)


def detect_text(text: str, *, detector_set: str = DEFAULT_SET) -> dict[str, Answer]:
    """Answer every question of ``detector_set`` (by default help-desk privacy v1) from already
    normalised text (``Document.text`` as stored). ``UnknownDetectorSet`` for a key not registered.
    """
    # Imported here so the readers work (and are tested) on their own, and importing
    # the pipeline stays cheap for code that only reads documents.
    from policies.extraction.detectorsets import detector_set as registered

    return registered(detector_set).detect(text)
