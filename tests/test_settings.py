"""Settings read from the environment: production refuses unsafe defaults and passes the deploy check."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k3y-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "vendorrisk.example.com",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def manage(*args, **env):
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AXES_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_refuses_the_default_secret_key():
    result = manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "refusing to start with debug off on the default key" in result.stderr


def test_a_malformed_setting_stops_start_up_with_its_name():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0 and "DJANGO_DEBUG must be true or false" in result.stderr


def test_a_monitoring_interval_below_one_stops_start_up():
    result = manage("check", DOCUMENT_MONITOR_DEFAULT_DAYS="0")
    assert result.returncode != 0 and "DOCUMENT_MONITOR_DEFAULT_DAYS must be at least 1, not 0" in result.stderr


def test_debug_off_refuses_a_short_secret_key():
    result = manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 49)
    assert result.returncode != 0 and "shorter than 50" in result.stderr


def test_passwords_need_twelve_characters_and_must_not_resemble_the_user(db):
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User(username="margaretha", first_name="Margaretha")
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tr0ub4dor&3", user)
    with pytest.raises(ValidationError, match="too similar"):
        validate_password("margaretha-2026", user)
    validate_password("correct horse battery staple", user)
