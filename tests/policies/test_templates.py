"""Questionnaire templates name a detector set; the registry fills them; a mismatch fails loudly."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from assessments.questionnaire import (
    DOCUMENT_KINDS,
    UnknownTemplate,
    questionnaire_check,
    questionnaire_files,
    questionnaire_find,
    questionnaire_read,
    questionnaires_check,
)
from policies.extraction.detectors import detect_answers
from policies.extraction.detectorsets import (
    DEFAULT_SET,
    TemplateMismatch,
    UnknownDetectorSet,
    detector_set,
    detector_sets,
)
from policies.extraction.pipeline import detect_text
from policies.extraction.segment import segment

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEXT = "We use cookies. We never sell your data. Write to privacy@example.com with questions."


def v1_template() -> dict:
    return questionnaire_find("helpdesk-privacy-v1")


def test_every_shipped_template_matches_its_detector_set() -> None:
    questionnaires_check()
    for path in questionnaire_files().values():
        data = questionnaire_read(path)
        keys = [question["key"] for question in data["questions"]]
        assert keys and list(detector_set(data["detector_set"]).answer_keys) == keys, path.name
        assert set(data["document_kinds"]) <= set(DOCUMENT_KINDS)


def test_a_misspelt_key_in_a_template_fails_naming_it() -> None:
    data = v1_template()
    data["questions"][3]["key"] = "collect.locaton"
    with pytest.raises(TemplateMismatch, match=r"no detector in helpdesk-privacy-v1: collect\.locaton") as raised:
        questionnaire_check(data)
    assert "does not ask: collect.location" in str(raised.value)


def test_a_template_without_a_question_its_set_fills_fails() -> None:
    data = v1_template()
    del data["questions"][-1]
    with pytest.raises(TemplateMismatch, match="fills but the template does not ask"):
        questionnaire_check(data)


def test_a_template_naming_an_unknown_set_or_kind_fails() -> None:
    with pytest.raises(TemplateMismatch, match="no detector set 'helpdesk-privacy-v9'"):
        questionnaire_check(v1_template() | {"detector_set": "helpdesk-privacy-v9"})
    with pytest.raises(TemplateMismatch, match="unknown document kinds brochure"):
        questionnaire_check(v1_template() | {"document_kinds": ["brochure"]})


def test_the_app_refuses_to_start_with_a_mismatched_template(tmp_path: Path) -> None:
    broken = v1_template()
    broken["questions"][0]["key"] = "policy.last_update"
    (tmp_path / "helpdesk-privacy-v1.json").write_text(json.dumps(broken), encoding="utf-8")
    script = (
        "import django, assessments.questionnaire as q, pathlib, sys\n"
        f"q.QUESTIONNAIRE_DIR = pathlib.Path({str(tmp_path)!r})\n"
        "django.setup()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "TemplateMismatch" in result.stderr and "policy.last_update" in result.stderr


def test_detect_text_answers_v1_by_default_as_before() -> None:
    assert DEFAULT_SET == v1_template()["detector_set"]
    assert detect_text(TEXT) == detect_answers(TEXT, segment(TEXT))
    assert list(detect_text(TEXT)) == [question["key"] for question in v1_template()["questions"]]


def test_an_unknown_detector_set_names_the_known_ones() -> None:
    with pytest.raises(UnknownDetectorSet, match="helpdesk-privacy-v1"):
        detect_text(TEXT, detector_set="nope")
    assert DEFAULT_SET in detector_sets()


def test_a_template_is_found_by_name_or_by_slug_for_its_latest_version() -> None:
    latest = max(
        (questionnaire_read(path) for path in questionnaire_files().values() if path.name.startswith("helpdesk")),
        key=lambda data: data["version"],
    )
    assert questionnaire_find("helpdesk-privacy")["version"] == latest["version"]
    with pytest.raises(UnknownTemplate, match="helpdesk-privacy-v1"):
        questionnaire_find("helpdesk-privacy-v0")


def test_the_command_without_template_prints_the_v1_keys(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.txt"
    path.write_text(TEXT, encoding="utf-8")
    call_command("extract_policy", str(path), "--format", "json")
    default = json.loads(capsys.readouterr().out)
    call_command("extract_policy", str(path), "--format", "json", "--template", "helpdesk-privacy-v1")
    assert json.loads(capsys.readouterr().out) == default
    assert list(default["answers"]) == [question["key"] for question in v1_template()["questions"]]


def test_an_unknown_template_is_one_line_on_stderr_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_policy", str(path), "--template", "iso-27001", "--format", "json"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if not line.startswith("AXES:")]
    assert lines == [lines[0]] and "no questionnaire template 'iso-27001'" in lines[0]
