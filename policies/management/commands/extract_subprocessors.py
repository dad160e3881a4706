"""``manage.py extract_subprocessors PATH [--format json|text]``: the sub-processors a list names."""
from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from policies.extraction.errors import ExtractionError
from policies.extraction.readers import DEFAULT_MAX_BYTES
from policies.extraction.subprocessors import Subprocessor, subprocessors_from_file


class Command(BaseCommand):
    help = "Read a sub-processor list (.txt, .md, .html, .pdf, .docx) and print its entries with evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the sub-processor list file")
        parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
        parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            _, rows = subprocessors_from_file(path, max_bytes=options["max_bytes"])
        except ExtractionError as error:
            raise CommandError(f"{path}: {error}") from error
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror or error}).") from error
        if options["output_format"] == "json":
            contract = {"subprocessors": [row.to_contract() for row in rows]}
            self.stdout.write(json.dumps(contract, ensure_ascii=False))
        else:
            self.stdout.write(format_rows(rows))


def format_rows(rows: list[Subprocessor]) -> str:
    """One line per entry: name, countries (and regions), customer content, purpose."""
    if not rows:
        return "No sub-processors found."
    width = min(max(len(row.name) for row in rows), 45)
    lines = []
    for row in rows:
        places = ", ".join((*row.countries, *row.regions)) or "-"
        lines.append(f"{row.name[:width]:{width}}  {places:14}  {row.customer_content.value:10}  {row.purpose[:60]}")
    return "\n".join(lines)
