"""The broker restarts without persistence (every queue lost): each statement is still read exactly once.

The broker here is a ``redis-server`` of this module's own, killed and started again on its port.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import AuditEvent
from policies.models import Statement
from tests.celery_worker import publish_to, wait_for
from tests.factories import VendorFactory
from tests.worker.own_services import OwnRedis
from tests.worker.test_killed_worker import BIG, RECOVERY

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory):
    server = OwnRedis(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def broker_url(own_redis):
    """Overrides the shared broker: this module's jobs go to its own redis-server."""
    from vendorrisk.celery import app as celery_app

    previous = celery_app.conf.broker_url
    publish_to(own_redis.url)
    yield own_redis.url
    publish_to(previous)


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker(beat=True, **RECOVERY)


def restart(server: OwnRedis) -> None:
    server.kill()
    server.start()


def add(client, vendor, name: str, content: bytes) -> Statement:
    response = client.post(f"/vendors/{vendor.pk}/statements/upload/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:300]
    return Statement.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def done_once(statements: list[Statement]) -> None:
    ids = [statement.pk for statement in statements]
    active = Statement.objects.filter(pk__in=ids, status__in=Statement.ACTIVE_STATUSES)
    wait_for(lambda: not active.exists(), timeout=60)
    for statement in Statement.objects.filter(pk__in=ids):
        assert statement.status == "done", statement.error
        assert AuditEvent.objects.filter(kind="job_done", data__statement=statement.pk).count() == 1


def test_a_statement_added_while_the_broker_is_down_is_read_once_it_is_back(
    worker, own_redis, client_for, requester, vendor
):
    client = client_for(requester)
    own_redis.kill()
    statement = add(client, vendor, "fixitnow.txt", (DEMO / "fixitnow.txt").read_bytes())
    assert statement.status == "queued"  # saved, though the job could not be queued
    progress = f"/statements/{statement.pk}/progress/"
    wait_for(lambda: "The queue is unavailable" in client.get(progress).content.decode(), timeout=20)
    own_redis.start()
    done_once([statement])


def test_a_broker_restart_mid_job_loses_no_statement(worker, own_redis, client_for, requester, vendor):
    client = client_for(requester)
    running = add(client, vendor, "big.txt", BIG.encode())
    other = VendorFactory(name="Other Desk", business_owner=requester, created_by=requester)
    waiting = add(client, other, "fixitnow.txt", (DEMO / "fixitnow.txt").read_bytes())
    wait_for(lambda: Statement.objects.get(pk=running.pk).status == "detecting")
    restart(own_redis)  # the waiting job's message is gone with the queue
    done_once([running, waiting])
