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
        "policy.last_updated": "2024-02-02", "policy.privacy_contact": "privacy@brightdesk.example",
        "policy.change_notice": "direct", "collect.location": N, "collect.device": Y, "collect.payment": Y,
        "collect.credentials": Y, "collect.communications_recorded": N, "collect.cookies": Y,
        "use.marketing": Y, "use.automated_analysis": Y, "share.third_parties": Y, "share.sells_data": N,
        "share.business_transfer": Y, "share.legal_disclosure": Y, "share.names_processors": Y,
        "transfer.international": Y, "transfer.safeguards": Y, "retention.period": "specific",
        "security.measures": "specific", "security.encryption_in_transit": Y, "security.breach_notification": Y,
        "security.certifications": Y, "rights.access": Y, "rights.correction": Y, "rights.deletion": Y,
        "rights.portability": Y, "rights.marketing_opt_out": Y, "rights.do_not_track": N,
        "compliance.gdpr": Y, "compliance.dpa_available": Y, "audience.children": Y,
    },
    "ticketnest.txt": {
        "policy.last_updated": "2022-10-03", "policy.privacy_contact": "legal@ticketnest.example",
        "policy.change_notice": "posted", "collect.location": Y, "collect.device": Y, "collect.payment": Y,
        "collect.communications_recorded": Y, "collect.cookies": Y, "collect.remote_access": Y,
        "use.marketing": Y, "share.third_parties": Y, "share.sells_data": N, "share.affiliates": Y,
        "share.business_transfer": Y, "share.legal_disclosure": Y, "transfer.international": Y,
        "transfer.privacy_shield": N, "retention.period": "vague", "security.measures": "vague",
        "rights.correction": Y, "rights.marketing_opt_out": Y, "rights.do_not_track": N, "audience.children": Y,
    },
    "quietqueue.txt": {
        "policy.privacy_contact": "support@quietqueue.example", "collect.cookies": N, "use.marketing": N,
        "share.third_parties": Y, "share.sells_data": N, "security.measures": "vague",
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


@pytest.mark.parametrize("name", sorted(LABELS))
def test_statement_evidence_is_quoted_from_the_text(name: str) -> None:
    text = (STATEMENTS / name).read_text(encoding="utf-8")
    for answer in detect_answers(text, segment(text)).values():
        assert all(text[span.start:span.end] == span.text for span in answer.evidence)
        assert (answer.value == NS) == (not answer.evidence)
