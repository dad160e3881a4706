"""Small, fast language helpers shared by the detectors: negation scope and who acts.

Everything works on lower-cased sentence text with offsets of a cue match, so a detector can
ask "is *this* mention negated?" rather than "does the sentence contain 'not'?". That is the
difference between "we do not sell your data" (negated) and "if you do not want marketing
e-mail, you can opt out" (a condition about the reader, not a denial of the practice).
"""

from __future__ import annotations

import re
from enum import Enum


class Polarity(Enum):
    """How a sentence speaks of the practice a cue names."""

    ASSERTED = "asserted"  # "we may share", "we share"
    DENIED = "denied"  # "we do not sell", "we take no action in response to"
    DENIED_WITH_EXCEPTION = "denied_with_exception"  # "we do not share ... except with providers"


_NEGATION = re.compile(
    r"\b(?:not|never|no|none|neither|nor|cannot|without|nothing|refrain from|decline to|ignores?|ignoring)\b"
    r"|n[’']t\b"
)
# Phrases that contain a negation word but do not deny anything.
_NOT_A_NEGATION = re.compile(
    r"\b(?:not (?:only|limited|just|necessarily|exhaustive)|whether or not|no matter|no later than"
    r"|without limitation|without limiting|if not|not to exceed|not less than|no less than|no more than"
    r"|not more than|(?<!we )(?<!they )do[- ]not[- ]track"
    r"|do[- ]not[- ]sell (?:or share )?my|do not call|without (?:undue )?delay"
    r"|without charge|without cost|without notice|no charge|no cost|free of charge|not all"
    # A negation inside a noun phrase describes some other thing, not the practice: "a country
    # without an adequacy decision", "users without an account", "data no longer needed".
    r"|without (?:an? |any )?(?:adequa\w*|equivalent|comparable|similar) \w+"
    r"|(?:countr(?:y|ies)|jurisdictions?|states|regions|users?|visitors?|customers?|people|accounts?) without"
    r"|(?:countr(?:y|ies)|jurisdictions?|states|regions) (?:that|which|who) (?:do|does|may) not"
    r"|not (?:deemed|considered|recogni[sz]ed)(?: to (?:be|provide|offer|have))? (?:as )?(?:an? )?adequate"
    r"|no longer than|(?:is |are )?no longer (?:needed|necessary|required|relevant|in use|active|valid))\b"
)
# Where a clause starts: a negation before this point does not govern the cue.
_CLAUSE_BREAK = re.compile(
    # ", or any other kind of X" carries on a denied list ("not used for ads, or any other profiling").
    r"[;:()\u2022]|[.?!](?=\s)|,\s*(?:and|or(?!\s+(?:any|other|similar|such)\b)|but|however|although|while|whereas"
    r"|which|who|so)\b"
    r"|\b(?:but|however|although|though|whereas|except|unless|other than|apart from|instead)\b"
)
EXCEPTION = re.compile(
    r"\b(?:except|unless|other than|apart from|save (?:as|for|where)|without (?:your|their|the customer[’']s|"
    r"prior|first|obtaining)\b|only (?:if|when|where|with|to|as|for|in)|but (?:we )?may|beyond)\b"
)
# A negation inside a condition about the reader ("if you do not want ...") denies nothing.
_CONDITION = re.compile(r"\b(?:if|unless|in case|should|where|when|whether)\s+(?:you|your|a user|users)\b[^.;]*$")
_READER_SUBJECT = re.compile(r"\b(?:you|your browser|users?|visitors?)\s+(?:\w+\s+){0,2}$")
_READER_ACTS = re.compile(
    r"(?:^|[,;:]\s*|\b(?:if|when|where|once|whether)\s+)(?:you|users?|the user|visitors?|individuals?)\s+"
    r"(?:\w+\s+){0,2}?(?:may|can|might|could|choose|choose to|decide|decide to|elect|opt|wish|want|are able)\b"
)
LOOKBACK_CHARS = 120
# A practice that is planned, intended or under way is not (yet) a practice: "a SOC 2 audit is
# planned for next year", "we are working towards ISO 27001".
UNREALISED = re.compile(
    r"\b(?:plan(?:s|ned|ning)? (?:to|for)|(?:is|are) planned|intend(?:s|ed)? to|working (?:towards?|on)|"
    r"in the process of|aim(?:s|ing)? (?:to|for)|expect(?:s|ing)? to|hope to|will (?:undergo|pursue|seek|begin|"
    r"start|obtain)|pursuing|not yet|upcoming|next year|in the (?:near )?future|on our roadmap|preparing for)\b"
)


def clause_start(lower: str, position: int) -> int:
    """Offset where the clause holding ``position`` starts (bounded lookback keeps it linear)."""
    floor = max(0, position - LOOKBACK_CHARS)
    start = floor
    for match in _CLAUSE_BREAK.finditer(lower, floor, position):
        start = match.end()
    return start


def polarity(lower: str, cue_start: int, cue_end: int) -> Polarity:
    """Whether the cue at ``lower[cue_start:cue_end]`` is asserted, denied, or denied with an exception."""
    if _NEGATION.search(lower, max(0, cue_start - LOOKBACK_CHARS), cue_end) is None:
        return Polarity.ASSERTED  # most mentions: no negation word anywhere near, nothing to scope
    start = clause_start(lower, cue_start)
    window = _NOT_A_NEGATION.sub(_blank, lower[start:cue_end])
    negation = _last_real_negation(window)
    if negation is None:
        return Polarity.ASSERTED
    after = lower[cue_end : cue_end + 160]
    between = window[negation:]
    if EXCEPTION.search(after) or EXCEPTION.search(between):
        return Polarity.DENIED_WITH_EXCEPTION
    return Polarity.DENIED


def _last_real_negation(window: str) -> int | None:
    """Position of the last negation in ``window`` that is not inside a condition on the reader."""
    found = None
    for match in _NEGATION.finditer(window):
        before = window[: match.start()]
        reader_only = _READER_SUBJECT.search(before) and not _INABILITY.search(window, 0, match.end())
        if _CONDITION.search(before) or reader_only:
            continue
        found = match.start()
    return found


# "You cannot unsubscribe from service messages": what the reader is unable to do is denied,
# unlike "you do not have to" or "you don't need an account", which deny nothing of the vendor's.
_INABILITY = re.compile(r"\b(?:cannot|can[’']t|are not able to|will not be able to|won[’']t be able to)$")


def denies(lower: str) -> bool:
    """True when ``lower`` holds a real negation anywhere ("we have none", "not used")."""
    return _last_real_negation(_NOT_A_NEGATION.sub(_blank, lower)) is not None


def _blank(match: re.Match[str]) -> str:
    """Replace a match with spaces so offsets stay put."""
    return " " * (match.end() - match.start())


def reader_acts(lower: str, cue_start: int) -> bool:
    """True when the reader is the subject of the clause holding the cue ("you may choose to share")."""
    start = clause_start(lower, cue_start)
    return _READER_ACTS.search(lower, max(0, start - 2), cue_start) is not None


def is_denied(lower: str, cue_start: int, cue_end: int) -> bool:
    """Shorthand: the cue is negated without an exception."""
    return polarity(lower, cue_start, cue_end) is Polarity.DENIED
