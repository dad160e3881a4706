"""``manage.py extract_policy PATH [--template KEY] [--format json|text]``: answer a questionnaire from a file."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.questionnaire import UnknownTemplate, questionnaire_find
from policies.extraction.errors import ExtractionError
from policies.extraction.pipeline import Extraction, extract_file
from policies.extraction.readers import DEFAULT_MAX_BYTES

_QUOTE_CHARS = 90
# The v1 contract of questionnaire.md: without --template the command answers that template.
DEFAULT_TEMPLATE = "helpdesk-privacy-v1"


class Command(BaseCommand):
    help = (
        "Read a vendor document (.txt, .md, .html, .pdf, .docx) and print the answers of a questionnaire "
        "template with evidence."
    )
    # The engine needs neither the database nor the URLconf; the system checks would load both
    # (and every view module behind them), which costs more than reading a short statement.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the statement file")
        parser.add_argument(
            "--template",
            default=DEFAULT_TEMPLATE,
            help="questionnaire template: slug-vN, or a slug for its latest version "
            f"(default {DEFAULT_TEMPLATE}; e.g. helpdesk-privacy-v2, gdpr-art28)",
        )
        parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
        parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            template = questionnaire_find(options["template"])
        except UnknownTemplate as error:
            self.stderr.write(str(error))
            sys.exit(1)
        try:
            extraction = extract_file(path, max_bytes=options["max_bytes"], detector_set=template["detector_set"])
        except ExtractionError as error:
            raise CommandError(f"{path}: {error}") from error
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror or error}).") from error
        # In the template's question order (the set fills exactly those keys: checked at start-up).
        order = [question["key"] for question in template["questions"]]
        extraction = replace(extraction, answers={key: extraction.answers[key] for key in order})
        if options["output_format"] == "json":
            self.stdout.write(json.dumps(extraction.to_contract(), ensure_ascii=False))
        else:
            self.stdout.write(format_table(extraction))


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
