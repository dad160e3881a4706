"""``manage.py extract_policy``: the contract of questionnaire.md, and one-line failures."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policies.extraction.detectors import QUESTION_KEYS
from policies.extraction.pipeline import detect_text, extract
from policies.extraction.readers import read_document
from tests.documents import make_docx, make_pdf
from tests.policies.test_readers import HTML_PAGE
from tests.questionnaires import V1_KEYS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STATEMENT = """# Acme Help Desk Privacy Policy

Last updated: August 3, 2020

## Information we collect
We collect your device type, browser type and IP address. We use cookies and web beacons.
Our agents may remotely access your computer during a support session with your permission.

## Sharing
We do not sell your personal information. We may share it with service providers such as Stripe.

## Contact
Write to privacy@acme.example with any question.
"""


@pytest.fixture
def statement_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.md"
    path.write_text(STATEMENT, encoding="utf-8")
    return path


def run_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    call_command("extract_policy", str(path), "--format", "json")
    return json.loads(capsys.readouterr().out)


def assert_evidence_points_into(text: str, answers: dict) -> None:
    for key, answer in answers.items():
        evidence = answer["evidence"]
        assert (answer["value"] == "not_stated") == (not evidence), key
        for span in evidence:
            assert text[span["start"]:span["end"]] == span["text"], key


def test_json_output_follows_the_contract(statement_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = run_json(statement_path, capsys)
    stored = read_document(statement_path.read_bytes(), filename=statement_path.name).text

    assert set(output) == {"document", "answers"}
    assert output["document"] == {
        "sha256": hashlib.sha256(statement_path.read_bytes()).hexdigest(),
        "chars": len(stored),
        "format": "md",
    }
    assert list(output["answers"]) == list(QUESTION_KEYS) and QUESTION_KEYS == V1_KEYS
    for answer in output["answers"].values():
        assert set(answer) == {"value", "confidence", "evidence"} and 0 <= answer["confidence"] <= 1
    assert_evidence_points_into(stored, output["answers"])
    assert output["answers"]["policy.last_updated"]["value"] == "2020-08-03"
    assert output["answers"]["share.sells_data"]["value"] == "no"


@pytest.mark.parametrize(
    ("filename", "data", "key", "value"),
    [
        ("acme.html", HTML_PAGE.encode(), "collect.cookies", "yes"),
        ("acme.docx", make_docx(), "share.sells_data", "no"),
        ("acme.pdf", make_pdf([["Privacy Policy", "We use cookies."]]), "collect.cookies", "yes"),
    ],
)
def test_every_format_gives_evidence_inside_its_stored_text(filename: str, data: bytes, key: str, value: str) -> None:
    extraction = extract(data, filename=filename)
    contract = extraction.to_contract()

    assert contract["document"]["format"] == filename.rsplit(".", 1)[1]
    assert_evidence_points_into(extraction.document.text, contract["answers"])
    assert contract["answers"][key]["value"] == value


def test_detect_text_on_stored_text_matches_the_upload_time_answers() -> None:
    extraction = extract(HTML_PAGE.encode(), filename="acme.html")

    assert detect_text(extraction.document.text) == extraction.answers


def test_text_output_is_a_table_of_all_keys(statement_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("extract_policy", str(statement_path))
    lines = capsys.readouterr().out.splitlines()

    assert lines[0].startswith("acme.md: md, ") and lines[1].split() == ["key", "value", "conf", "evidence"]
    rows = {line.split()[0]: line for line in lines[2:]}
    assert list(rows) == list(QUESTION_KEYS)
    assert "2020-08-03" in rows["policy.last_updated"] and "Last updated: August 3, 2020" in rows["policy.last_updated"]
    assert rows["collect.credentials"].split()[1:] == ["not_stated", "0.00"]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "empty.txt", "The file is empty."),
        (b"%PDF-1.4 cut short", "broken.pdf", "truncated"),
        (b"MZ\x90\x00", "tool.exe", "Unsupported file type '.exe'"),
        (b"plain words", "fake.pdf", "is not a PDF"),
    ],
)
def test_unreadable_statement_is_a_command_error(tmp_path: Path, content: bytes, filename: str, message: str) -> None:
    path = tmp_path / filename
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as caught:
        call_command("extract_policy", str(path), "--format", "json")

    assert "\n" not in str(caught.value)


def test_missing_path_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("extract_policy", str(tmp_path / "missing.txt"))


def test_oversized_file_is_refused(statement_path: Path) -> None:
    with pytest.raises(CommandError, match="the limit is"):
        call_command("extract_policy", str(statement_path), "--max-bytes", "100")


def test_manage_py_exits_non_zero_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)

    result = subprocess.run(
        [sys.executable, "manage.py", "extract_policy", str(path), "--format", "json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=os.environ.copy(), timeout=120,
    )

    assert result.returncode != 0 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"CommandError: {path}: The file looks like binary data, not a text document."
    )


# What the command must not load: the Celery app, the PDF export, the web API and the services
# (with their webhooks and audit trail). Each costs start-up time on every call of the command.
_NOT_FOR_EXTRACTION = (
    "celery",
    "kombu",
    "weasyprint",
    "rest_framework.views",
    "policies.services",
    "charset_normalizer",
)


def test_manage_py_extract_policy_loads_only_what_it_uses(statement_path: Path) -> None:
    script = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_path('manage.py', run_name='__main__')\n"
        "finally:\n"
        f"    loaded = [name for name in {_NOT_FOR_EXTRACTION!r} if name in sys.modules]\n"
        "    sys.stderr.write('loaded: ' + ', '.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "extract_policy", str(statement_path), "--format", "json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=os.environ.copy(), timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["collect.cookies"]["value"] == "yes"
    assert result.stderr == "loaded: "


def test_tasks_bind_to_the_project_celery_app() -> None:
    # The app is no longer created when Django starts: the task modules create it on import.
    from assessments.tasks import deliver_webhook
    from policies.tasks import process_statement
    from vendorrisk.celery import app

    assert process_statement.app is app and deliver_webhook.app is app
    assert app.conf.task_acks_late is True  # configured from the Django settings
