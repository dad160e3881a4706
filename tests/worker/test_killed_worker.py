"""A worker killed in the middle of a job: the job is delivered again and completes exactly once."""

import os
import signal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Answer, Assessment, AuditEvent
from policies.models import Statement
from tests.celery_worker import wait_for
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
# Big enough that detection takes a few seconds, so the kill lands mid-job.
BIG = ((DEMO / "fixitnow.txt").read_text() + "\n\n") * 2200


def upload_big(client, vendor) -> Statement:
    response = client.post(
        f"/vendors/{vendor.pk}/statements/upload/", {"file": SimpleUploadedFile("big.txt", BIG.encode())}
    )
    assert response.status_code == 302
    return Statement.objects.get(vendor=vendor)


def status_of(statement: Statement) -> str:
    statement.refresh_from_db()
    return statement.status


def assert_completed_once(statement: Statement, attempts: tuple[int, ...] = (2,)) -> None:
    # The requeue gives the job back about RECOVERY seconds after its last heartbeat; well within 60 s.
    wait_for(lambda: status_of(statement) in ("done", "failed"), timeout=60)
    assert statement.status == "done", statement.error
    assert statement.attempts in attempts  # the killed run and the one that finished
    assert Assessment.objects.count() == 1 and Answer.objects.count() == V1_QUESTION_COUNT
    assert AuditEvent.objects.filter(kind="job_done").count() == 1


# A restarted worker runs the periodic requeue (embedded beat) every second; a job silent for
# three seconds that no live worker holds is given back. The visibility timeout stays at its
# default (minutes): the recovery does not depend on it.
RECOVERY = {
    "STATEMENT_HEARTBEAT_SECONDS": "1",
    "STATEMENT_STUCK_AFTER_SECONDS": "3",
    "STATEMENT_REQUEUE_EVERY_SECONDS": "1",
}


def test_the_job_of_a_killed_worker_completes_once_after_a_restart(start_worker, client_for, requester, vendor):
    first = start_worker(**RECOVERY)
    statement = upload_big(client_for(requester), vendor)
    wait_for(lambda: status_of(statement) == "detecting")
    first.kill()
    assert status_of(statement) == "detecting"  # left mid-job, unacknowledged in Redis
    restarted = start_worker(beat=True, **RECOVERY)
    try:
        assert_completed_once(statement)
    finally:
        restarted.stop()  # the next test must be the only consumer of the queue


def test_a_job_whose_main_worker_process_is_killed_completes_once(start_worker, client_for, requester, vendor):
    first = start_worker(**RECOVERY)
    statement = upload_big(client_for(requester), vendor)
    wait_for(lambda: status_of(statement) == "detecting")
    first.kill_main()  # the orphaned pool process may still finish the job; the requeue must not repeat it
    restarted = start_worker(beat=True, **RECOVERY)
    try:
        assert_completed_once(statement, attempts=(1, 2))
    finally:
        restarted.stop()
        first.stop()


def test_the_job_of_a_killed_pool_process_is_redelivered(start_worker, client_for, requester, vendor):
    worker = start_worker()
    try:
        statement = upload_big(client_for(requester), vendor)
        wait_for(lambda: status_of(statement) == "detecting")
        (child,) = worker.pool_children()
        os.kill(child, signal.SIGKILL)
        assert_completed_once(statement)
    finally:
        worker.stop()
