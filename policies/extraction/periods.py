"""Notice periods for new sub-processors: "30 days' notice", "thirty (30) days", "at least 14 calendar days".

``find_notice_periods(text)`` returns every period stated near a word about notice or
objection, with offsets; ``notice_period_days(text)`` the first one's length in days.
Weeks count 7 days and months 30 (a deadline is then at worst a day or two early, never
late). Business or working days are kept as stated with ``business_days=True``, since
turning them into calendar days needs the vendor's holidays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policies.extraction.types import Span

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(list(_UNITS)[:9]) + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|a|an)"
)
_DAYS_PER_UNIT = {"day": 1, "week": 7, "month": 30}
_PERIOD = re.compile(
    rf"(?P<word>{_NUMBER_WORD})?\s*\(?\s*(?P<digits>\d{{1,3}})?\s*\)?[\s-]*"
    r"(?P<kind>calendar|business|working)?[\s-]*(?P<unit>day|week|month)s?(?:'|’)?(?![a-z])",
    re.I,
)
# The period must be about notice or objection, not retention ("deleted within 30 days").
_CONTEXT = re.compile(r"\b(?:notice|notif\w*|object\w*|prior|advance|in\s+advance|before|inform\w*)\b", re.I)
_CONTEXT_CHARS = 120


@dataclass(frozen=True, slots=True)
class NoticePeriod:
    days: int
    business_days: bool
    evidence: Span


def _number(word: str | None, digits: str | None) -> int | None:
    if digits:
        return int(digits)
    if not word:
        return None
    word = word.lower().replace("-", " ")
    if word in ("a", "an"):
        return 1
    parts = word.split()
    return sum(_TENS.get(part, _UNITS.get(part, 0)) for part in parts) or None


def find_notice_periods(text: str) -> list[NoticePeriod]:
    """Every notice period in ``text``, in order, with its evidence span."""
    found: list[NoticePeriod] = []
    for match in _PERIOD.finditer(text):
        count = _number(match.group("word"), match.group("digits"))
        if count is None or count <= 0:
            continue
        window = text[max(0, match.start() - _CONTEXT_CHARS) : match.end() + _CONTEXT_CHARS]
        if not _CONTEXT.search(window):
            continue
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        kind = (match.group("kind") or "").lower()
        found.append(NoticePeriod(
            days=count * _DAYS_PER_UNIT[match.group("unit").lower()],
            business_days=kind in ("business", "working"),
            evidence=Span(start, match.end(), text[start : match.end()]),
        ))
    return found


def notice_period_days(text: str) -> int | None:
    """Days of the first notice period stated in ``text``, or None."""
    periods = find_notice_periods(text)
    return periods[0].days if periods else None
