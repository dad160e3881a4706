"""Score sub-processor extraction against a gold file (format ``subprocessor-gold/1``).

    python bench/eval/score_subprocessors.py [GOLD] [--cmd "… {path} …"] [--verbose]

Without ``--cmd`` the engine is called in-process; with it, the command is run per file
and its stdout parsed as the ``extract_subprocessors --format json`` contract.

Prints name precision and recall (micro, over all lists), country accuracy over matched
names (the country sets are equal) and customer_content accuracy over matched names.
A predicted name matches a gold one when, folded (case, punctuation and accents gone,
legal suffixes such as Inc., Ltd, GmbH, LLC, B.V., S.A. stripped), it equals the gold
name or an alias, or one contains the other; each gold entry matches at most once.
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from policies.extraction.subprocessors import fold, subprocessors_from_file  # noqa: E402

DEFAULT_GOLD = Path(__file__).parent / "subprocessors" / "gold.json"


def _predict(path: Path, command: str | None) -> list[dict[str, Any]]:
    if command is None:
        _, rows = subprocessors_from_file(path)
        return [row.to_contract() for row in rows]
    argv = [part.replace("{path}", str(path)) for part in shlex.split(command)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)  # noqa: S603
    if done.returncode != 0:
        print(f"  {path.name}: command failed: {done.stderr.strip()[:200]}", file=sys.stderr)
        return []
    return json.loads(done.stdout)["subprocessors"]


def _names_match(predicted: str, gold: dict[str, Any]) -> bool:
    key = fold(predicted)
    if not key:
        return False
    for candidate in (gold["name"], *gold.get("aliases", [])):
        other = fold(candidate)
        if other and (key == other or key in other or other in key):
            return True
    return False


def _match(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[dict, dict | None]]:
    """Each prediction with the gold entry it matches (None for a false positive)."""
    free = list(gold)
    pairs: list[tuple[dict, dict | None]] = []
    for row in predicted:
        exact = [g for g in free if fold(row["name"]) in {fold(n) for n in (g["name"], *g.get("aliases", []))}]
        found = exact[0] if exact else next((g for g in free if _names_match(row["name"], g)), None)
        if found is not None:
            free.remove(found)
        pairs.append((row, found))
    return pairs


def score(gold_path: Path, command: str | None, *, verbose: bool) -> dict[str, float]:
    gold_file = json.loads(gold_path.read_text(encoding="utf-8"))
    if gold_file.get("format") != "subprocessor-gold/1":
        raise SystemExit(f"{gold_path}: not a subprocessor-gold/1 file")
    totals = {"predicted": 0, "gold": 0, "matched": 0, "countries": 0, "content": 0}
    for entry in gold_file["lists"]:
        predicted = _predict((gold_path.parent / entry["file"]).resolve(), command)
        pairs = _match(predicted, entry["subprocessors"])
        matched = [(row, gold) for row, gold in pairs if gold is not None]
        totals["predicted"] += len(predicted)
        totals["gold"] += len(entry["subprocessors"])
        totals["matched"] += len(matched)
        totals["countries"] += sum(set(row["countries"]) == set(gold["countries"]) for row, gold in matched)
        totals["content"] += sum(row["customer_content"] == gold["customer_content"] for row, gold in matched)
        if verbose:
            _explain(entry, pairs)
    return _figures(totals)


def _explain(entry: dict[str, Any], pairs: list[tuple[dict, dict | None]]) -> None:
    print(f"[{entry['id']}]")
    hit = [gold["name"] for _, gold in pairs if gold]
    for row, gold in pairs:
        if gold is None:
            print(f"  extra     {row['name']!r}")
        elif set(row["countries"]) != set(gold["countries"]) or row["customer_content"] != gold["customer_content"]:
            print(f"  differs   {row['name']!r}: {row['countries']} {row['customer_content']} "
                  f"(gold {gold['countries']} {gold['customer_content']})")
    for gold in entry["subprocessors"]:
        if gold["name"] not in hit:
            print(f"  missed    {gold['name']!r}")


def _figures(totals: dict[str, int]) -> dict[str, float]:
    matched = totals["matched"]
    return {
        "name_precision": matched / totals["predicted"] if totals["predicted"] else 0.0,
        "name_recall": matched / totals["gold"] if totals["gold"] else 0.0,
        "country_accuracy": totals["countries"] / matched if matched else 0.0,
        "customer_content_accuracy": totals["content"] / matched if matched else 0.0,
        "predicted": totals["predicted"], "gold": totals["gold"], "matched": matched,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--cmd", help='command per file, "{path}" replaced by the file path')
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and differences")
    arguments = parser.parse_args()
    figures = score(arguments.gold, arguments.cmd, verbose=arguments.verbose)
    print(f"lists scored against {arguments.gold}")
    print(f"name precision            {figures['name_precision']:.3f}  ({figures['matched']}/{figures['predicted']})")
    print(f"name recall               {figures['name_recall']:.3f}  ({figures['matched']}/{figures['gold']})")
    print(f"country accuracy          {figures['country_accuracy']:.3f}  (over matched names)")
    print(f"customer_content accuracy {figures['customer_content_accuracy']:.3f}  (over matched names)")


if __name__ == "__main__":
    main()
