"""Start each app of the records API benchmark under the same gunicorn settings, and stop it.

All three apps run under one configuration (GUNICORN_SETTINGS):

- one worker process with 4 threads (`gthread`): one Python process can use at most one core
  (the GIL), which leaves the machine's other core to the load client, so client and server do
  not compete for CPU; with `SERVER_CPU`/`CLIENT_CPU` the two are pinned to different cores;
- `gthread` rather than `sync` because the sync worker closes the connection after every
  response, and the client keeps its connections alive, as browsers and API clients do;
- 4 threads for the client's 4 connections, so a request never waits on the socket while another
  waits on SQLite (a write lock, a WAL fsync);
- one worker and one SQLite file per app also means no cross-process write-lock contention, which
  would measure SQLite's busy-wait rather than the app.

Each app gets its own fresh folder (and so its own SQLite file in WAL mode).
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.records_api.load import HOST, TOKEN

ROOT = Path(__file__).resolve().parents[2]
THREADS = 4
GUNICORN_SETTINGS = (
    "--worker-class",
    "gthread",
    "--workers",
    "1",
    "--threads",
    str(THREADS),
    "--keep-alive",
    "75",
    "--timeout",
    "120",
    "--graceful-timeout",
    "5",
    "--log-level",
    "warning",
)
APPS = {
    "dabble": "bench.records_api.dabble_app:create_app()",
    "sqlmodel": "bench.records_api.handwritten_sqlmodel:create_app()",
    "raw_sqlite": "bench.records_api.raw_sqlite:create_app()",
}


def cpu_plan() -> tuple[int | None, set[int] | None]:
    """The core for the server and the cores for the client, or (None, None) when there are fewer than 2."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cores) < 2:
        return None, None
    return cores[-1], set(cores[:-1])


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn serving one app."""

    name: str
    port: int
    folder: Path
    process: subprocess.Popen
    log: Path

    def worker_pid(self) -> int:
        """The pid of gunicorn's (single) worker process: the master's child."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        if children.exists():
            found = children.read_text().split()
        else:
            found = [
                entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit() and _parent(entry) == master
            ]
        if len(found) != 1:
            raise RuntimeError(f"{self.name}: expected one gunicorn worker, found {found}")
        return int(found[0])

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the worker has used so far: what a request costs, whatever else runs."""
        fields = Path(f"/proc/{self.worker_pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Ask gunicorn to stop (SIGTERM: finish requests, then exit); kill its group if it does not."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group of the gunicorn we started, nothing else
            self.process.wait(timeout=5)


def start(name: str, folder: Path, *, cpu: int | None = None, ready_timeout: float = 60.0) -> Server:
    """Start gunicorn for one app on a free port with its data in `folder`; return once it answers HTTP."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "gunicorn.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        *GUNICORN_SETTINGS,
        "--bind",
        f"{HOST}:{port}",
        "--chdir",
        str(ROOT),
        APPS[name],
    ]
    environment = os.environ | {"BENCH_RECORDS_DIR": str(folder), "BENCH_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}

    def pin() -> None:
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})  # the master, and so the worker it forks

    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=pin,  # noqa: PLW1509 - runs before any client thread exists
        )
    server = Server(name, port, folder, process, log)
    try:
        _wait_until_ready(server, ready_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _parent(entry: Path) -> int | None:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _wait_until_ready(server: Server, timeout: float) -> None:
    """Poll until the server answers an HTTP request (any status: the routes are the app's business)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited at start ({server.process.returncode}):\n{server.log.read_text()}"
            )
        connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    raise RuntimeError(f"{server.name} did not answer within {timeout:.0f} s:\n{server.log.read_text()}")
