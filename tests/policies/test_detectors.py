"""Detectors on sentences written for these tests: positive, negated, modal, someone else
acting, section context and silence. No database needed."""

from __future__ import annotations

import pytest

from policies.extraction.detectors import DETECTORS, QUESTION_KEYS, detect_answers
from policies.extraction.segment import segment
from policies.extraction.types import NOT_STATED, Answer
from tests.questionnaires import V1_KEYS

NS = NOT_STATED


def run(key: str, text: str) -> Answer:
    """Answer one question for a short statement."""
    return detect_answers(text, segment(text))[key]


# (key, statement text, expected value)
CASES: list[tuple[str, str, str]] = [
    # -- policy.last_updated
    ("policy.last_updated", "Last updated: March 4, 2022\n\nWe run a help desk.", "2022-03-04"),
    ("policy.last_updated", "This notice was last revised on 9th January 2019.", "2019-01-09"),
    ("policy.last_updated", "Effective as of December 1, 2020. Welcome.", "2020-12-01"),
    ("policy.last_updated", "Effective date: 2023-07-15\nHello.", "2023-07-15"),
    ("policy.last_updated", "Last revised: 1 Dec 2020", "2020-12-01"),
    ("policy.last_updated", "Version 3, updated 25/06/2021.", "2021-06-25"),
    ("policy.last_updated", "Last modified Sept. 30, 2017", "2017-09-30"),
    ("policy.last_updated", "© 2021 Acme Desk Inc. All rights reserved.", NS),
    ("policy.last_updated", "We were founded on May 3, 2010 in Oslo.", NS),
    ("policy.last_updated", "The Privacy Shield was invalidated on July 16, 2020.", NS),
    # -- policy.privacy_contact
    ("policy.privacy_contact", "Questions about privacy? Write to Privacy@HelpCo.example.", "privacy@helpco.example"),
    (
        "policy.privacy_contact",
        "Sales: sales@helpco.example. Our DPO can be reached at dpo@helpco.example.",
        "dpo@helpco.example",
    ),
    ("policy.privacy_contact", "For anything else, mail hello@helpco.example.", "hello@helpco.example"),
    ("policy.privacy_contact", "Contact us through the web form on our site.", NS),
    # -- policy.change_notice
    (
        "policy.change_notice",
        "If we make material changes to this policy, we will notify you by email before they take effect.",
        "direct",
    ),
    (
        "policy.change_notice",
        "We may update this statement; significant changes will be announced with an in-app notification.",
        "direct",
    ),
    (
        "policy.change_notice",
        "We may change this policy from time to time and will post the revised version on this page.",
        "posted",
    ),
    (
        "policy.change_notice",
        'Changes to this Policy\nWhen we update the policy we will revise the "Last updated" date above.',
        "posted",
    ),
    ("policy.change_notice", "We will notify you by email when your invoice is ready.", NS),
    ("policy.change_notice", "Our product changes often; see the release notes.", NS),
    # -- collect.location
    ("collect.location", "We may collect your approximate location based on your IP address.", "yes"),
    ("collect.location", "Our app records GPS coordinates when you log a field visit.", "yes"),
    ("collect.location", "Usage data\nThis includes the city and country from which you access the service.", "yes"),
    ("collect.location", "We do not collect precise location information.", "no"),
    ("collect.location", "Our office location is 12 Harbour Street, Leeds.", NS),
    ("collect.location", "Data is stored in data centres in two locations in Germany.", NS),
    # -- collect.device
    ("collect.device", "We automatically collect your browser type, operating system and device identifiers.", "yes"),
    ("collect.device", "Diagnostic reports may include hardware and software details of the affected machine.", "yes"),
    ("collect.device", "Our servers log the IP address of every request.", "yes"),
    ("collect.device", "Cookies are small files stored on your device.", NS),
    ("collect.device", "You can use the service on any device.", NS),
    # -- collect.payment
    ("collect.payment", "When you subscribe we collect your billing address and credit card number.", "yes"),
    ("collect.payment", "Purchase information, such as transaction history, may be kept for accounting.", "yes"),
    ("collect.payment", "We may send you billing notifications about your plan.", NS),
    ("collect.payment", "Our plans are free; there is nothing to pay.", NS),
    # -- collect.credentials
    (
        "collect.credentials",
        "To fix a mailbox problem the engineer may ask you to provide your login credentials.",
        "yes",
    ),
    ("collect.credentials", "We store your password in hashed form only.", "yes"),
    ("collect.credentials", "Choose a strong password and never share it.", NS),
    ("collect.credentials", "Account data includes your username, password and security questions.", "yes"),
    ("collect.credentials", "You are responsible for keeping your password confidential.", NS),
    ("collect.credentials", "If you sign in using your Microsoft credentials, we receive your name and email.", NS),
    # -- collect.communications_recorded
    ("collect.communications_recorded", "Support calls may be recorded for training and quality purposes.", "yes"),
    ("collect.communications_recorded", "We record and monitor chat conversations with our agents.", "yes"),
    ("collect.communications_recorded", "Telephone conversations with support are never recorded.", "no"),
    ("collect.communications_recorded", "We keep records of your support requests.", NS),
    ("collect.communications_recorded", "We monitor our systems around the clock for intrusions.", NS),
    # -- collect.cookies
    ("collect.cookies", "Our website uses cookies to remember your settings.", "yes"),
    ("collect.cookies", "We may place pixel tags in our newsletters to see if they are opened.", "yes"),
    ("collect.cookies", "Our site does not use cookies or similar tracking technologies.", "no"),
    ("collect.cookies", "Third-party websites that we link to have their own cookie practices.", NS),
    # -- collect.remote_access
    (
        "collect.remote_access",
        "With your permission, a technician may remotely access your computer to fix the fault.",
        "yes",
    ),
    ("collect.remote_access", "Our agents can take control of your screen during a support session.", "yes"),
    ("collect.remote_access", "Support staff never connect to your device remotely.", "no"),
    ("collect.remote_access", "Employees use a VPN for remote access to our systems.", NS),
    # -- use.marketing
    ("use.marketing", "We may use your contact details to send you promotional emails about new features.", "yes"),
    ("use.marketing", "We show you personalised advertising based on your activity.", "yes"),
    ("use.marketing", "Your data is never used for marketing purposes.", "no"),
    ("use.marketing", "Our marketing team can be reached at the address below.", NS),
    ("use.marketing", "We use your information to provide and improve the service.", NS),
    # -- use.automated_analysis
    ("use.automated_analysis", "Tickets are routed by a machine learning model that reads their content.", "yes"),
    ("use.automated_analysis", "We use automated systems to analyse usage and detect abuse.", "yes"),
    ("use.automated_analysis", "We do not use artificial intelligence to process your data.", "no"),
    ("use.automated_analysis", "You will receive an automated email confirming your ticket.", NS),
    # -- share.third_parties
    ("share.third_parties", "We may share personal data with service providers who host our platform.", "yes"),
    ("share.third_parties", "We disclose information to:\n- payment processors\n- our auditors", "yes"),
    ("share.third_parties", "We do not share your personal data with third parties.", "no"),
    ("share.third_parties", "We do not share your data with third parties except as described below.", "yes"),
    ("share.third_parties", "Third party websites we link to have their own privacy policies.", NS),
    ("share.third_parties", "You may choose to share content with third-party apps you install.", NS),
    # -- share.sells_data
    ("share.sells_data", "We do not sell or rent your personal information.", "no"),
    ("share.sells_data", "We never sell customer data to anyone.", "no"),
    ("share.sells_data", "We may sell aggregated personal data to research partners.", "yes"),
    ("share.sells_data", "We sell subscriptions to our help-desk software.", NS),
    ("share.sells_data", "If the company is sold, your data may be transferred to the buyer.", NS),
    # -- share.affiliates
    ("share.affiliates", "We may disclose personal data to our subsidiaries and parent company.", "yes"),
    ("share.affiliates", "Information may be shared within our group of companies.", "yes"),
    ("share.affiliates", "“Acme” refers to Acme Ltd and its affiliates, which provide the service.", NS),
    # -- share.business_transfer
    (
        "share.business_transfer",
        "In a merger or acquisition, customer information may be transferred to the buyer.",
        "yes",
    ),
    (
        "share.business_transfer",
        "If we go through a reorganisation or sale of assets, your data may be one of the assets transferred.",
        "yes",
    ),
    ("share.business_transfer", "We sell subscriptions to businesses of all sizes.", NS),
    # -- share.legal_disclosure
    ("share.legal_disclosure", "We may disclose information in response to a subpoena or court order.", "yes"),
    ("share.legal_disclosure", "Your data will not be disclosed unless we are required by law to do so.", "yes"),
    ("share.legal_disclosure", "We may share information with law enforcement agencies when legally required.", "yes"),
    ("share.legal_disclosure", "We retain invoices to comply with our legal obligations.", NS),
    ("share.legal_disclosure", "Our legal basis for processing is your consent.", NS),
    # -- share.names_processors
    ("share.names_processors", "We use Google Analytics to understand how visitors use our site.", "yes"),
    ("share.names_processors", "Card payments are processed by Stripe on our behalf.", "yes"),
    ("share.names_processors", "Helpline recordings are stored by Northwind Cloud in Ireland.", "yes"),
    ("share.names_processors", "We use trusted third-party service providers to host our data.", NS),
    ("share.names_processors", "You can sign in with your Google account.", NS),
    # -- transfer.international
    (
        "transfer.international",
        "Your data may be transferred to and processed in countries other than your own.",
        "yes",
    ),
    ("transfer.international", "We store customer data on servers located in the United States.", "yes"),
    ("transfer.international", "We never transfer personal data outside the European Economic Area.", "no"),
    ("transfer.international", "Our software is available in many countries.", NS),
    # -- transfer.safeguards
    ("transfer.safeguards", "Transfers are protected by the EU Standard Contractual Clauses.", "yes"),
    ("transfer.safeguards", "We rely on adequacy decisions of the European Commission for transfers.", "yes"),
    ("transfer.safeguards", "We participate in the EU-U.S. Data Privacy Framework.", "yes"),
    ("transfer.safeguards", "We protect your data with appropriate security measures.", NS),
    # -- transfer.privacy_shield
    ("transfer.privacy_shield", "Acme complies with the EU-U.S. Privacy Shield Framework and is certified.", "yes"),
    ("transfer.privacy_shield", "Since the ruling we no longer rely on the Privacy Shield.", "no"),
    ("transfer.privacy_shield", "We rely on standard contractual clauses for transfers.", NS),
    # -- retention.period
    ("retention.period", "We delete ticket attachments 90 days after the ticket is closed.", "specific"),
    ("retention.period", "Call recordings are retained for twelve (12) months.", "specific"),
    ("retention.period", "We keep personal data only for as long as necessary for the purposes described.", "vague"),
    ("retention.period", "Data Retention\nWe keep your information while your account is active.", "vague"),
    ("retention.period", "We will respond to your request within 30 days.", NS),
    ("retention.period", "We keep your information secure and accurate.", NS),
    # -- security.measures
    (
        "security.measures",
        "All data is encrypted at rest and access is restricted by multi-factor authentication.",
        "specific",
    ),
    ("security.measures", "We use firewalls and regular penetration tests to protect our systems.", "specific"),
    ("security.measures", "We take reasonable measures to protect your personal information.", "vague"),
    ("security.measures", "We apply industry standard safeguards to protect your data.", "vague"),
    ("security.measures", "We may send you security updates about the product.", NS),
    # -- security.encryption_in_transit
    (
        "security.encryption_in_transit",
        "All traffic between your browser and our servers uses TLS 1.2 or higher.",
        "yes",
    ),
    ("security.encryption_in_transit", "Data is encrypted in transit and at rest.", "yes"),
    ("security.encryption_in_transit", "Stored files are encrypted at rest with AES-256.", NS),
    # -- security.breach_notification
    (
        "security.breach_notification",
        "If a data breach affects your information, we will notify you without undue delay.",
        "yes",
    ),
    (
        "security.breach_notification",
        "We will inform affected customers of any security incident within 72 hours.",
        "yes",
    ),
    ("security.breach_notification", "Please notify us immediately of any unauthorized use of your account.", NS),
    # -- security.certifications
    ("security.certifications", "Our hosting environment is ISO 27001 certified.", "yes"),
    ("security.certifications", "We complete an annual SOC 2 Type II audit.", "yes"),
    ("security.certifications", "We are certified under the Privacy Shield.", NS),
    # -- rights.access
    ("rights.access", "You have the right to request a copy of the personal data we hold about you.", "yes"),
    ("rights.access", "You can access your account information at any time from the settings page.", "yes"),
    ("rights.access", "Our engineers may access your data to resolve a ticket.", NS),
    ("rights.access", "Vendors may need access to personal information to perform their work.", NS),
    # -- rights.correction
    ("rights.correction", "You may correct inaccurate personal information in your profile.", "yes"),
    ("rights.correction", "If your details change, please let us know so that we can update our records.", "yes"),
    ("rights.correction", "We may update this policy from time to time.", NS),
    # -- rights.deletion
    ("rights.deletion", "You can ask us to delete your personal data at any time.", "yes"),
    ("rights.deletion", "To have your data erased, fill in our deletion request form.", "yes"),
    ("rights.deletion", "You can delete cookies in your browser settings.", NS),
    ("rights.deletion", "We delete inactive accounts after two years.", NS),
    # -- rights.portability
    ("rights.portability", "You have the right to data portability.", "yes"),
    ("rights.portability", "You can export your data in a machine-readable format.", "yes"),
    ("rights.portability", "We may export anonymised statistics for reporting.", NS),
    # -- rights.marketing_opt_out
    ("rights.marketing_opt_out", "You can unsubscribe from marketing emails at any time.", "yes"),
    (
        "rights.marketing_opt_out",
        "To stop receiving promotional messages, use the link at the bottom of any of them.",
        "yes",
    ),
    ("rights.marketing_opt_out", "You cannot opt out of service announcements about your account.", NS),
    ("rights.marketing_opt_out", "You can opt out of analytics cookies in the banner.", NS),
    # -- rights.do_not_track
    ("rights.do_not_track", "We honour Do Not Track signals sent by your browser.", "yes"),
    ("rights.do_not_track", "Our site does not respond to Do Not Track requests.", "no"),
    ("rights.do_not_track", "Do Not Track\nWe currently take no action in response to these signals.", "no"),
    ("rights.do_not_track", "Some browsers have a Do Not Track feature.", NS),
    # -- compliance.gdpr
    ("compliance.gdpr", "If you are in the EEA, the GDPR gives you further rights.", "yes"),
    ("compliance.gdpr", "You may lodge a complaint with your local supervisory authority.", "yes"),
    ("compliance.gdpr", "We comply with applicable data protection laws.", NS),
    # -- compliance.dpa_available
    ("compliance.dpa_available", "Business customers can sign our Data Processing Agreement on request.", "yes"),
    ("compliance.dpa_available", "Our DPA is available in the customer portal.", "yes"),
    ("compliance.dpa_available", "We process data as described in this notice.", NS),
    # -- audience.children
    ("audience.children", "Our service is not directed to children under 13.", "yes"),
    ("audience.children", "We do not knowingly collect data from minors.", "yes"),
    ("audience.children", "We may share data with our parent company.", NS),
    # -- rules generalised from misses on fictional statements
    ("share.third_parties", "Orbit Desk may engage subcontractors to perform parts of the services.", "yes"),
    ("share.third_parties", "## Recipients\n- Hosting: Fjord Cloud AS, Norway\n- Our bookkeepers", "yes"),
    ("share.third_parties", "Our mail relay and our hosting firm handle your data on our behalf.", "yes"),
    ("share.names_processors", "## Recipients\n- Hosting: Fjord Cloud GmbH, Germany", "yes"),
    ("share.affiliates", 'Orbit Ltd and its subsidiaries (together, "Orbit") provide the service.', NS),
    ("share.sells_data", "We don't sell it.", "no"),
    ("collect.payment", "- Payment status (cards are charged by our processor; we never see your card number)", "yes"),
    ("collect.payment", "We never collect or store card numbers.", "no"),
    ("rights.deletion", "You have the right to access, rectify, erase and port your data.", "yes"),
    ("rights.portability", "You have the right to access, rectify, erase and port your data.", "yes"),
    ("rights.correction", "You have the right to access, rectify, erase and port your data.", "yes"),
    ("use.automated_analysis", "Draft replies are generated by sending ticket text to OpenAI.", "yes"),
    ("use.automated_analysis", "## AI features\nThe reply assistant drafts answers from your ticket history.", "yes"),
    (
        "rights.do_not_track",
        "Do Not Track. Some browsers send such a signal. We do not currently respond to such signals.",
        "no",
    ),
    (
        "transfer.international",
        "Personal data may be processed in jurisdictions other than the one you live in.",
        "yes",
    ),
    ("transfer.safeguards", "We previously relied on the Privacy Shield; it no longer applies.", NS),
    ("security.measures", "Controls include role-based access and quarterly vulnerability scanning.", "specific"),
    ("security.measures", "We maintain administrative, technical and physical safeguards to protect data.", "vague"),
    (
        "retention.period",
        "Storage period\nEverything else is deleted 60 days after your subscription ends.",
        "specific",
    ),
    (
        "policy.change_notice",
        "For material changes to this notice we will email the account owner in advance.",
        "direct",
    ),
    ("use.marketing", "We send product news to customers who opted in.", "yes"),
    ("rights.marketing_opt_out", "Every newsletter has an unsubscribe link.", "yes"),
]


