"""Dabble under gunicorn (gthread workers) as a separate process group: start, wait until it answers, stop or SIGKILL.

Servers are forked by a launcher (bench/robustness/forkserver.py) that has imported Dabble once,
so a start costs gunicorn's own start and each worker's create_app(), not seconds of imports.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from gunicorn import config as gunicorn_config

from bench.robustness.databases import Database

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
APP = "runtime.app:create_app()"
# gunicorn 24+ opens a control socket at one fixed path per user; servers running side by side must not share it.
NO_CONTROL_SOCKET = (
    ("--no-control-socket",)
    if any(setting.name == "control_socket_disable" for setting in gunicorn_config.KNOWN_SETTINGS)
    else ()
)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Launcher:
    """The fork server process: spawns gunicorns on request; close it when done."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.robustness.forkserver"],
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def spawn(self, arguments: list[str], environment: dict[str, str], log: Path) -> int:
        """Start a gunicorn; its pid, which is also its process group."""
        command = {"arguments": arguments, "environment": environment, "log": str(log)}
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("the fork server exited")
        return int(answer)

    def close(self) -> None:
        """End the fork server (it exits when its input closes)."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process.stdout.close()

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


@dataclass
class Server:
    """gunicorn serving Dabble on one database: `workers` processes of `threads` threads each."""

    launcher: Launcher
    database: Database
    workers: int = 4
    threads: int = 4
    port: int = field(default_factory=free_port)
    pid: int | None = None
    starts: int = 0

    @property
    def log(self) -> Path:
        """gunicorn's output, appended over restarts."""
        return self.database.instance.parent / "gunicorn.log"

    def start(self, ready_timeout: float = 90.0) -> None:
        """Start gunicorn in a new process group on the same port as before, and wait until it answers."""
        arguments = [
            "--worker-class",
            "gthread",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--bind",
            f"{HOST}:{self.port}",
            "--limit-request-line",
            "16384",  # as the README's gunicorn command: list filters travel in the URL
            "--keep-alive",
            "30",
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
            *NO_CONTROL_SOCKET,
            "--chdir",
            str(ROOT),
            APP,
        ]
        self.pid = self.launcher.spawn(arguments, self.database.settings(), self.log)
        self.starts += 1
        self._wait_until_ready(ready_timeout)

    def alive(self) -> bool:
        """Whether any process of this server's group is still there."""
        if self.pid is None:
            return False
        try:
            os.killpg(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the process group this server started)."""
        if self.alive():
            os.killpg(self.pid, signal.SIGKILL)
        self._wait_until_gone(30)
        self.pid = None

    def stop(self) -> None:
        """Stop gracefully (SIGTERM to the master); SIGKILL the group when it does not stop in time."""
        if not self.alive():
            self.pid = None
            return
        os.kill(self.pid, signal.SIGTERM)
        if not self._wait_until_gone(20):
            self.kill()
        self.pid = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"gunicorn exited at start:\n{self._log_tail()}")
            connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
            try:
                connection.request("GET", "/api/health")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self._log_tail()}")

    def _wait_until_gone(self, timeout: float) -> bool:
        """Wait until no process of the group is left (the launcher reaps them); whether they all went."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
