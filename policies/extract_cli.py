"""``extract_policy``: answer a questionnaire template from one file, with or without Django.

The engine needs neither the database, the settings nor the app registry, and starting Django
costs more than reading a short statement. So ``manage.py extract_policy`` runs :func:`main`
before Django is set up (see ``manage.py``), and the management command (for ``call_command``
and ``manage.py help``) is a thin wrapper over the same :func:`add_arguments` and :func:`extract`.
Both print one line ``CommandError: ...`` on stderr and exit 1 for any bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from assessments.questionnaire import UnknownTemplate, questionnaire_find
from policies.extraction.errors import ExtractionError
from policies.extraction.pipeline import Extraction, extract_file
from policies.extraction.readers import DEFAULT_MAX_BYTES

HELP = (
    "Read a vendor document (.txt, .md, .html, .pdf, .docx) and print the answers of a questionnaire "
    "template with evidence."
)
_QUOTE_CHARS = 90
# The v1 contract of questionnaire.md: without --template the command answers that template.
DEFAULT_TEMPLATE = "helpdesk-privacy-v1"


class ExtractError(Exception):
    """Bad input, in one line for stderr."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the statement file")
    parser.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        help="questionnaire template: slug-vN, or a slug for its latest version "
        f"(default {DEFAULT_TEMPLATE}; e.g. helpdesk-privacy-v2, gdpr-art28)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files")


def extract(options: dict) -> str:
    """The command's output for parsed ``options``; :class:`ExtractError` for bad input."""
    path = options["path"]
    try:
        template = questionnaire_find(options["template"])
    except UnknownTemplate as error:
        raise ExtractError(str(error)) from None
    try:
        extraction = extract_file(path, max_bytes=options["max_bytes"], detector_set=template["detector_set"])
    except ExtractionError as error:
        raise ExtractError(f"{path}: {error}") from error
    except OSError as error:
        raise ExtractError(f"{path}: cannot read the file ({error.strerror or error}).") from error
    # In the template's question order (the set fills exactly those keys: checked at start-up).
    order = [question["key"] for question in template["questions"]]
    extraction = replace(extraction, answers={key: extraction.answers[key] for key in order})
    if options["output_format"] == "json":
        return json.dumps(extraction.to_contract(), ensure_ascii=False)
    return format_table(extraction)


def main(argv: list[str]) -> int:
    """``manage.py extract_policy ARGS`` without Django; the exit status."""
    parser = argparse.ArgumentParser(prog="manage.py extract_policy", description=HELP)
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        output = extract(options)
    except ExtractError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return 1
    sys.stdout.write(output + "\n")
    return 0


def format_table(extraction: Extraction) -> str:
    """An aligned table: key, value, confidence and the first evidence quote, shortened."""
    document, answers = extraction.document, extraction.answers
    key_width = max(len(key) for key in answers)
    value_width = max(len(answer.value) for answer in answers.values())
    lines = [
        f"{document.metadata.get('filename', '')}: {document.format}, {len(document.text)} chars, "
        f"sha256 {document.sha256[:12]}",
        f"{'key':{key_width}}  {'value':{value_width}}  {'conf':>4}  evidence",
    ]
    for key, answer in answers.items():
        quote = _shorten(answer.evidence[0].text) if answer.evidence else ""
        more = f" (+{len(answer.evidence) - 1} more)" if len(answer.evidence) > 1 else ""
        lines.append(f"{key:{key_width}}  {answer.value:{value_width}}  {answer.confidence:4.2f}  {quote}{more}")
    return "\n".join(lines)


def _shorten(quote: str) -> str:
    folded = " ".join(quote.split())
    return folded if len(folded) <= _QUOTE_CHARS else folded[: _QUOTE_CHARS - 3].rstrip() + "..."
