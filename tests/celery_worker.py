"""A real Celery worker, in its own process, on the real Redis, against the test database.

Imported by tests/conftest.py, so worker and browser tests share one worker fixture.

The broker is a Redis database of the tests' own (``WORKER_TEST_BROKER_URL``, else
``CELERY_BROKER_URL`` unless that is database 0, else database 15), and within it a key
prefix of this run's own (``WORKER_TEST_KEY_PREFIX``, else ``vendorrisk-test-<pid>:``):
every broker key, queues and remote-control channels alike, carries the prefix, so runs
sharing a database never see each other's jobs, and only keys with this prefix are deleted,
never the whole database. The worker reads the test database that pytest-django created
(``test_`` + the configured name).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import redis
from django.db import connection

from vendorrisk.celery import app as celery_app

REPO = Path(__file__).resolve().parents[1]
CELERY = Path(sys.executable).with_name("celery")
DEFAULT_TEST_BROKER = "redis://127.0.0.1:6379/15"
START_TIMEOUT_SECONDS = 30
JOB_TIMEOUT_SECONDS = 30


def worker_broker_url() -> str:
    chosen = os.environ.get("WORKER_TEST_BROKER_URL") or os.environ.get("CELERY_BROKER_URL", "")
    # Database 0 is where a developer's own worker usually listens: never flush that one.
    if not chosen or urlsplit(chosen).path.strip("/") in ("", "0"):
        return DEFAULT_TEST_BROKER
    return chosen


def worker_key_prefix() -> str:
    return os.environ.get("WORKER_TEST_KEY_PREFIX") or f"vendorrisk-test-{os.getpid()}:"


def delete_prefixed(url: str, prefix: str) -> None:
    """Delete this run's broker keys, and only those."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        client.delete(*keys)


def worker_database_url() -> str:
    """The URL of the database the tests run on, i.e. the one pytest-django created."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


class Worker:
    """One ``celery worker`` process group, with its log kept for when a test fails."""

    def __init__(self, log_path: Path, broker_url: str, *, beat: bool = False, **env: str) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        self.log_path = log_path
        self.beat = beat
        self.env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_BROKER_KEY_PREFIX": worker_key_prefix(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            **env,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        command = [str(CELERY), "-A", "vendorrisk", "worker", "--pool=prefork", "--concurrency=1", "-n", self.name]
        command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        if self.beat:  # the periodic requeue, embedded, with its schedule file beside the log
            command += ["--beat", f"--schedule={self.log_path.with_suffix('.schedule')}"]
        with open(self.log_path, "ab") as log:
            # A session of its own, so killing the group takes the pool children too.
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_for_ping()
        return self

    def _wait_for_ping(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited at start-up:\n{self.log()}")
            if celery_app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise RuntimeError(f"The worker did not answer a ping in {START_TIMEOUT_SECONDS}s:\n{self.log()}")

    def pool_children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill(self) -> None:
        """SIGKILL the whole worker, as a crash or an OOM kill would."""
        self._kill_group()
        self.process.wait(timeout=10)

    def kill_main(self) -> None:
        """SIGKILL only the main process, leaving its pool children orphaned."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # cold shutdown: nothing here is worth waiting for
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self._kill_group()  # whatever is left of the group: orphaned pool children, a stuck main process

    def _kill_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]


def publish_to(url: str) -> None:
    """Make this process enqueue to ``url``, forgetting connections pooled for the broker before.

    Celery reads CELERY_BROKER_URL from the environment ahead of its configuration, so
    both change; its producer pool would otherwise keep publishing to the old broker.
    """
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = {
        **celery_app.conf.broker_transport_options,
        "global_keyprefix": worker_key_prefix(),
    }
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def broker_url() -> Iterator[str]:
    url = worker_broker_url()
    delete_prefixed(url, worker_key_prefix())
    previous = os.environ.get("CELERY_BROKER_URL"), celery_app.conf.broker_url
    publish_to(url)  # this process enqueues to the same place the worker reads
    yield url
    delete_prefixed(url, worker_key_prefix())
    publish_to(previous[0] or previous[1])
    if previous[0] is None:
        del os.environ["CELERY_BROKER_URL"]


@pytest.fixture(scope="module")
def start_worker(django_db_setup, broker_url, tmp_path_factory) -> Iterator[Callable[..., Worker]]:
    """``start_worker(**env)`` starts a worker and waits for its ping; all are stopped at the end."""
    workers: list[Worker] = []
    log_dir = tmp_path_factory.mktemp("worker-logs")

    def start(**env: str) -> Worker:
        worker = Worker(log_dir / f"worker-{len(workers)}.log", broker_url, **env)
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


def wait_for(condition: Callable[[], object], *, timeout: float = JOB_TIMEOUT_SECONDS, every: float = 0.05):
    """Poll until ``condition()`` is truthy and return it; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"Gave up waiting after {timeout}s")
