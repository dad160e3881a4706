"""``manage.py extract_policy PATH [--template KEY] [--format json|text]``: answer a questionnaire from a file.

``manage.py`` runs :mod:`policies.extract_cli` itself, before Django starts; this command is
the same code for ``call_command`` and ``manage.py help``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from policies import extract_cli


class Command(BaseCommand):
    help = extract_cli.HELP
    # The engine needs neither the database nor the URLconf; the system checks would load both.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        extract_cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(extract_cli.extract(options))
        except extract_cli.ExtractError as error:
            raise CommandError(str(error)) from error
