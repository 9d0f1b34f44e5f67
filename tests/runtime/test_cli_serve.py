"""`dabble serve` starts the service and answers on the port it was given, on either database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import nullcontext
from pathlib import Path

import pytest

from tests.support.postgres import fresh_postgres_schema

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _health(port: int, server: subprocess.Popen, deadline: float) -> dict:
    """GET /api/health once the server answers (fail when it exits or the deadline passes)."""
    while time.monotonic() < deadline:
        assert server.poll() is None, "dabble serve exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.1)
    pytest.fail("dabble serve did not answer in time")


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_serve_starts_and_answers_health(tmp_path, database):
    if database == "postgresql" and not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) if database == "postgresql" else nullcontext("") as url:
        port = _free_port()
        settings = {"DABBLE_INSTANCE_PATH": str(tmp_path / "instance"), "DABBLE_SECRET_KEY": "serve-test"}
        environment = os.environ | settings | {"DABBLE_DATABASE_URL": url}
        command = [sys.executable, "-c", "from runtime.cli import main; main()", "serve", "--port", str(port)]
        with (tmp_path / "serve.log").open("w") as log:
            server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
            try:
                health = _health(port, server, time.monotonic() + 60)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        assert health["status"] == "ok" and health["database"]["dialect"] == database
        assert f"Dabble: http://127.0.0.1:{port}/" in (tmp_path / "serve.log").read_text()
