"""Calibrated confidence: monotone per decision mode, not_stated untouched, one bulk-accept threshold."""

from __future__ import annotations

import pytest

from policies.extraction.confidence import (
    _KNOTS,
    PRECISE_AT,
    DecisionMode,
    calibrate_answer,
    calibrated,
    decision_mode,
)
from policies.extraction.types import Answer


@pytest.mark.parametrize("mode", list(DecisionMode))
def test_the_map_rises_with_the_raw_score_and_stays_in_range(mode: DecisionMode) -> None:
    values = [calibrated(mode, raw / 100) for raw in range(0, 101)]
    assert values == sorted(values)
    assert all(0.0 <= value <= 1.0 for value in values)


def test_every_mode_has_knots_read_from_labelled_data() -> None:
    assert set(_KNOTS) == set(DecisionMode)


@pytest.mark.parametrize(
    ("key", "value", "mode"),
    [
        ("collect.location", "yes", DecisionMode.YES),
        ("share.sells_data", "no", DecisionMode.NO),
        ("retention.period", "vague", DecisionMode.LEVEL),
        ("policy.last_updated", "2024-03-01", DecisionMode.DATE),
        ("policy.privacy_contact", "dpo@acme.example", DecisionMode.EMAIL),
        ("policy.change_notice", "posted", DecisionMode.CHOICE),
    ],
)
def test_decision_mode_follows_the_answer(key: str, value: str, mode: DecisionMode) -> None:
    assert decision_mode(key, value) is mode


def test_not_stated_keeps_zero_and_a_strong_assertion_reaches_the_bulk_accept_threshold() -> None:
    assert calibrate_answer("collect.location", Answer.not_stated()).confidence == 0.0
    assert calibrate_answer("collect.location", Answer("yes", 0.95)).confidence >= PRECISE_AT
    assert calibrate_answer("collect.location", Answer("yes", 0.6)).confidence < PRECISE_AT
