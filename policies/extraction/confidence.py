"""Calibrated confidence: what share of answers given with a confidence turn out right.

A detector's raw score (``framework.confidence``: the best cue weight plus agreement) ranks
answers but is no probability. ``calibrated`` maps it, per decision mode, onto the share of
answers found right at that raw score on labelled statements: the four shared seeds, the
three held-out sets in ``bench/eval/`` and the development corpus of real statements
(``bench/eval/reliability.py`` prints the tables the points below were read from).

The map is monotone and piecewise linear between a few knots per mode, never a per-phrase
fit: a mode is how the answer was decided (an asserted practice, a denial, a level, a date,
an address, a choice), which is what its error rate depends on.
"""

from __future__ import annotations

import dataclasses
import os
import re
from bisect import bisect_right
from enum import Enum

from policies.extraction.types import NOT_STATED, Answer


class DecisionMode(Enum):
    YES = "yes"  # a practice asserted by at least one sentence
    NO = "no"  # an explicit denial
    LEVEL = "level"  # specific / vague
    DATE = "date"
    EMAIL = "email"
    CHOICE = "choice"  # direct / posted


# Answers at or above this confidence were right at least 99% of the time on the labelled sets
# pooled (see the module docstring, and ``make eval`` for the figure); a reviewer may accept
# them in bulk.
PRECISE_AT = 0.9

_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def decision_mode(key: str, value: str) -> DecisionMode:
    """How an answer of ``value`` for ``key`` was decided."""
    if value == "yes":
        return DecisionMode.YES
    if value == "no":
        return DecisionMode.NO
    if value in ("specific", "vague"):
        return DecisionMode.LEVEL
    if _ISO_DATE.match(value):
        return DecisionMode.DATE
    if "@" in value:
        return DecisionMode.EMAIL
    return DecisionMode.CHOICE


# (raw score, calibrated confidence) knots per mode, raw ascending. Between knots the map is
# linear; below the first and above the last it is flat.
_KNOTS: dict[DecisionMode, tuple[tuple[float, float], ...]] = {
    DecisionMode.CHOICE: ((0.8, 0.6), (0.886, 0.931)),  # 30 answers
    DecisionMode.DATE: ((0.67, 0.333), (0.775, 0.667), (0.873, 0.778), (0.95, 0.923)),  # 36 answers
    DecisionMode.EMAIL: ((0.6, 0.714), (0.9, 0.938)),  # 35 answers
    DecisionMode.LEVEL: ((0.771, 0.778), (0.828, 0.786), (0.883, 0.846), (0.919, 0.889), (0.966, 0.909)),  # 66 answers
    DecisionMode.NO: ((0.67, 0.5), (0.747, 0.905), (0.853, 0.932)),  # 63 answers
    DecisionMode.YES: ((0.671, 0.867), (0.753, 0.966), (0.827, 0.98), (0.877, 0.984), (0.94, 0.993)),  # 658 answers
}


def calibrated(mode: DecisionMode, raw: float) -> float:
    """The calibrated confidence of an answer decided in ``mode`` with raw score ``raw``."""
    knots = _KNOTS.get(mode)
    if not knots:
        return raw
    xs = [x for x, _ in knots]
    position = bisect_right(xs, raw)
    if position == 0:
        return knots[0][1]
    if position == len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[position - 1], knots[position]
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


# ``bench/eval/calibrate.py`` sets this to read the detectors' raw scores it fits the map on.
_RAW = os.environ.get("VR_RAW_CONFIDENCE") == "1"


# An answer of a question without a labelled set to calibrate on (the v2 and Art. 28 keys) is
# not claimed to be 99% precise: its confidence stays under PRECISE_AT, so bulk accept leaves
# it to a reviewer.
UNCALIBRATED_CEILING = round(PRECISE_AT - 0.05, 2)


def uncalibrated_answer(answer: Answer) -> Answer:
    if answer.confidence <= UNCALIBRATED_CEILING:
        return answer
    return dataclasses.replace(answer, confidence=UNCALIBRATED_CEILING)


def calibrate_answer(key: str, answer: Answer) -> Answer:
    """``answer`` with its raw score replaced by the calibrated confidence (not_stated stays 0)."""
    if answer.value == NOT_STATED or _RAW:
        return answer
    confidence = round(calibrated(decision_mode(key, answer.value), answer.confidence), 3)
    return dataclasses.replace(answer, confidence=confidence)
