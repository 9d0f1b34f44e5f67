"""Where sweeps run: APScheduler inside `dabble serve` on the embedded SQLite default, `dabble worker` on PostgreSQL
(DABBLE_SCHEDULER); both start, sweep and stop cleanly. Real time here: the task is overdue by days."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from runtime.app import create_app
from runtime.database import ENGINE_KEY
from runtime.rules.scheduler import BackgroundSweeper, sweeps_in_serve
from tests.rules.support import create, firings, publish_app
from tests.rules.test_time_elapsed import _tasks

ROOT = Path(__file__).resolve().parents[2]
DABBLE = [sys.executable, "-c", "from runtime.cli import main; main()"]
OVERDUE = {"kind": "time_elapsed", "field": "last_contact", "after": {"amount": 1, "unit": "hours"}}


def _overdue_task(app: Flask) -> None:
    """A tasks app whose one task was last contacted two days ago, so a sweep now fires for it."""
    publish_app(app, _tasks(OVERDUE), {"ann": "rep"})
    last_contact = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    create(app, "ann", "tasks", "task", {"title": "Call back", "last_contact": last_contact})


def _wait_for_firing(app: Flask, process: subprocess.Popen | None = None) -> list[dict]:
    """The firings once there is one (fail when the process exits first or a minute passes)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = firings(app)
        if found:
            return found
        assert process is None or process.poll() is None, "the process exited"
        time.sleep(0.2)
    pytest.fail("no rule fired in time")


@pytest.mark.parametrize(
    ("choice", "sqlite", "postgresql"), [("auto", True, False), ("serve", True, True), ("worker", False, False)]
)
def test_dabble_scheduler_says_whether_serve_sweeps(app, choice, sqlite, postgresql):
    app.config["DABBLE_SCHEDULER"] = choice
    dialect = app.extensions[ENGINE_KEY].dialect.name
    assert sweeps_in_serve(app) is {"sqlite": sqlite, "postgresql": postgresql}[dialect]


def test_an_unknown_scheduler_choice_is_refused(app):
    app.config["DABBLE_SCHEDULER"] = "cron"
    with pytest.raises(ValueError, match="DABBLE_SCHEDULER"):
        sweeps_in_serve(app)


def test_the_background_sweeper_sweeps_and_stops_cleanly(app):
    _overdue_task(app)
    sweeper = BackgroundSweeper(app)
    sweeper.start()
    try:
        (firing,) = _wait_for_firing(app)
    finally:
        sweeper.stop()
    assert not sweeper.scheduler.running
    assert (firing["rule_id"], firing["ok"]) == ("overdue", True)


@contextmanager
def _instance_app() -> Iterator[Flask]:
    """The app of the instance the CLI fixture points the environment at."""
    app = create_app()
    app.config["TESTING"] = True
    try:
        yield app
    finally:
        app.extensions[ENGINE_KEY].dispose()


def test_worker_once_sweeps_and_exits(cli_instance):
    with _instance_app() as app:
        _overdue_task(app)
        result = subprocess.run(
            [*DABBLE, "worker", "--once"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        dialect = app.extensions[ENGINE_KEY].dialect.name
        assert f"Dabble worker ({dialect}): 1 rule firing(s)." in result.stdout
        assert len(firings(app)) == 1


def test_the_worker_sweeps_until_sigterm(cli_instance):
    with _instance_app() as app:
        _overdue_task(app)
        environment = os.environ | {"DABBLE_RULES_SWEEP_SECONDS": "1"}
        worker = subprocess.Popen(
            [*DABBLE, "worker"], cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            _wait_for_firing(app, worker)
        finally:
            worker.send_signal(signal.SIGTERM)
            output, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0, output
        assert "sweeping rules every 1 s" in output and "Dabble worker stopped." in output
        assert len(firings(app)) == 1


def test_serve_sweeps_in_process_on_sqlite_only(cli_instance, tmp_path):
    with _instance_app() as app:
        _overdue_task(app)
        on_sqlite = app.extensions[ENGINE_KEY].dialect.name == "sqlite"
        port = _free_port()
        log = tmp_path / "serve.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [*DABBLE, "serve", "--port", str(port)], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
            )
            try:
                if on_sqlite:
                    _wait_for_firing(app, server)
                else:
                    _wait_for_line(log, "Rules:", server)
            finally:
                server.terminate()
                server.wait(timeout=30)
        expected = "Rules: swept in this process." if on_sqlite else "Rules: timed rules are swept by `dabble worker`."
        assert expected in log.read_text()


def _wait_for_line(log: Path, text: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while text not in log.read_text():
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
