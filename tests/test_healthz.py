import json

import pytest
from django.db.utils import OperationalError

from assessments import health

pytestmark = pytest.mark.django_db
TOKEN = "healthz-test-token"


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setattr(health, "broker_state", lambda: {"ok": True, "workers": 2})


def test_anonymous_callers_see_only_the_status(client, two_workers):
    response = client.get("/healthz")
    assert response.status_code == 200 and json.loads(response.content) == {"status": "ok"}


def test_admins_see_database_broker_and_workers(client_for, site_admin, two_workers):
    body = json.loads(client_for(site_admin).get("/healthz").content)
    assert body["database"]["ok"] is True and body["workers"] == 2 and body["status"] == "ok"


def test_the_token_shows_the_details_and_a_wrong_one_does_not(client, settings, two_workers):
    settings.HEALTHZ_TOKEN = TOKEN
    assert "workers" in json.loads(client.get("/healthz", headers={"Authorization": f"Bearer {TOKEN}"}).content)
    assert json.loads(client.get("/healthz", headers={"Authorization": "Bearer guess"}).content) == {"status": "ok"}


def test_requesters_do_not_see_the_details(client_for, requester, two_workers):
    assert json.loads(client_for(requester).get("/healthz").content) == {"status": "ok"}


def test_healthz_answers_503_down_when_the_database_is_down(client, settings, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    settings.HEALTHZ_TOKEN = TOKEN
    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    monkeypatch.setattr(health, "broker_state", lambda: {"ok": True, "workers": 0})
    response = client.get("/healthz", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "down" and "Connection refused" in body["database"]["error"]


def test_healthz_says_when_the_broker_is_down(client_for, site_admin, broker_down):
    body = json.loads(client_for(site_admin).get("/healthz").content)
    assert body["broker"]["ok"] is False and body["workers"] == 0 and body["status"] == "degraded"
