"""Detectors: one per questionnaire key, grouped by question family.

``detect_answers(text, sentences)`` runs every detector over a statement already cut into
sentences by :func:`policies.extraction.segment.segment` and returns an :class:`Answer` for
every key of help-desk privacy v1, in questionnaire order. Detectors take a prepared :class:`Document` so the
lower-casing and list lead-ins are computed once per statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from policies.extraction.confidence import calibrate_answer
from policies.extraction.detectors import (
    collect,
    compliance,
    policy,
    retention,
    rights,
    security,
    share,
    transfer,
    use,
)
from policies.extraction.detectors.framework import Document
from policies.extraction.types import Answer, Sentence

Detector = Callable[[Document], Answer]

DETECTORS: dict[str, Detector] = {
    "policy.last_updated": policy.detect_last_updated,
    "policy.privacy_contact": policy.detect_privacy_contact,
    "policy.change_notice": policy.detect_change_notice,
    "collect.location": collect.detect_location,
    "collect.device": collect.detect_device,
    "collect.payment": collect.detect_payment,
    "collect.credentials": collect.detect_credentials,
    "collect.communications_recorded": collect.detect_communications_recorded,
    "collect.cookies": collect.detect_cookies,
    "collect.remote_access": collect.detect_remote_access,
    "use.marketing": use.detect_marketing,
    "use.automated_analysis": use.detect_automated_analysis,
    "share.third_parties": share.detect_third_parties,
    "share.sells_data": share.detect_sells_data,
    "share.affiliates": share.detect_affiliates,
    "share.business_transfer": share.detect_business_transfer,
    "share.legal_disclosure": share.detect_legal_disclosure,
    "share.names_processors": share.detect_names_processors,
    "transfer.international": transfer.detect_international,
    "transfer.safeguards": transfer.detect_safeguards,
    "transfer.privacy_shield": transfer.detect_privacy_shield,
    "retention.period": retention.detect_retention_period,
    "security.measures": security.detect_security_measures,
    "security.encryption_in_transit": security.detect_encryption_in_transit,
    "security.breach_notification": security.detect_breach_notification,
    "security.certifications": security.detect_certifications,
    "rights.access": rights.detect_access,
    "rights.correction": rights.detect_correction,
    "rights.deletion": rights.detect_deletion,
    "rights.portability": rights.detect_portability,
    "rights.marketing_opt_out": rights.detect_marketing_opt_out,
    "rights.do_not_track": rights.detect_do_not_track,
    "compliance.gdpr": compliance.detect_gdpr,
    "compliance.dpa_available": compliance.detect_dpa_available,
    "audience.children": compliance.detect_children,
}

QUESTION_KEYS: tuple[str, ...] = tuple(DETECTORS)


def detect_answers(text: str, sentences: Sequence[Sentence]) -> dict[str, Answer]:
    """Answer every v1 question for ``text``; keys in questionnaire order, none missing."""
    document = Document.build(text, sentences)
    return {key: calibrate_answer(key, detector(document)) for key, detector in DETECTORS.items()}


__all__ = ["DETECTORS", "QUESTION_KEYS", "Detector", "Document", "detect_answers"]
