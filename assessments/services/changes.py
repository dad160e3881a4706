"""What changed since the signed version: marking the answers a new document version changed.

When a new version of a document is read into an assessment, each answer that was reviewed
(accepted, or signed as part of a change review) is compared with the new reading:

* same value and every quoted sentence still in the new text (compared as the diff compares
  sentences: markup, list numbers and white space ignored, so a moved or re-wrapped sentence
  is still present) -> carried, its review state kept;
* value changed -> reopened, marked ``value``;
* same value but a quoted sentence changed or is gone -> reopened, marked ``evidence``.

A marked answer keeps what it was (``previous_value``, ``previous_evidence``) and the
version it was read from (``changed_from``); its new value and quotes are the answer's own.
A reviewer's override is never touched by a reading, so it is carried as it is.
"""

from __future__ import annotations

from assessments.models import Answer
from policies.extraction.diff import comparison_key
from policies.models import Statement

Change = Answer.Change
REOPEN = {"review": Answer.Review.PENDING, "reviewed_by": None, "reviewed_at": None}


class ComparedText:
    """A version's text in the diff's comparison form, to ask whether a quote survives in it."""

    def __init__(self, text: str) -> None:
        self.key = _key(text)

    def holds(self, quote: str) -> bool:
        quoted = _key(quote)
        return not quoted or quoted in self.key


def _key(text: str) -> str:
    # Per line, because the diff's markup pattern strips list and heading marks at a line's start.
    return " ".join(part for part in (comparison_key(line) for line in text.splitlines()) if part)


def quotes_of(evidence: list[dict] | None) -> list[str]:
    """The quotes from the version being read; a quote naming another ``document`` (the DPA on
    file behind ``compliance.dpa_available``) is not looked for in it."""
    return [str(item.get("text", "")) for item in evidence or [] if "document" not in item]


def answer_change_of(*, value: str, evidence: list[dict] | None, new_value: str, new_text: ComparedText) -> str:
    """``value``, ``evidence`` or "" (unchanged) for a reading of ``new_value`` from ``new_text``."""
    if value != new_value:
        return Change.VALUE
    if not all(new_text.holds(quote) for quote in quotes_of(evidence)):
        return Change.EVIDENCE
    return Change.NONE


def answer_change_fields(
    *, answer: Answer, fields: dict, new_text: ComparedText, read_before: Statement | None
) -> dict:
    """The fields that reopen and mark ``answer`` for the new reading ``fields``; {} if it is carried.

    A reviewed answer is compared with what was reviewed. One still pending has no reviewed
    state to differ from: unmarked, it takes the new reading as it is; marked, it stays
    compared with the state it was marked against, and only the kind of change is refreshed.
    """
    if answer.review == Answer.Review.PENDING:
        if not answer.change:
            return {}
        change = answer_change_of(
            value=answer.previous_value, evidence=answer.previous_evidence, new_value=fields["value"], new_text=new_text
        )
        return {"change": change or answer.change}
    change = answer_change_of(
        value=answer.value, evidence=answer.evidence, new_value=fields["value"], new_text=new_text
    )
    if change == Change.NONE:
        return {}
    return REOPEN | {
        "change": change,
        "previous_value": answer.value,
        "previous_evidence": answer.evidence,
        "changed_from": read_before,
    }