@pytest.mark.parametrize("key, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_detector_on_written_sentences(key: str, text: str, expected: str) -> None:
    result = run(key, text)
    assert result.value == expected, (key, text, result)
    if expected == NS:
        assert result.evidence == () and result.confidence == 0.0
    else:
        assert result.evidence, "a stated answer must quote evidence"
        assert 0.0 < result.confidence <= 1.0


def test_every_key_is_answered_in_questionnaire_order() -> None:
    text = "We run a help desk."
    answers = detect_answers(text, segment(text))
    assert tuple(answers) == QUESTION_KEYS
    assert QUESTION_KEYS == V1_KEYS and len(DETECTORS) == len(V1_KEYS)
    assert all(answer.value == NS for answer in answers.values())


def test_evidence_quotes_the_stored_text() -> None:
    text = "Intro.\n\n## Sharing\nWe may share data with our hosting providers. We do not sell it."
    for answer in detect_answers(text, segment(text)).values():
        for span in answer.evidence:
            assert text[span.start : span.end] == span.text


def test_explicit_sentence_in_matching_section_is_more_confident_than_a_weak_cue() -> None:
    strong = run("collect.cookies", "## Cookies\nWe use cookies and web beacons on our website.")
    weak = run("collect.device", "Error reports may contain log files.")
    assert weak.value == NS or weak.confidence < strong.confidence


def test_five_megabytes_run_in_a_few_seconds() -> None:
    paragraph = (
        "## Sharing\nWe may share personal data with service providers, e.g. hosting firms. "
        "We do not sell it. Contact privacy@acme.example. Calls may be recorded.\n- one item\n"
    )
    text = paragraph * (5_000_000 // len(paragraph))
    detect_answers(text, segment(text))
