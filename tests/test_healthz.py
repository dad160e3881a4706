import json

import pytest
from django.db.utils import OperationalError

from assessments import health


@pytest.mark.django_db
def test_healthz_reports_database_broker_and_workers(client, monkeypatch):
    monkeypatch.setattr(health, "broker_state", lambda: {"ok": True, "workers": 2})
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["database"]["ok"] is True and body["workers"] == 2 and body["status"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    monkeypatch.setattr(health, "broker_state", lambda: {"ok": True, "workers": 0})
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["database"]["ok"] is False and "Connection refused" in body["database"]["error"]


@pytest.mark.django_db
def test_healthz_says_when_the_broker_is_down(client, broker_down):
    body = json.loads(client.get("/healthz").content)
    assert body["broker"]["ok"] is False and body["workers"] == 0 and body["status"] == "degraded"
