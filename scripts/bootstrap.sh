#!/usr/bin/env bash
# Create .venv and install the pinned requirements (plus test tools with --dev).
# Re-running is cheap: pip is skipped while the requirement files are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=requirements.txt
[ "${1:-}" = "--dev" ] && requirements=requirements-dev.txt
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  # The distribution's pip 23 skips lxml's html_clean extra that trafilatura needs.
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
stamp=".venv/.installed-$(cat requirements.txt "$requirements" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet -r "$requirements"
  touch "$stamp"
fi
