"""Whole fictional statements, written for these tests and labelled by hand, score as labelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from policies.extraction.detectors import QUESTION_KEYS, detect_answers
from policies.extraction.segment import segment

STATEMENTS = Path(__file__).parent / "statements"
NS = "not_stated"
Y, N = "yes", "no"

# Unlisted keys are expected to be not_stated.
LABELS: dict[str, dict[str, str]] = {
    "brightdesk.md": {
        "policy.last_updated": "2024-02-02",
        "policy.privacy_contact": "privacy@brightdesk.example",
        "policy.change_notice": "direct",
        "collect.location": N,
        "collect.device": Y,
        "collect.payment": Y,
        "collect.credentials": Y,
        "collect.communications_recorded": N,
        "collect.cookies": Y,
        "use.marketing": Y,
        "use.automated_analysis": Y,
        "share.third_parties": Y,
        "share.sells_data": N,
        "share.business_transfer": Y,
        "share.legal_disclosure": Y,
        "share.names_processors": Y,
        "transfer.international": Y,
        "transfer.safeguards": Y,
        "retention.period": "specific",
        "security.measures": "specific",
        "security.encryption_in_transit": Y,
        "security.breach_notification": Y,
        "security.certifications": Y,
        "rights.access": Y,
        "rights.correction": Y,
        "rights.deletion": Y,
        "rights.portability": Y,
        "rights.marketing_opt_out": Y,
        "rights.do_not_track": N,
        "compliance.gdpr": Y,
        "compliance.dpa_available": Y,
        "audience.children": Y,
    },
    "ticketnest.txt": {
        "policy.last_updated": "2022-10-03",
        "policy.privacy_contact": "legal@ticketnest.example",
        "policy.change_notice": "posted",
        "collect.location": Y,
        "collect.device": Y,
        "collect.payment": Y,
        "collect.communications_recorded": Y,
        "collect.cookies": Y,
        "collect.remote_access": Y,
        "use.marketing": Y,
        "share.third_parties": Y,
        "share.sells_data": N,
        "share.affiliates": Y,
        "share.business_transfer": Y,
        "share.legal_disclosure": Y,
        "transfer.international": Y,
        "transfer.privacy_shield": N,
        "retention.period": "vague",
        "security.measures": "vague",
        "rights.correction": Y,
        "rights.marketing_opt_out": Y,
        "rights.do_not_track": N,
        "audience.children": Y,
    },
    # An older web-shop policy: FAQ questions as headings, Safe Harbor boilerplate, a link
    # address, an arbitration clause and other sites' cookies.
    "harborline.txt": {
        "policy.last_updated": "2009-06-03",
        "policy.privacy_contact": "webmaster@harborlinegifts.example",
        "collect.device": Y,
        "collect.payment": Y,
        "collect.cookies": Y,
        "use.marketing": Y,
        "share.third_parties": Y,
        "share.sells_data": N,
        "share.legal_disclosure": Y,
        "transfer.safeguards": Y,
        "security.measures": "specific",
        "security.encryption_in_transit": Y,
        "rights.marketing_opt_out": Y,
        "audience.children": Y,
    },
    # A modern Markdown notice: "- **Label:** statement" bullets, partial denials, named hosts,
    # a planned audit, imperative rights and a scam warning.
    "lanternops.md": {
        "policy.last_updated": "2025-02-14",
        "policy.privacy_contact": "privacy@lanternops.example",
        "policy.change_notice": "direct",
        "collect.location": Y,
        "collect.device": Y,
        "collect.payment": Y,
        "collect.credentials": Y,
        "collect.cookies": Y,
        "collect.remote_access": N,
        "use.marketing": Y,
        "share.third_parties": Y,
        "share.sells_data": N,
        "share.legal_disclosure": Y,
        "share.names_processors": Y,
        "transfer.international": Y,
        "retention.period": "specific",
        "security.measures": "specific",
        "security.encryption_in_transit": Y,
        "security.breach_notification": Y,
        "security.certifications": N,
        "rights.access": Y,
        "rights.correction": Y,
        "rights.deletion": Y,
        "rights.portability": Y,
        "rights.marketing_opt_out": Y,
        "compliance.gdpr": Y,
    },
    # Non-native European English, FAQ headings, a German date and a menu path.
    "wolkenhof.md": {
        "policy.last_updated": "2024-04-02",
        "policy.privacy_contact": "datenschutz-team@wolkenhof.example",
        "policy.change_notice": "posted",
        "collect.device": Y,
        "use.automated_analysis": Y,
        "share.sells_data": N,
        "transfer.international": N,
        "retention.period": "specific",
        "rights.access": Y,
        "rights.correction": Y,
        "rights.deletion": Y,
        "rights.portability": Y,
        "compliance.gdpr": Y,
        "compliance.dpa_available": Y,
    },
    "quietqueue.txt": {
        "policy.privacy_contact": "support@quietqueue.example",
        "collect.cookies": N,
        "use.marketing": N,
        "share.third_parties": Y,
        "share.sells_data": N,
        "security.measures": "vague",
    },
}


def expected_answers(name: str) -> dict[str, str]:
    return {key: LABELS[name].get(key, NS) for key in QUESTION_KEYS}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_statement_scores_as_labelled(name: str) -> None:
    text = (STATEMENTS / name).read_text(encoding="utf-8")
    answers = detect_answers(text, segment(text))
    got = {key: answer.value for key, answer in answers.items()}
    wrong = {key: (got[key], want) for key, want in expected_answers(name).items() if got[key] != want}
    assert wrong == {}


# The sentence that states the practice, not a heading or a question, is quoted first.
FIRST_QUOTES = {
    ("harborline.txt", "share.third_parties"): "We give your shipping address to the courier",
    ("harborline.txt", "audience.children"): "We do not knowingly take orders",
    ("lanternops.md", "share.sells_data"): "We don't sell data.",
    ("lanternops.md", "collect.location"): "we keep the country your sign-in came from",
}


@pytest.mark.parametrize("name, key", sorted(FIRST_QUOTES))
def test_statement_quotes_the_telling_sentence_first(name: str, key: str) -> None:
    text = (STATEMENTS / name).read_text(encoding="utf-8")
    answer = detect_answers(text, segment(text))[key]
    assert FIRST_QUOTES[(name, key)] in answer.evidence[0].text


@pytest.mark.parametrize("name", sorted(LABELS))
def test_statement_evidence_is_quoted_from_the_text(name: str) -> None:
    text = (STATEMENTS / name).read_text(encoding="utf-8")
    for answer in detect_answers(text, segment(text)).values():
        assert all(text[span.start : span.end] == span.text for span in answer.evidence)
        assert (answer.value == NS) == (not answer.evidence)
