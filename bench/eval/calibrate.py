"""Fit the calibration knots of ``policies/extraction/confidence.py`` from labelled statements.

    .venv/bin/python bench/eval/calibrate.py GOLD [GOLD ...]

For each decision mode, the stated answers are put into bands of raw score; each band gives one
knot (mean raw score, share right), where the share is counted as if PRIOR_WRONG more answers in the band
had been wrong, so a band of few answers cannot claim certainty. Bands are then pooled until the
shares rise with the score (pool-adjacent-violators), so the map is monotone. Prints the knots as
Python to paste into ``_KNOTS``; the engine must be run with the map switched off
(``VR_RAW_CONFIDENCE=1``) so the fit reads raw scores.
"""
from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ["VR_RAW_CONFIDENCE"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reliability import labelled_answers  # noqa: E402

RAW_BANDS = (0.0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01)
# Pseudo-count of wrong answers per band (see the docstring): the sets were tuned on, so a band of
# n answers all right claims only n / (n + 2); large bands barely move.
PRIOR_WRONG = 2


def knots(rows: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    bands = []
    for low, high in zip(RAW_BANDS, RAW_BANDS[1:], strict=False):
        band = [(raw, right) for raw, right in rows if low <= raw < high]
        if band:
            bands.append([sum(raw for raw, _ in band), sum(right for _, right in band), len(band)])
    merged: list[list[float]] = []
    for band in bands:  # pool adjacent violators: merge while a band is less right than the one below
        merged.append(band)
        while len(merged) > 1 and _share(merged[-1]) < _share(merged[-2]):
            top = merged.pop()
            merged[-1] = [a + b for a, b in zip(merged[-1], top, strict=True)]
    return [(round(raw_sum / n, 3), round(_share([raw_sum, right, n]), 3)) for raw_sum, right, n in merged]


def _share(band: list[float]) -> float:
    _, right, n = band
    return right / (n + PRIOR_WRONG)


def main() -> None:
    by_mode: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for gold in sys.argv[1:]:
        for mode, raw, right in labelled_answers(Path(gold).resolve()):
            by_mode[mode].append((raw, right))
    for mode, rows in sorted(by_mode.items()):
        print(f"    DecisionMode.{mode.upper()}: {tuple(knots(rows))},  # {len(rows)} answers")


if __name__ == "__main__":
    main()
