"""GDPR Art. 28(3) from a DPA: the eight elements with clause evidence, notice days, governing law."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from assessments.questionnaire import questionnaire_find
from assessments.scoring import QuestionRules, score_lines
from policies.extraction.detectors.jurisdictions import governing_law_code
from policies.extraction.pipeline import detect_text, extract_file

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "bench/eval/dpa/gold.json").read_text(encoding="utf-8"))
ART28 = "gdpr-art28"


def art28(text: str, key: str) -> str:
    return detect_text(text, detector_set=ART28)[key].value


def fixture_path(policy: dict) -> Path:
    return (ROOT / "bench/eval" / policy["file"]).resolve()


@pytest.mark.parametrize("policy", GOLD["policies"], ids=[policy["id"] for policy in GOLD["policies"]])
def test_each_fixture_dpa_fills_the_template_as_labelled_with_evidence(policy: dict) -> None:
    extraction = extract_file(fixture_path(policy), detector_set=ART28)
    text = extraction.document.text
    for key, want in policy["answers"].items():
        got = extraction.answers[key]
        assert got.value == want["value"], key
        quotes = " | ".join(" ".join(span.text.split()).lower() for span in got.evidence)
        assert all(text[span.start : span.end] == span.text for span in got.evidence), key
        if want["evidence"]:
            assert any(" ".join(phrase.split()).lower() in quotes for phrase in want["evidence"]), key


def test_the_fixtures_are_realistic_in_size_and_format() -> None:
    paths = [fixture_path(policy) for policy in GOLD["policies"]]
    assert len(paths) >= 5 and {path.suffix for path in paths} >= {".txt", ".md", ".html"}
    assert all(8_000 <= path.stat().st_size <= 30_000 for path in paths)
    missing = [
        policy["id"]
        for policy in GOLD["policies"]
        if sum(policy["answers"][key]["value"] == "not_stated" for key in _elements()) >= 2
    ]
    assert missing, "one fixture lacks two mandatory elements"


def _elements() -> list[str]:
    return [q["key"] for q in questionnaire_find(ART28)["questions"] if q["type"] == "yes_no"]


def test_a_definition_of_sub_processor_is_not_the_sub_processor_clause() -> None:
    definitions = (
        "1. Definitions\n"
        '1.1 "Sub-processor" means any processor engaged by the Processor to process Customer Data.\n'
        '1.2 "Instructions" means the documented instructions of the Controller.\n'
        "2. Security\n"
        "2.1 The Processor shall implement the technical and organisational measures in Annex 2.\n"
    )
    assert art28(definitions, "art28.subprocessors") == "not_stated"
    assert art28(definitions, "art28.instructions") == "not_stated"
    assert art28(definitions, "art28.security") == "yes"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("4.2 The Supplier shall not engage another processor without the Customer's prior specific or general "
         "written authorisation.", "art28.subprocessors"),
        ("We only handle Customer Data as you instruct us in writing.", "art28.instructions"),
        ("Each employee of the Data Importer with access to the data has signed a non-disclosure agreement.",
         "art28.confidentiality"),
        ("The data importer shall assist the data exporter with data protection impact assessments.",
         "art28.assist_obligations"),
        ("At the end of the provision of the services we will, at your choice, return or destroy your data.",
         "art28.end_of_contract"),
        ("Customer may audit Provider's compliance with this DPA once a year.", "art28.audits"),
        ("We will help you answer requests from data subjects who exercise their rights.",
         "art28.data_subject_rights"),
        ("Vendor will process Personal Data solely to provide the Services and as otherwise directed by Customer in "
         "writing.", "art28.instructions"),
        ("The data importer shall promptly notify the data exporter of any request it has received from a data "
         "subject.", "art28.data_subject_rights"),
        ("After the end of the provision of the processing services, the data importer shall, at the choice of the "
         "data exporter, delete all personal data processed on behalf of the data exporter.", "art28.end_of_contract"),
        ("Supplier will notify Customer of any new Sub-processor by e-mail.", "art28.subprocessors"),
    ],
)

def test_elements_in_varied_wording(text: str, key: str) -> None:
    assert art28(text, key) == "yes"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Processor shall notify Customer of any Security Incident, including incidents at its Sub-processors.",
         "art28.subprocessors"),
        ("The Customer's instructions for the processing of Personal Data shall comply with Data Protection Laws.",
         "art28.instructions"),
        ("Processor shall notify Customer of a Personal Data Breach so that Customer can meet its obligations under "
         "Article 33 GDPR.", "art28.assist_obligations"),
        ("Each party shall keep the terms of this DPA confidential.", "art28.confidentiality"),
        ("Vendor maintains audit logs of all access to Customer Data.", "art28.audits"),
    ],
)
def test_near_misses_are_not_the_element(text: str, key: str) -> None:
    assert art28(text, key) == "not_stated"


def test_an_express_refusal_is_no_and_silence_is_not_stated() -> None:
    refusal = "The Processor is not obliged to allow audits or inspections of its premises by the Customer."
    assert art28(refusal, "art28.audits") == "no"
    assert art28("This DPA describes the processing.", "art28.audits") == "not_stated"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("We will notify you of any new sub-processor at least thirty (30) days before it begins processing.", "30"),
        ("Customer may object to a new Subprocessor within 14 calendar days of the notice.", "14"),
        ("The Processor shall give four weeks' notice of any change of sub-processors.", "28"),
        ("Sub-processors are listed at our website.", "not_stated"),
    ],
)
def test_objection_notice_days(text: str, days: str) -> None:
    assert art28(text, "art28.objection_days") == days


@pytest.mark.parametrize(
    ("clause", "code"),
    [
        ("This DPA is governed by the laws of England and Wales.", "GB"),
        ("These Clauses shall be governed by the law of Ireland.", "IE"),
        ("This Agreement is governed by the laws of the State of California.", "US"),
        ("The Agreement is subject to German law.", "DE"),
        ("The Parties agree that this shall be the law of the Netherlands.", "NL"),
        ("This DPA is governed by the laws of the Province of Ontario.", "CA"),
        ("This DPA is governed by the law of the Member State in which the data exporter is established.", None),
    ],
)
def test_governing_law_as_iso_3166(clause: str, code: str | None) -> None:
    assert governing_law_code(clause.lower()) == code
    assert art28(clause, "art28.governing_law") == (code or "not_stated")


def test_a_missing_element_is_a_finding() -> None:
    template = questionnaire_find(ART28)
    rules = [QuestionRules(q["key"], q["text"], q["section"], tuple(q["risk_rules"])) for q in template["questions"]]
    values = {key: "yes" for key in _elements()} | {"art28.audits": "not_stated", "art28.confidentiality": "no"}
    lines = score_lines(rules, values | {"art28.objection_days": "30"}, today=date(2026, 1, 1))
    assert {line["key"] for line in lines} == {"art28.audits", "art28.confidentiality"}
    assert all(line["points"] >= 2 and "Art. 28(3)" in line["reason"] for line in lines)


def test_the_command_prints_the_art28_keys_in_the_contract_shape(capsys) -> None:
    path = fixture_path(GOLD["policies"][0])
    call_command("extract_policy", str(path), "--template", ART28, "--format", "json")
    output = json.loads(capsys.readouterr().out)
    assert set(output) == {"document", "answers"}
    assert list(output["answers"]) == [q["key"] for q in questionnaire_find(ART28)["questions"]]
    for answer in output["answers"].values():
        assert set(answer) == {"value", "confidence", "evidence"}
        assert (answer["value"] == "not_stated") == (not answer["evidence"])


@pytest.mark.parametrize(
    ("name", "missing"),
    [("brightdesk-dpa.md", set()), ("fixitnow-dpa.txt", {"art28.subprocessors", "art28.audits"})],
)
def test_the_demo_dpas_show_a_complete_and_a_deficient_processor(name: str, missing: set[str]) -> None:
    answers = extract_file(ROOT / "assessments/demo" / name, detector_set=ART28).answers
    assert {key for key in _elements() if answers[key].value != "yes"} == missing
    assert all(answers[key].evidence for key in _elements() if key not in missing)


def test_a_heading_says_when_the_data_is_deleted() -> None:
    text = "8. End of the service\n\nWe then delete all Customer Data within 60 days.\n"
    assert art28(text, "art28.end_of_contract") == "yes"


def test_a_period_for_something_else_at_a_sub_processor_is_no_objection_period() -> None:
    text = "Each Sub-processor shall notify the Processor of a personal data breach within 5 days."
    assert art28(text, "art28.objection_days") == "not_stated"
    processing = "The processing governed by this DPA may take place in the United States."
    assert art28(processing, "art28.governing_law") == "not_stated"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("Provider may engage sub-processors at its discretion without Customer's consent.",
         "art28.subprocessors", "no"),
        ("The Processor may not engage a sub-processor without the prior written authorisation of the Controller.",
         "art28.subprocessors", "yes"),
        ("Supplier shall maintain administrative, physical and technical safeguards for the security of Customer Data.",
         "art28.security", "yes"),
        ("The Processor processes Personal Data only as necessary for the Services and in compliance with the "
         "Controller's instructions.", "art28.instructions", "yes"),
        ("If we receive a request from your end user to access their data, we will forward it to you.",
         "art28.data_subject_rights", "yes"),
        ("The laws of Singapore govern this DPA.", "art28.governing_law", "SG"),
    ],
)
def test_more_wordings(text: str, key: str, expected: str) -> None:
    assert art28(text, key) == expected


def test_a_clause_ending_in_by_technical_means_is_not_a_definition() -> None:
    assert art28("4.3 Processor will assist Controller with data subject requests by technical means.",
                 "art28.data_subject_rights") == "yes"
    assert art28("Authorised Sub-Processor means a third party appointed under clause 5.",
                 "art28.subprocessors") == "not_stated"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("Customer may not conduct audits of Provider's facilities.", "art28.audits", "no"),
        ("Customer may not conduct more than one audit per year.", "art28.audits", "yes"),
        ("Our staff are not bound by any confidentiality obligations.", "art28.confidentiality", "no"),
        ("The Supplier may process Customer Data for its own purposes and is not bound by Customer's instructions.",
         "art28.instructions", "no"),
        ("The Processor shall comply with the Controller's instructions regarding the processing.",
         "art28.instructions", "yes"),
    ],
)
def test_refusals_and_limits(text: str, key: str, expected: str) -> None:
    assert art28(text, key) == expected
