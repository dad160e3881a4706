"""Normalisation: what is stored and quoted must be clean, stable and fast to produce."""

from __future__ import annotations

import pytest

from policies.extraction.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Windows\r\nline\rends", "Windows\nline\nends"),
        ("no\u00a0break\u2009thin\u3000wide\u202fnarrow", "no break thin wide narrow"),
        # curly quotes are kept as written (evidence quotes the statement's own characters)
        ("\u201csmart\u201d \u2018quotes\u2019 it\u2019s", "\u201csmart\u201d \u2018quotes\u2019 it\u2019s"),
        ("\u2022 dot\n\u25e6 circle\n\u25aa square\n\u2013 dash\n* star", "- dot\n- circle\n- square\n- dash\n- star"),
        ("\u2022no space after glyph", "- no space after glyph"),
        ("**bold** opening a line", "**bold** opening a line"),
        ("data protec-\ntion officer", "data protection officer"),
        ("Opt-\nOut stays, and so does\n- a list dash", "Opt-\nOut stays, and so does\n- a list dash"),
        # the letter before a hyphenated break is tested after the "-\n": the text's first character too
        ("-\nnot joined at the start", "-\nnot joined at the start"),
        ("x-\ny and 4-\nweeks", "xy and 4-\nweeks"),
        ("single spaces only\nand no tab", "single spaces only\nand no tab"),
        ("one\n\n\ntwo\n\nthree", "one\n\ntwo\n\nthree"),
        ("many   spaces\tand\t\ttabs", "many spaces and tabs"),
        ("trailing   \n   leading", "trailing\nleading"),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("heading\nline below", "heading\nline below"),
        ("zero\u200bwidth soft\u00adhyphen bom\ufeff", "zerowidth softhyphen bom"),
        ("nul\x00 and bell\x07 removed", "nul and bell removed"),
        ("\n\n  padded  \n\n", "padded"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_paragraph_breaks_and_headings_survive() -> None:
    raw = "## Data Retention  \r\n\r\n\r\nWe keep logs for 30 days.\r\nBackups for 90 days.\r\n"

    assert normalize(raw) == "## Data Retention\n\nWe keep logs for 30 days.\nBackups for 90 days."


def test_normalize_is_idempotent() -> None:
    raw = "\u2022 A\u00a0b \u201cc\u201d\r\n\r\n\r\nprotec-\ntion  \t x\u200b"

    once = normalize(raw)

    assert normalize(once) == once


@pytest.mark.parametrize(
    "hostile",
    ["-\n" * 500_000, " \n" * 500_000, "\u2022" * 1_000_000, "a-" * 500_000, "\t \u00a0" * 400_000],
    ids=["hyphen-breaks", "space-newlines", "bullets", "hyphens", "mixed-spaces"],
)
def test_normalize_stays_linear_on_hostile_megabyte(hostile: str) -> None:

    normalize(hostile)


def test_normalize_five_megabytes_of_prose_is_fast() -> None:
    paragraph = "We collect\u00a0your \u201cdevice\u201d data and may share it with protec-\ntion partners.\r\n\r\n"
    prose = paragraph * 70_000

    text = normalize(prose)

    assert text.startswith("We collect your “device” data and may share it with protection partners.\n\nWe")
