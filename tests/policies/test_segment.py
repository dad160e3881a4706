"""The sentence splitter: offsets, abbreviations, lists, headings and linear time."""

from __future__ import annotations

import pytest

from policies.extraction.segment import MAX_SENTENCE_CHARS, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def test_offsets_point_into_the_text() -> None:
    text = "  Intro line\n\nWe collect data.  We keep it safe!\n- item one\n- item two\n"
    for sentence in segment(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert segment("") == []
    assert segment(" \n\n\t ") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We use tools, e.g. analytics. They help.", ["We use tools, e.g. analytics.", "They help."]),
        (
            "Some data, i.e. your name, is kept. Nothing else is.",
            ["Some data, i.e. your name, is kept.", "Nothing else is."],
        ),
        ("Acme Inc. is the controller. We answer mail.", ["Acme Inc. is the controller.", "We answer mail."]),
        ("Contact Acme Ltd. We reply fast.", ["Contact Acme Ltd.", "We reply fast."]),
        (
            "Servers in the U.S. Government regions. Nowhere else.",
            ["Servers in the U.S. Government regions.", "Nowhere else."],
        ),
        ("See No. 5 of the terms. Then stop.", ["See No. 5 of the terms.", "Then stop."]),
        ("Mr. Smith and Dr. Jones agree. So do we.", ["Mr. Smith and Dr. Jones agree.", "So do we."]),
        ("Cats vs. Dogs is a test. Fine.", ["Cats vs. Dogs is a test.", "Fine."]),
        (
            "The fee is 3.50 EUR per seat. It is billed monthly.",
            ["The fee is 3.50 EUR per seat.", "It is billed monthly."],
        ),
        ("Write to privacy@acme-desk.io. We reply.", ["Write to privacy@acme-desk.io.", "We reply."]),
        (
            "See https://acme.example/privacy.html for more. Thanks.",
            ["See https://acme.example/privacy.html for more.", "Thanks."],
        ),
        ("Signed by J. Doe on behalf of us. Done.", ["Signed by J. Doe on behalf of us.", "Done."]),
        ("Is it safe? Yes! We think so.", ["Is it safe?", "Yes!", "We think so."]),
        ('He said "stop." Then we left.', ['He said "stop."', "Then we left."]),
        ("Names, e-mails, etc. are stored. We delete them.", ["Names, e-mails, etc. are stored.", "We delete them."]),
        (
            "We keep names, phone numbers etc. We delete them later.",
            ["We keep names, phone numbers etc.", "We delete them later."],
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Do we disclose any information to outside parties?",
        "What information do we collect?",
        "**How long do we keep your data?**",
        "3. Who can see your tickets?",
    ],
)
def test_a_question_on_its_own_line_is_a_heading(line: str) -> None:
    first, body = segment(f"{line}\n\nWe share it with our mail provider.")
    assert first.is_heading and not body.is_heading
    assert body.section == first.section != ""


def test_a_question_inside_a_paragraph_is_not_a_heading() -> None:
    sentences = segment("Why does this matter? Because we share data with partners.")
    assert not any(s.is_heading for s in sentences)


def test_markdown_headings_in_plain_text_are_headings() -> None:
    sentences = segment("Acme Privacy Statement\n\n## Your rights (GDPR)\n\nYou can ask for a copy.")
    assert [s.is_heading for s in sentences] == [True, True, False]
    assert sentences[-1].section == "Your rights (GDPR)"


def test_list_items_and_unpunctuated_lines_are_their_own_sentences() -> None:
    text = (
        "We may share data with:\n- service providers\n- our auditors\n• payment processors\n1. regulators\n"
        "Thanks for reading"
    )
    assert texts(text) == [
        "We may share data with:",
        "- service providers",
        "- our auditors",
        "• payment processors",
        "1. regulators",
        "Thanks for reading",
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "When you register for an account\nwe collect your name and\n\nemail address. Then we stop."
    assert texts(text) == [
        "When you register for an account\nwe collect your name and\n\nemail address.",
        "Then we stop.",
    ]


@pytest.mark.parametrize(
    "line, title",
    [
        ("# Data Retention", "Data Retention"),
        ("### how we use cookies", "how we use cookies"),
        ("Do Not Track", "Do Not Track"),
        ("3. Data Retention", "Data Retention"),
        ("7.2 International Transfers", "International Transfers"),
        ("HOW WE PROTECT YOUR INFORMATION", "HOW WE PROTECT YOUR INFORMATION"),
        ("Your Rights:", "Your Rights"),
        ("**Security**", "Security"),
        ("Changes to This Policy", "Changes to This Policy"),
    ],
)
def test_headings_are_detected_and_label_their_section(line: str, title: str) -> None:
    sentences = segment(f"{line}\nWe keep data for 30 days.\n")
    assert sentences[0].is_heading
    assert sentences[1].section == title
    assert not sentences[1].is_heading


@pytest.mark.parametrize(
    "line",
    [
        "We keep data for 30 days.",
        "- Service Providers And Partners",
        "We collect the following information from visitors to our site, including:",
        "This is a long line that is written in plain sentence case and goes on without a stop",
    ],
)
def test_sentences_and_items_are_not_headings(line: str) -> None:
    assert not segment(line)[0].is_heading


def test_section_before_first_heading_is_empty() -> None:
    sentences = segment("We are Acme.\n\n## Contact\nWrite to us.")
    assert sentences[0].section == ""
    assert sentences[-1].section == "Contact"


@pytest.mark.parametrize("piece", ["a", "word ", "one, two; ", "x. "])
def test_one_megabyte_line_is_capped_and_fast(piece: str) -> None:
    text = piece * (1_000_000 // len(piece))
    sentences = segment(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences[:50])


def test_five_megabytes_segment_in_linear_time() -> None:
    paragraph = (
        "## Sharing\nWe may share data with service providers, e.g. hosting firms. "
        "We do not sell it. Contact privacy@acme.example for details.\n- one item\n"
    )
    small, large = paragraph * 2_000, paragraph * 20_000
    segment(small)
    count = len(segment(large))
    assert count == 20_000 * 5
