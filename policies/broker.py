"""What the broker and the live workers hold of the statement jobs, read through Celery and kombu.

The periodic requeue asks this before it queues a silent job again: a job still waiting in
the queue, or held by a worker that answers, is left alone; a job the broker lost (Redis
restarted without persistence, or a publish that failed while it was down) is queued
again; a job delivered to a worker that is gone is put back with kombu's own restore, so
there is still one message for it.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass, field

from vendorrisk.celery import app as celery_app

TASK_NAME = "policies.tasks.process_statement"
INSPECT_TIMEOUT_SECONDS = 1.0
logger = logging.getLogger(__name__)


@dataclass
class BrokerView:
    """Statement ids waiting in the queue, delivered but unacknowledged (with their tags), held by live workers."""

    waiting: set[int] = field(default_factory=set)
    unacked: dict[int, list[str]] = field(default_factory=dict)
    held_by_workers: set[int] = field(default_factory=set)


def broker_view() -> BrokerView | None:
    """A snapshot of the statement jobs the broker and the workers have, or None if the broker cannot be read."""
    try:
        with celery_app.connection_for_read() as connection:
            channel = connection.default_channel
            view = BrokerView(waiting=_waiting(channel), unacked=_unacked(channel))
    except Exception:  # kombu raises a zoo of transport errors; all mean "cannot see the broker now"
        logger.warning("Could not read the broker to requeue lost jobs", exc_info=True)
        return None
    view.held_by_workers = _held_by_live_workers()
    return view


def broker_restore(tags: list[str]) -> None:
    """Put delivered-but-unacknowledged messages back at the head of their queue (kombu's restore)."""
    with celery_app.connection_for_write() as connection:
        qos = connection.default_channel.qos
        for tag in tags:
            qos.restore_by_tag(tag, leftmost=True)


def _waiting(channel) -> set[int]:
    queue = celery_app.conf.task_default_queue
    keys = dict.fromkeys(channel._q_for_pri(queue, priority) for priority in channel.priority_steps)
    found: set[int] = set()
    for key in keys:
        # kombu prefixes the keys of the commands it uses itself; LRANGE and HGETALL are not among them.
        for raw in channel.client.lrange(channel.global_keyprefix + key, 0, -1):
            found.update(_statement_ids([json.loads(raw)]))
    return found


def _unacked(channel) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for tag, raw in channel.client.hgetall(channel.global_keyprefix + channel.unacked_key).items():
        payload = json.loads(raw)[0]
        for statement_id in _statement_ids([payload]):
            found.setdefault(statement_id, []).append(tag.decode() if isinstance(tag, bytes) else tag)
    return found


def _statement_ids(payloads: list[dict]) -> set[int]:
    ids = set()
    for payload in payloads:
        if payload.get("headers", {}).get("task") != TASK_NAME:
            continue
        body = payload.get("body", "")
        if payload.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]
        if args:
            ids.add(int(args[0]))
    return ids


def _held_by_live_workers() -> set[int]:
    """Statement ids a worker that answers now is running or has reserved."""
    inspect = celery_app.control.inspect(timeout=INSPECT_TIMEOUT_SECONDS)
    held: set[int] = set()
    for replies in (inspect.active() or {}, inspect.reserved() or {}):
        for tasks in replies.values():
            held.update(int(task["args"][0]) for task in tasks if task.get("name") == TASK_NAME and task.get("args"))
    return held


# --- what a waiting job's page says --------------------------------------------------------------

STATE_CACHE_SECONDS = 5.0
_state_cache: dict[str, tuple[float, object]] = {}


def queue_state() -> tuple[bool, int]:
    """(broker reachable, live worker count), cached a few seconds per process: pages poll it every second."""
    import time

    cached = _state_cache.get("state")
    if cached and time.monotonic() - cached[0] < STATE_CACHE_SECONDS:
        return cached[1]
    from assessments.health import broker_state

    state = broker_state(timeout=0.5)
    result = (bool(state["ok"]), int(state.get("workers", 0)))
    _state_cache["state"] = (time.monotonic(), result)
    return result
