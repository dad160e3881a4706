"""Saying a practice cannot happen is a denial the shared negation scope does not see.

``language.polarity`` treats "you cannot ..." as a condition on the reader and does not know
"unable to"; for the v2 and Art. 28 questions "you cannot opt out" and "we are unable to
offer data residency" are plain denials, so their detectors turn such hits into denials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policies.extraction.detectors.framework import Hit, Polarity


def deny_when(hits: Iterable[Hit], pattern: re.Pattern[str]) -> list[Hit]:
    """``hits`` with every asserted one whose sentence matches ``pattern`` turned into a denial."""
    return [
        Hit(hit.unit, hit.score, Polarity.DENIED, hit.label)
        if hit.polarity is Polarity.ASSERTED and pattern.search(hit.unit.lower)
        else hit
        for hit in hits
    ]
