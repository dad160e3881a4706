"""Throughput and memory of the extraction pipeline, on one core.

    .venv/bin/python bench/extraction.py [--detectors]

Prints MB/s per stage (read+normalise, segment, detect) for the four shared statements
and for synthetic statements of 1, 2 and 5 MB (to show the growth is linear), then
the peak memory of the 5 MB run. ``--detectors`` also times each detector on 5 MB.
Targets (issue 18): >= 3 MB/s on one core on 5 MB, linear in size, peak memory <= 150 MB.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, without Django

from policies.extraction.detectors import DETECTORS, Document, detect_answers  # noqa: E402
from policies.extraction.pipeline import extract  # noqa: E402
from policies.extraction.readers import read_document  # noqa: E402
from policies.extraction.segment import segment  # noqa: E402

SHARED_POLICIES = Path(__file__).resolve().parents[2] / "shared" / "policies"
MEGABYTE = 1024 * 1024
SYNTHETIC_SIZES_MB = (1, 2, 5)
MIN_SECONDS = 0.5  # small files are timed over repeated runs, best run kept

SECTIONS = {
    "Information we collect": [
        "When you open a support ticket we collect your name, e-mail address, company and the content of "
        "your request, including attachments you choose to upload.",
        "We may collect device information such as browser type, operating system, IP address and approximate "
        "location derived from it.",
        "If you buy a subscription, our payment processor collects your billing address and card details; "
        "we do not store full card numbers.",
    ],
    "Cookies and similar technologies": [
        "We use cookies, web beacons and pixel tags to keep you signed in and to measure how our help centre "
        "is used.",
        "You can refuse cookies in your browser settings, though some features may then stop working.",
    ],
    "How we share information": [
        "We share personal data with service providers who host our platform, send e-mail or process "
        "payments on our behalf, under written contracts.",
        "We do not sell or rent your personal information to third parties.",
        "We may disclose information where required by law, subpoena or other legal process.",
        "If we are involved in a merger, acquisition or sale of assets, your data may be transferred to the buyer.",
    ],
    "International transfers": [
        "Your data may be processed in the United States and other countries where our sub-processors operate.",
        "Where we transfer data out of the EEA we rely on the European Commission's Standard Contractual Clauses.",
    ],
    "Data retention": [
        "We keep ticket data for as long as your account is active and delete it within 90 days after the "
        "account is closed.",
        "Backups are overwritten on a rolling 30-day cycle.",
    ],
    "Security": [
        "We encrypt data in transit with TLS 1.2 or higher and at rest with AES-256.",
        "Our controls are audited annually against SOC 2 Type II and ISO 27001.",
        "We will notify affected customers without undue delay after becoming aware of a personal data breach.",
    ],
    "Your rights": [
        "You may ask for a copy of your personal data, ask us to correct it or ask us to delete it.",
        "You can opt out of marketing e-mails at any time with the unsubscribe link in each message.",
        "Our site does not respond to Do Not Track signals.",
    ],
}


def synthetic_statement(size_bytes: int) -> bytes:
    """Sections repeated in rotating order, numbered so no two paragraphs are identical."""
    parts = ["# Example Help Desk Privacy Policy\n\nLast updated: March 2, 2024\n"]
    size = len(parts[0])
    headings = itertools.cycle(SECTIONS)
    for number in itertools.count(1):
        heading = next(headings)
        paragraph = " ".join(SECTIONS[heading][(number + i) % len(SECTIONS[heading])] for i in range(2))
        block = f"\n## {number}. {heading}\n\n{paragraph}\n\n- Item {number}: see clause {number}.\n"
        parts.append(block)
        size += len(block)
        if size >= size_bytes:
            break
    return "".join(parts).encode()[:size_bytes]


def best_time(run: Callable[[], object]) -> float:
    """Fastest of as many runs as fit in MIN_SECONDS (at least one)."""
    timings: list[float] = []
    deadline = time.perf_counter() + MIN_SECONDS
    while not timings or time.perf_counter() < deadline:
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def stage_times(data: bytes, filename: str) -> tuple[float, float, float]:
    document = read_document(data, filename=filename)
    sentences = segment(document.text)
    read_s = best_time(lambda: read_document(data, filename=filename))
    segment_s = best_time(lambda: segment(document.text))
    detect_s = best_time(lambda: detect_answers(document.text, sentences))
    return read_s, segment_s, detect_s


def print_row(label: str, size: int, times: tuple[float, float, float]) -> None:
    total = sum(times)
    rates = "  ".join(f"{size / MEGABYTE / seconds:7.2f}" for seconds in (*times, total))
    print(f"{label:22} {size / 1024:9.0f} KB  {rates}  {total:7.3f} s  {total / (size / MEGABYTE):6.3f} s/MB")


def print_header() -> None:
    print(f"{'statement':22} {'size':>12}  {'read':>7}  {'segment':>7}  {'detect':>7}  {'total':>7}   (MB/s)")


def peak_memory(data: bytes, filename: str) -> tuple[float, float]:
    """Peak traced Python allocations (MB) of one extract, and the process's max RSS (MB).

    The max RSS is read after an untraced run: tracemalloc keeps a record of every live
    allocation, which on 5 MB costs more memory than the extraction itself.
    """
    gc.collect()
    extract(data, filename=filename)
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    gc.collect()
    tracemalloc.start()
    extract(data, filename=filename)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / MEGABYTE, max_rss_kb / 1024


def time_detectors(data: bytes) -> None:
    document = read_document(data, filename="synthetic.md")
    prepared = Document.build(document.text, segment(document.text))
    timings = {key: best_time(lambda run=run: run(prepared)) for key, run in DETECTORS.items()}
    print(f"\nslowest detectors on {len(data) / MEGABYTE:.0f} MB (all {len(timings)}: {sum(timings.values()):.2f} s)")
    for key, seconds in sorted(timings.items(), key=lambda item: -item[1])[:8]:
        print(f"  {key:36} {seconds:6.3f} s  {len(data) / MEGABYTE / seconds:8.1f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--detectors", action="store_true", help="also time each detector on 5 MB")
    args = parser.parse_args()
    five_mb = synthetic_statement(5 * MEGABYTE)
    # First, so the process's max RSS is the 5 MB run's own and not left over from others.
    traced, max_rss = peak_memory(five_mb, "synthetic.md")
    print_header()
    for path in sorted(SHARED_POLICIES.glob("*")):
        data = path.read_bytes()
        print_row(path.name, len(data), stage_times(data, path.name))
    for megabytes in SYNTHETIC_SIZES_MB:
        data = synthetic_statement(megabytes * MEGABYTE)
        print_row(f"synthetic {megabytes} MB (.md)", len(data), stage_times(data, "synthetic.md"))
    print(f"\npeak memory, 5 MB statement: {traced:.0f} MB traced (tracemalloc), {max_rss:.0f} MB max RSS")
    if args.detectors:
        time_detectors(five_mb)


if __name__ == "__main__":
    main()
