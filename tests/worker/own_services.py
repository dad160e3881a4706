"""A Redis server and a PostgreSQL cluster of a test's own, to stop and start without touching the shared ones.

Each takes the first free port of its range (Redis 16379-16399, PostgreSQL 55432-55499), keeps
its data in a temporary directory and is stopped by the test that started it.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

START_TIMEOUT_SECONDS = 30


def free_port(first: int, last: int) -> int:
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {first}-{last}")


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {START_TIMEOUT_SECONDS}s")
        time.sleep(0.05)


class OwnRedis:
    """``redis-server`` without persistence: a restart loses every queue, as a crashed broker would."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port(16379, 16399)
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> OwnRedis:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        with open(self.directory / "redis.log", "ab") as log:
            self.process = subprocess.Popen(command, cwd=self.directory, stdout=log, stderr=subprocess.STDOUT)
        wait_until(lambda: answers(self.port), "redis-server")
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


class OwnPostgres:
    """A throwaway PostgreSQL cluster (initdb into a temporary directory, trust authentication).

    PostgreSQL refuses to run as root, so under root the cluster runs as the ``postgres`` user.
    """

    def __init__(self) -> None:
        self.port = free_port(55432, 55499)
        directory = Path(tempfile.mkdtemp(prefix="vr-own-pg-"))
        self.directory = directory
        self.data = directory / "pgdata"
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.log = directory / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres")

    def _run(self, *command) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=60)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self) -> OwnPostgres:
        result = self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        assert result.returncode == 0, result.stderr
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")
        assert result.returncode == 0, result.stderr + self.log.read_text(errors="replace")[-2000:]

    def stop(self, mode: str = "immediate") -> None:
        """Stop the cluster; "immediate" drops every connection at once, as a crash would."""
        if (self.data / "postmaster.pid").exists():
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> None:
        result = self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name)
        assert result.returncode == 0, result.stderr

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
