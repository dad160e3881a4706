#!/usr/bin/env bash
# The whole test suite, on PostgreSQL with a real Celery worker on Redis and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
scripts/bootstrap.sh --dev
# A superuser's URL: tests/conftest.py has it create the app's two roles and the test database
# (scripts/create_database.py), migrates as vendorrisk_owner and runs the tests as vendorrisk_app.
export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vendorrisk}"
.venv/bin/ruff check .
.venv/bin/bandit -q -c pyproject.toml -r vendorrisk assessments policies --severity-level high
exec .venv/bin/python -m pytest "$@"
