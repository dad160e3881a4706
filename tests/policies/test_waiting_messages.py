"""A job that has not moved says why on its card, instead of "Queued 0%" for ever."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from policies.models import Statement
from policies.services import statement_add_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text="We collect e-mail addresses.")
    Statement.objects.filter(pk=statement.pk).update(status_changed_at=timezone.now() - timedelta(seconds=20))
    return statement


def card(client, statement, *, reachable: bool, workers: int) -> str:
    with mock.patch("policies.broker.queue_state", return_value=(reachable, workers)):
        return client.get(f"/statements/{statement.pk}/progress/").content.decode()


def test_no_worker_running(client_for, requester, waiting):
    assert "Waiting for a worker: none is running" in card(client_for(requester), waiting, reachable=True, workers=0)


def test_others_ahead(client_for, requester, waiting):
    page = card(client_for(requester), waiting, reachable=True, workers=2)
    assert "Waiting for a worker: other statements are being read first" in page


def test_queue_down(client_for, requester, waiting):
    page = card(client_for(requester), waiting, reachable=False, workers=0)
    assert "The queue is unavailable: your statement is saved and will be read when it is back" in page


def test_a_worker_that_stopped_mid_job(client_for, requester, waiting):
    Statement.objects.filter(pk=waiting.pk).update(status="detecting")
    page = card(client_for(requester), waiting, reachable=True, workers=1)
    assert "The worker reading this statement stopped" in page


def test_a_fresh_job_says_nothing_more(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text="We sell nothing.")
    assert "statement-waiting" not in card(client_for(requester), statement, reachable=False, workers=0)
