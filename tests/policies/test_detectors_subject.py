"""Evidence must be about the question's subject: the vendor's own handling of personal data.

Each case pairs a sentence that only *mentions* a cue word (a slogan, a contract with the
vendor's suppliers, collection described as "automated", a party to a deal, a table cell)
with one that states the practice. Every sentence is written for these tests.
"""

from __future__ import annotations

import pytest

from policies.extraction.detectors import detect_answers
from policies.extraction.segment import segment
from policies.extraction.types import NOT_STATED, Answer

NS = NOT_STATED
Y, N = "yes", "no"


def run(key: str, text: str) -> Answer:
    return detect_answers(text, segment(text))[key]


CASES: list[tuple[str, str, str]] = [
    # A slogan or a link label takes control of nothing.
    ("collect.remote_access", "Read more at Privacy Rights Hub - Take Charge And Take Control Of Your Privacy", NS),
    ("collect.remote_access", "Our settings page lets you take control of your data and your choices.", NS),
    ("collect.remote_access", "With your consent, a support engineer may take control of your computer.", Y),
    ("collect.remote_access", "Our agents can take remote control over the user's desktop during a call.", Y),
    # A DPA with the vendor's own suppliers is not one offered to customers.
    ("compliance.dpa_available", "We have a data processing agreement with each of our hosting providers.", NS),
    ("compliance.dpa_available", "We signed data processing terms with the sub-processors that store backups.", NS),
    ("compliance.dpa_available", "We have concluded a DPA with this supplier.", NS),
    ("compliance.dpa_available", "Customers can sign our data processing agreement from the admin console.", Y),
    ("compliance.dpa_available", "A data processing addendum is available to every business customer on request.", Y),
    # Gathering "by automated means" is collection, not automated analysis.
    ("use.automated_analysis", "Some details are gathered through automated means when you browse our site.", NS),
    ("use.automated_analysis", "We obtain usage information using automated technologies like cookies.", NS),
    ("use.automated_analysis", "Tickets are routed by automated systems that read their text.", Y),
    ("use.automated_analysis", "We log visits with automated tools and score them with a machine-learning model.", Y),
    # Affiliates as parties to a deal are not recipients of data.
    (
        "share.affiliates",
        "If we (or our subsidiaries) are bought by another company, your data may go to that buyer.",
        NS,
    ),
    ("share.affiliates", "Should our affiliates be acquired, the acquirer may receive the account records.", NS),
    ("share.affiliates", "We share account records with our affiliates that run support in Europe.", Y),
]


