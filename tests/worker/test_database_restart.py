"""PostgreSQL restarts under a running web server: an outage page that says nothing was lost, and no
failed request once it is back.

gunicorn (one process, one thread, so one kept connection) runs the app against a cluster of
this module's own, which is stopped with ``-m immediate`` (every connection cut, as a crash)
and started again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.worker.own_services import OwnPostgres, answers, free_port, wait_until

pytestmark = pytest.mark.worker

REPO = Path(__file__).resolve().parents[2]
CSRF = "a" * 32  # an unmasked CSRF secret, sent as cookie and header alike
SESSION_SCRIPT = """
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
user = User.objects.create_user("rita", password=None)
user.groups.add(Group.objects.get(name="Requester"))
session = SessionStore()
session.update({"_auth_user_id": str(user.pk), "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash()})
session.create()
print(session.session_key)
"""


@pytest.fixture(scope="module")
def cluster():
    postgres = OwnPostgres().init()
    postgres.start()
    postgres.create_database("vendorrisk")
    yield postgres
    postgres.remove()


def app_env(cluster: OwnPostgres, **extra: str) -> dict:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return {
        **base,
        "DATABASE_URL": cluster.url("vendorrisk"),
        "DJANGO_SECRET_KEY": "database-restart-test-" + "k" * 40,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_MANIFEST_STATIC": "false",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        **extra,
    }


@pytest.fixture(scope="module")
def session_key(cluster) -> str:
    env = app_env(cluster)
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run([*manage, "migrate", "-v0"], cwd=REPO, env=env, capture_output=True, text=True)
    assert migrated.returncode == 0, migrated.stderr
    made = subprocess.run([*manage, "shell", "-c", SESSION_SCRIPT], cwd=REPO, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


@pytest.fixture
def server(cluster, session_key, tmp_path):
    port = free_port(18000, 18099)
    command = [str(Path(sys.executable).with_name("gunicorn")), "vendorrisk.wsgi", "--workers=1", "--threads=1"]
    command += [f"--bind=127.0.0.1:{port}", "--log-level=warning"]
    with open(tmp_path / "gunicorn.log", "ab") as log:
        process = subprocess.Popen(command, cwd=REPO, env=app_env(cluster), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: answers(port), "gunicorn")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def request(url: str, session_key: str, data: bytes | None = None) -> tuple[int, str]:
    headers = {"Cookie": f"sessionid={session_key}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_first_request_after_a_restart_while_idle_does_not_fail(cluster, server, session_key):
    status, _ = request(f"{server}/vendors/", session_key)
    assert status == 200  # the process now keeps a connection
    cluster.stop()
    cluster.start()
    # The kept connection died with the server unnoticed; the health check replaces it before use.
    for _ in range(3):
        status, page = request(f"{server}/vendors/", session_key)
        assert status == 200, page[:300]


def test_an_outage_answers_a_page_that_says_nothing_was_lost_and_requests_work_once_it_is_back(
    cluster, server, session_key
):
    assert request(f"{server}/vendors/", session_key)[0] == 200
    cluster.stop()
    status, page = request(f"{server}/vendors/", session_key)
    assert status == 503 and "Nothing that was saved before is lost" in page and "vendorrisk" in page
    status, page = request(f"{server}/vendors/new/", session_key, data=b"name=Acme&business_owner=1")
    assert status == 503 and "was <strong>not saved</strong>" in page
    cluster.start()
    status, page = request(f"{server}/vendors/", session_key)
    assert status == 200, page[:300]
