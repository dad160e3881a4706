#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorrisk.settings")
    # manage.py is the developer's and analyst's tool: it defaults to debug so commands such
    # as extract_policy run on a fresh checkout. Servers start through wsgi.py and the Celery
    # app, which default to debug off and so demand a real DJANGO_SECRET_KEY.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    if sys.argv[1:2] == ["extract_policy"]:
        # The engine alone: no database, settings or app registry, so Django is not started
        # (it would cost more than reading a short statement). Same code as the command.
        from policies.extract_cli import main as extract_policy

        sys.exit(extract_policy(sys.argv[2:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
