"""`make run` (`dabble serve --demo`): the first start installs every template with sample data, later ones nothing."""

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

from runtime.app import create_app
from runtime.database import ENGINE_KEY
from templates_library import library
from tests.support.auth import signed_in_client
from tests.support.postgres import fresh_postgres_schema
from tests.templates.api_rows import filtered_total

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_once(environment: dict[str, str], log: Path) -> str:
    """Start `dabble serve --demo`, wait until it answers, stop it; what it printed."""
    port = _free_port()
    command = [sys.executable, "-c", "from runtime.cli import main; main()", "serve", "--demo", "--port", str(port)]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, log.read_text()
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                        assert json.load(response)["status"] == "ok"
                        break
                except OSError:
                    assert time.monotonic() < deadline, "dabble serve --demo did not answer in time"
                    time.sleep(0.2)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return log.read_text()


@pytest.mark.slow
@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_serve_demo_installs_the_templates_once(tmp_path, database):
    if database == "postgresql" and not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) if database == "postgresql" else nullcontext("") as url:
        settings = {"DABBLE_INSTANCE_PATH": str(tmp_path / "instance"), "DABBLE_SECRET_KEY": "serve-demo-test"}
        environment = os.environ | settings | {"DABBLE_DATABASE_URL": url}
        first = _serve_once(environment, tmp_path / "first.log")
        assert "Installed 10 template app(s) with" in first and "zhang.wei" in first
        second = _serve_once(environment, tmp_path / "second.log")
        assert "Installed" not in second and "zhang.wei" in second
        app = create_app(settings | {"DABBLE_DATABASE_URL": url})
        try:
            admin = signed_in_client(app)
            apps = [item["id"] for item in admin.get("/api/apps").get_json()["items"]]
            assert sorted(apps) == sorted(library().ids)
            assert filtered_total(admin, "store_sales", "daily_report", None) == 275  # no rule writes daily reports
            assert filtered_total(admin, "sales_pipeline", "account", None) == 16
        finally:
            app.extensions[ENGINE_KEY].dispose()
