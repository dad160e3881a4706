"""Reliability of the engine's confidence on labelled statements.

    .venv/bin/python bench/eval/reliability.py GOLD [GOLD ...] [--by-mode]

Runs the engine in-process (no Django) on every statement of each gold file and, for every
answer other than ``not_stated``, records its confidence and whether the gold accepts it.
Prints one reliability table per gold file and one for all of them together: confidence band
-> share right, count. Then the lowest confidence from which answers are right at least
``PRECISE_SHARE`` of the time on the pooled data, next to the engine's ``PRECISE_AT``.

A silent gold answered otherwise is a false claim, and counts as wrong here.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from anywhere, without Django

from policies.extraction.confidence import PRECISE_AT, decision_mode  # noqa: E402
from policies.extraction.pipeline import extract_file  # noqa: E402
from policies.extraction.types import NOT_STATED  # noqa: E402

BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)
PRECISE_SHARE = 0.99


def labelled_answers(gold_path: Path) -> list[tuple[str, float, bool]]:
    """(decision mode, confidence, right) for every stated answer the engine gives."""
    gold = json.loads(gold_path.read_text())
    root = gold_path.parent.parent
    rows = []
    for policy in gold["policies"]:
        answers = extract_file(root / policy["file"]).answers
        for key, want in policy["answers"].items():
            got = answers[key]
            if got.value == NOT_STATED:
                continue
            accept = [str(value).lower() for value in (want.get("accept") or [want["value"]])]
            rows.append((decision_mode(key, got.value).value, got.confidence, got.value.lower() in accept))
    return rows


def table(rows: list[tuple[str, float, bool]]) -> list[str]:
    lines = [f"  {'band':<12} {'right':>6} {'count':>6}"]
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        band = [right for _, confidence, right in rows if low <= confidence < high]
        if band:
            label = f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}"
            lines.append(f"  {label:<12} {sum(band) / len(band):>6.3f} {len(band):>6}")
    return lines


def precise_threshold(rows: list[tuple[str, float, bool]], share: float = PRECISE_SHARE) -> float | None:
    """The lowest confidence c such that answers at >= c are right at least ``share`` of the time."""
    best = None
    for candidate in sorted({confidence for _, confidence, _ in rows}, reverse=True):
        above = [right for _, confidence, right in rows if confidence >= candidate]
        if sum(above) / len(above) >= share:
            best = candidate
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--by-mode", action="store_true", help="also a table per decision mode (pooled)")
    args = parser.parse_args()
    pooled: list[tuple[str, float, bool]] = []
    for gold_path in args.gold:
        rows = labelled_answers(gold_path.resolve())
        pooled.extend(rows)
        print(f"{gold_path}:")
        print("\n".join(table(rows)))
    print("all sets:")
    print("\n".join(table(pooled)))
    if args.by_mode:
        by_mode: dict[str, list[tuple[str, float, bool]]] = defaultdict(list)
        for row in pooled:
            by_mode[row[0]].append(row)
        for mode, rows in sorted(by_mode.items()):
            print(f"mode {mode}:")
            print("\n".join(table(rows)))
    at = [right for _, confidence, right in pooled if confidence >= PRECISE_AT]
    share = sum(at) / len(at) if at else float("nan")
    print(
        f"PRECISE_AT = {PRECISE_AT}: {len(at)} answers at or above it, {share:.3f} right; "
        f"lowest confidence reaching {PRECISE_SHARE} on these sets: {precise_threshold(pooled)}"
    )


if __name__ == "__main__":
    main()