@pytest.mark.parametrize(("key", "text", "expected"), CASES)
def test_a_cue_counts_only_about_the_vendors_own_practice(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


DATES: list[tuple[str, str]] = [
    ("Our Privacy Notice\n\nLast update : March 2025\n\nWe run a help desk.", "2025-03-01"),
    ("Notice\n\nLast revised OCTOBER-2023\n\nWe run a help desk.", "2023-10-01"),
    ("Notice\n\nWe run a help desk.\n\nStatus: February 2, 2024", "2024-02-02"),
    ("August 14, 2022\n\nAcme Privacy Notice\n\nWe run a help desk.", "2022-08-14"),
    # Another text's date inside a long sentence loses to the statement's own date line.
    (
        "Notice\n\nOur contracts follow the model clauses updated by the regulator's decision of 12 May 2019, "
        "which we apply to every transfer abroad.\n\nLast update: January 2024",
        "2024-01-01",
    ),
    # A date in the body that is not on a line of its own is no statement date.
    ("Notice\n\nWe run a help desk.\n\nWe opened our office on May 9, 2021 in Leeds.", NS),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_the_statements_own_date_is_found_on_its_line(text: str, expected: str) -> None:
    assert run("policy.last_updated", text).value == expected


STATED: list[tuple[str, str, str]] = [
    # Addresses written to fool harvesters are still the address.
    ("policy.privacy_contact", "Send privacy requests to privacy[at]acme-desk[dot]io.", "privacy@acme-desk.io"),
    ("policy.privacy_contact", "Our DPO answers at dpo (at) helpmate (dot) co (dot) uk.", "dpo@helpmate.co.uk"),
    ("policy.privacy_contact", "Questions? Write to [email protected] for help.", NS),
    # A Do-Not-Track signal that stops the vendor's tracking is honoured.
    (
        "rights.do_not_track",
        "When your browser sends a Do Not Track signal, Acme will not load analytics scripts.",
        Y,
    ),
    ("rights.do_not_track", "If a DNT header arrives, we do not set advertising cookies.", Y),
    ("rights.do_not_track", "We do not respond to Do Not Track signals.", N),
    # Changes that take effect on publication are made known only by the page.
    ("policy.change_notice", "## Changes to this notice\n\nAmendments become effective once published.", "posted"),
    (
        "policy.change_notice",
        "We may revise this notice. When you return to this page, the revised version of the notice applies.",
        "posted",
    ),
]


@pytest.mark.parametrize(("key", "text", "expected"), STATED)
def test_practices_stated_in_other_words(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


def test_a_short_line_alone_in_sentence_case_is_a_heading() -> None:
    text = "Intro text for the notice.\n\nNotice updates\n\nAny changes apply from the date of publication."
    sentences = segment(text)
    assert sentences[1].is_heading and sentences[2].section == "Notice updates"
    assert run("policy.change_notice", text).value == "posted"
    # The same words inside a paragraph, or a short sentence with a full stop, are no heading.
    assert not segment("Intro text.\nNotice updates\nMore text.")[1].is_heading
    assert not segment("Intro text.\n\nWe do it.\n\nMore text.")[1].is_heading


def test_a_heading_alone_is_quoted_with_the_sentence_it_introduces() -> None:
    text = "Our notice.\n\n## Data sent abroad\n\nSome of our staff work from Canada and read tickets there."
    found = run("transfer.international", text)
    assert found.value == "yes"
    assert found.evidence[0].text == "Some of our staff work from Canada and read tickets there."


@pytest.mark.parametrize(
    "signpost",
    [
        "This notice explains the ways you can exercise your rights to access your data.",
        "Here is how you can access the personal data we hold about you:",
        "_Right to access your data_",
    ],
)
def test_overviews_lead_ins_and_emphasised_labels_rank_below_a_statement(signpost: str) -> None:
    statement = "You may obtain a copy of the personal data we hold about you by writing to us."
    found = run("rights.access", f"Intro.\n\n{signpost}\n\n{statement}")
    assert found.value == "yes"
    assert found.evidence[0].text == statement


WORDS: list[tuple[str, str, str]] = [
    ("share.sells_data", "We never resell the personal information of our customers.", N),
    ("share.sells_data", "Partners may resell customer data they buy from us.", Y),
    ("rights.portability", "You have a right to data transferability for what you gave us.", Y),
    ("rights.portability", "Please note our licences are not transferable.", NS),
    ("security.encryption_in_transit", "Messages use end-to-end encryption between your devices.", Y),
    ("security.encryption_in_transit", "We also apply transport encryption to the metadata of each call.", Y),
    ("security.encryption_in_transit", "Backups are stored on encrypted disks.", NS),
]


@pytest.mark.parametrize(("key", "text", "expected"), WORDS)
def test_a_practice_under_another_name(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


INABILITY: list[tuple[str, str, str]] = [
    # What the reader cannot do is denied, so it is no evidence of an opt-out.
    ("rights.marketing_opt_out", "While you hold an account you cannot unsubscribe from billing notices.", NS),
    ("rights.marketing_opt_out", "You may opt out of our mailings at any time from your profile.", Y),
    ("rights.marketing_opt_out", "You can't opt out of security alerts, but you can opt out of newsletters.", Y),
]


@pytest.mark.parametrize(("key", "text", "expected"), INABILITY)
def test_what_the_reader_cannot_do_is_denied(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


def test_quotes_keep_the_statements_own_characters_and_still_match() -> None:
    from policies.extraction.pipeline import extract

    data = "Acme’s notice — in short.\n\nWe don’t sell “personal data” to anyone.".encode()
    found = extract(data, filename="notice.txt")
    sells = found.answers["share.sells_data"]
    assert sells.value == N
    span = sells.evidence[0]
    assert span.text == "We don’t sell “personal data” to anyone."
    assert found.document.text[span.start : span.end] == span.text
    assert "Acme’s notice — in short." in found.document.text


LISTED_DENIALS: list[tuple[str, str, str]] = [
    # ", or any other ..." continues the denied list; a new clause after it still asserts.
    ("use.automated_analysis", "We do not use your data for ads, or any other kind of profiling.", N),
    (
        "share.third_parties",
        "We do not sell your data, or any other details, but we share it with our hosting provider.",
        Y,
    ),
]


@pytest.mark.parametrize(("key", "text", "expected"), LISTED_DENIALS)
def test_a_denied_list_continues_after_or_any_other(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


SELLING: list[tuple[str, str, str]] = [
    # "trade" as a noun sells nothing; renting names and addresses is selling them.
    ("share.sells_data", "At a trade show we scan your badge and receive the details on it.", NS),
    ("share.sells_data", "Our trade marks and the information on this site belong to us.", NS),
    ("share.sells_data", "From time to time we rent the names and e-mail addresses of subscribers to partners.", Y),
    ("share.sells_data", "We may trade your contact details with partner brands.", Y),
]


@pytest.mark.parametrize(("key", "text", "expected"), SELLING)
def test_selling_is_a_verb_about_the_data(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


REPRESENTATIVES: list[tuple[str, str, str]] = [
    # A company appointed to speak for the vendor is no processor of the data.
    (
        "share.names_processors",
        "We have appointed Brightlaw Agents GmbH, Hauptstrasse 3, Vienna, as our EU representative.",
        NS,
    ),
    ("share.names_processors", "Our representative in the EU under Article 27 GDPR is Repcorp Ltd.", NS),
    ("share.names_processors", "Ticket attachments are stored by Cloudvault Ltd on servers in Ireland.", Y),
]


@pytest.mark.parametrize(("key", "text", "expected"), REPRESENTATIVES)
def test_a_representative_is_not_a_processor(key: str, text: str, expected: str) -> None:
    assert run(key, text).value == expected


def test_denying_card_information_leaves_the_payment_details_we_do_hold() -> None:
    text = (
        "We keep your name and the payment information you give us for invoicing.\n\n"
        "We do not collect or store any credit card information; our payment provider does."
    )
    assert run("collect.payment", text).value == Y
    assert run("collect.payment", "We do not collect any credit card information.").value == N


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Support tickets may be handled by another company of our group in Spain.", Y),
        ("We pass invoices to a company within the Acme group that does our accounting.", Y),
        ("Our group discussions at the conference are open to all.", NS),
    ],
)
def test_one_company_of_the_group_is_an_affiliate(text: str, expected: str) -> None:
    assert run("share.affiliates", text).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When we transfer personal data out of the EEA we sign model clauses.", Y),
        ("Transfers of your information from the UK rest on an adequacy decision.", Y),
        ("Your data stays in the EU and is never transferred from the EU.", N),
    ],
)
def test_a_transfer_out_of_the_users_region_is_international(text: str, expected: str) -> None:
    assert run("transfer.international", text).value == expected
