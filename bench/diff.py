"""Time the document diff on two ~60 KB versions (target: under 0.3 s).

    python bench/diff.py [--size 60000] [--runs 5]

The versions are the two fixture statements of ``tests/policies/versions`` (a new AI
section, a new region, a changed retention period, a reworded section, a moved section),
each repeated until it reaches the size, so the diff has changes, additions, removals and
moves to find all through the document.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.extraction.diff import diff_documents  # noqa: E402
from policies.extraction.normalize import normalize  # noqa: E402

VERSIONS = ROOT / "tests" / "policies" / "versions"


def _grown(text: str, size: int) -> str:
    copies, index = [], 0
    while sum(map(len, copies)) < size:
        index += 1
        # A number per copy in every sentence keeps the copies distinct, as the sentences of
        # a long statement are; twenty verbatim copies would be a document nobody writes, and
        # a sentence repeated twenty times makes any sequence alignment slow.
        copy = re.sub(r"\.(?=\s|$)", f" [{index}].", text)
        copies.append(copy.replace("## ", f"## {index}. "))
    return normalize("\n\n".join(copies))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    old = _grown((VERSIONS / "deskly-privacy-v1.md").read_text(encoding="utf-8"), arguments.size)
    new = _grown((VERSIONS / "deskly-privacy-v2.md").read_text(encoding="utf-8"), arguments.size)
    timings = []
    for _ in range(arguments.runs):
        started = time.perf_counter()
        diff = diff_documents(old, new)
        timings.append(time.perf_counter() - started)
    print(f"old {len(old)} chars, new {len(new)} chars: {diff.summary.text()}")
    print(f"diff time: median {statistics.median(timings):.3f} s, max {max(timings):.3f} s "
          f"over {arguments.runs} runs (target < 0.3 s)")


if __name__ == "__main__":
    main()
