"""Celery tasks for statements. Thin: take ids, call a service, decide only about retrying.

Delivery guarantees come from the settings (``CELERY_TASK_ACKS_LATE`` and
``CELERY_TASK_REJECT_ON_WORKER_LOST``), repeated on the task so they hold even if the
global settings change: a job whose worker dies is delivered again, and the service is
safe to run twice.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from policies.models import MonitoredDocument, Statement
from policies.monitoring import monitored_document_check, monitored_document_failed, monitoring_claim_due
from policies.processing import statement_fail, statement_process, statements_requeue_stuck
from vendorrisk.celery import app as _celery_app  # noqa: F401  (the app the shared tasks bind to)

# Only failures of the database or the broker are worth trying again: the statement itself
# fails at once inside the service, with its reason.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, RedisConnectionError, RedisTimeoutError)
MAX_RETRIES = 5
UNEXPECTED_FAILURE = "An unexpected error stopped the job (it is logged for the team); retry, or try another format."
OUT_OF_MEMORY = "Reading the statement needed more memory than a job may use; try a smaller or simpler file."
UNEXPECTED_CHECK_FAILURE = "An unexpected error stopped the check (it is logged for the team); it is tried again."
logger = logging.getLogger(__name__)
RETRY_BACKOFF_MAX_SECONDS = 60
# How a job meets a database or broker hiccup: retried with jittered exponential backoff.
RETRY_TRANSIENT = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
}


@shared_task(
    name="policies.tasks.process_statement",
    acks_late=True,
    reject_on_worker_lost=True,
    **RETRY_TRANSIENT,
)
def process_statement(statement_id: int) -> None:
    """Read a statement and auto-fill its vendor's questionnaire; fail it if it takes too long."""
    if not Statement.objects.filter(pk=statement_id).exists():
        return
    try:
        with statement_heartbeat(statement_id):
            statement_process(statement_id=statement_id)
    except SoftTimeLimitExceeded:
        limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
        statement_fail(
            statement_id=statement_id,
            reason=f"Reading the statement took too long (more than {limit} seconds); try a shorter or simpler file.",
        )
    except MemoryError:
        # The pool process's address-space cap (vendorrisk/celery.py) stopped a runaway document.
        statement_fail(statement_id=statement_id, reason=OUT_OF_MEMORY)
    except TRANSIENT_ERRORS:
        raise  # retried with backoff by autoretry_for
    except Exception:
        # A bug, not the user's doing: fail now with a reason rather than leave the job
        # to be requeued as stuck for an hour; the traceback goes to the log.
        logger.exception("Auto-fill of statement %s failed unexpectedly", statement_id)
        statement_fail(statement_id=statement_id, reason=UNEXPECTED_FAILURE)


@contextmanager
def statement_heartbeat(statement_id: int) -> Iterator[None]:
    """While the job runs, refresh the statement's ``status_changed_at`` every few seconds.

    A job whose worker was killed stops beating, so the periodic requeue can tell it from a
    long one within STATEMENT_STUCK_AFTER_SECONDS instead of waiting out the time limit.
    """
    stop = threading.Event()
    thread = threading.Thread(target=_beat, args=(statement_id, stop), name=f"heartbeat-{statement_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def _beat(statement_id: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.STATEMENT_HEARTBEAT_SECONDS):
            try:
                Statement.objects.filter(pk=statement_id, status__in=Statement.ACTIVE_STATUSES).update(
                    status_changed_at=timezone.now()
                )
            except (OperationalError, InterfaceError):
                connection.close()  # the database is away; try again on the next beat
    finally:
        connection.close()  # this thread's own connection


@shared_task(name="policies.tasks.requeue_stuck_statements", acks_late=True, ignore_result=True)
def requeue_stuck_statements() -> int:
    """Periodic: queue again the silent jobs the broker lost or whose worker died."""
    return statements_requeue_stuck()


@shared_task(name="policies.tasks.monitor_documents_due", acks_late=True, ignore_result=True)
def monitor_documents_due() -> int:
    """Periodic: claim the monitored documents that are due and queue one check for each.

    A check whose message is lost (broker down) is made again once its claim's lease runs out.
    """
    claimed = monitoring_claim_due()
    for monitored_id in claimed:
        check_monitored_document.delay(monitored_id)
    return len(claimed)


@shared_task(
    name="policies.tasks.check_monitored_document",
    acks_late=True,
    ignore_result=True,
    **RETRY_TRANSIENT,
)
def check_monitored_document(monitored_id: int) -> None:
    """Fetch one monitored document again; a new version, a "checked at", or a recorded failure."""
    try:
        monitored_document_check(monitored_id=monitored_id)
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        # A bug: record it as a failed attempt, so the document backs off instead of being lost.
        logger.exception("Check of monitored document %s failed unexpectedly", monitored_id)
        monitored = MonitoredDocument.objects.select_related("vendor", "kind").filter(pk=monitored_id).first()
        if monitored is not None:
            monitored_document_failed(monitored=monitored, reason=UNEXPECTED_CHECK_FAILURE, now=timezone.now())
