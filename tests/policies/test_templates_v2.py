"""Help-desk privacy v2: the questions reviewers added, read from statements in varied words."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from assessments.questionnaire import questionnaire_find
from assessments.scoring import QuestionRules, score_lines
from policies.extraction.pipeline import detect_text

V2 = "helpdesk-privacy-v2"


def answer(text: str, key: str) -> str:
    return detect_text(text, detector_set=V2)[key].value


CASES = {
    "use.ai_features": [
        ("Smart Reply uses a large language model to suggest answers to incoming tickets.", "yes"),
        ("Agents can turn on AI-powered summaries of long email threads.", "yes"),
        ("Incoming requests are categorised and routed by a machine-learning classifier.", "yes"),
        ("Our platform does not contain any AI features; every reply is written by a person.", "no"),
        ("We send you a newsletter once a month.", "not_stated"),
    ],
    "use.ai_training": [
        ("Anonymised ticket content may be used to train and improve our models.", "yes"),
        ("We use conversation transcripts to fine-tune the assistant.", "yes"),
        ("Customer Content is never used to train artificial intelligence models, ours or anyone else's.", "no"),
        ("Our AI providers may not use your data to train their models.", "no"),
        ("We train our support staff every year on privacy.", "not_stated"),
    ],
    "transfer.data_residency": [
        ("When you sign up you may select the region (EU, US or Australia) where your account data is hosted.", "yes"),
        ("Enterprise plans include EU data residency.", "yes"),
        ("All customer data is stored exclusively in data centres in Frankfurt, Germany.", "yes"),
        ("We are unable to offer data residency at this time.", "no"),
        ("California residents have additional rights.", "not_stated"),
    ],
    "retention.end_of_contract": [
        ("On termination of the subscription, we delete all customer data within 60 days.", "yes"),
        ("When your contract ends you can export your tickets, after which we erase them.", "yes"),
        ("Following expiry of the Agreement, the Provider shall return the Customer Data.", "yes"),
        ("Tickets are purged 30 days after closure.", "not_stated"),
    ],
    "share.subprocessor_list": [
        ("The sub-processors we use are listed at https://example.com/legal/subprocessors.", "yes"),
        ("Annex 3 sets out the list of authorised Sub-processors.", "yes"),
        ("See our Subprocessor page for the current vendors.", "yes"),
        ("We do not publish a list of our sub-processors.", "no"),
        ("We may share data with service providers who help us run the service.", "not_stated"),
    ],
}


@pytest.mark.parametrize(
    ("key", "text", "expected"), [(key, text, expected) for key, cases in CASES.items() for text, expected in cases]
)
def test_v2_yes_no_questions(key: str, text: str, expected: str) -> None:
    assert answer(text, key) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Closed tickets and their attachments are removed 180 days after closure.", "specific"),
        ("Call recordings are kept for 90 days.", "specific"),
        ("Chat transcripts are retained for as long as necessary to provide support.", "vague"),
        ("We keep billing records for seven years.", "not_stated"),
    ],
)
def test_support_data_retention_counts_only_support_artefacts(text: str, expected: str) -> None:
    assert answer(text, "retention.support_data") == expected


def test_the_opt_out_is_asked_only_when_customer_data_trains_models() -> None:
    trains = "We may use your tickets to improve our machine learning models. You can opt out in the admin console."
    assert answer(trains, "use.ai_training_opt_out") == "yes"
    stuck = "We may use your tickets to improve our machine learning models. You cannot opt out of this."
    assert answer(stuck, "use.ai_training_opt_out") == "no"
    assert answer("You can opt out of marketing e-mail.", "use.ai_training_opt_out") == "not_stated"


def rules() -> list[QuestionRules]:
    return [
        QuestionRules(q["key"], q["text"], q["section"], tuple(q["risk_rules"]))
        for q in questionnaire_find(V2)["questions"]
    ]


def points(values: dict[str, str], key: str) -> int:
    from datetime import date

    return sum(line["points"] for line in score_lines(rules(), values, today=date(2026, 1, 1)) if line["key"] == key)


def test_training_on_customer_data_without_opt_out_is_a_heavy_finding() -> None:
    assert points({"use.ai_training": "yes"}, "use.ai_training") == 3
    with_opt_out = {"use.ai_training": "yes", "use.ai_training_opt_out": "yes"}
    assert points(with_opt_out, "use.ai_training") + points(with_opt_out, "use.ai_training_opt_out") == 1
    assert points({"use.ai_training": "no"}, "use.ai_training") == 0


def test_v2_extends_v1_and_the_command_prints_its_keys(tmp_path: Path, capsys) -> None:
    v1_keys = [q["key"] for q in questionnaire_find("helpdesk-privacy-v1")["questions"]]
    v2_keys = [q["key"] for q in questionnaire_find(V2)["questions"]]
    assert set(v1_keys) < set(v2_keys)
    path = tmp_path / "s.txt"
    path.write_text("We may use your tickets to train our AI models. Tickets are deleted after 30 days.", "utf-8")
    call_command("extract_policy", str(path), "--format", "json", "--template", V2)
    output = json.loads(capsys.readouterr().out)
    assert list(output["answers"]) == v2_keys
    assert output["answers"]["use.ai_training"]["evidence"][0]["text"].startswith("We may use your tickets")


def test_training_only_with_the_customers_consent_is_no_training_by_default() -> None:
    text = "We will not use your prompts to train any language models without your prior written consent."
    assert answer(text, "use.ai_training") == "no"
    aggregated = "We do not train models on your data, except on aggregated usage statistics."
    assert answer(aggregated, "use.ai_training") == "yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chat text goes to our model provider under terms that prohibit it from training its models on that content.",
         "no"),
        ("We do not use Caller data to train models shared with other customers unless the customer opts in.", "no"),
        ("We use Support Data to resolve your incident and for training purposes.", "not_stated"),
    ],
)
def test_training_is_about_models_and_a_prohibition_denies_it(text: str, expected: str) -> None:
    assert answer(text, "use.ai_training") == expected


def test_a_webinar_recording_is_not_support_data() -> None:
    assert answer("Recordings of webinars you attend are kept for 24 months.", "retention.support_data") == "not_stated"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("We offer EU hosting for customers who need their data to stay in Europe.", "transfer.data_residency", "yes"),
        ("Your data remains in the European Union at all times.", "transfer.data_residency", "yes"),
        ("We are a US company and may transfer data to the US.", "transfer.data_residency", "not_stated"),
        ("If you cancel your subscription, we will delete your account data within 30 days.",
         "retention.end_of_contract", "yes"),
        ("Upon account closure, all tickets are permanently deleted.", "retention.end_of_contract", "yes"),
        ("You can delete individual tickets at any time.", "retention.end_of_contract", "not_stated"),
    ],
)
def test_residency_and_contract_end_in_more_words(text: str, key: str, expected: str) -> None:
    assert answer(text, key) == expected
