"""Fixtures of the robustness suites: a fork server for gunicorn, and fresh databases of each kind."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bench.robustness.databases import Database, database
from bench.robustness.server import Launcher

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@pytest.fixture(scope="session")
def launcher() -> Iterator[Launcher]:
    """The fork server that starts every gunicorn of the robustness tests."""
    with Launcher() as started:
        yield started


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def robust_database(request, tmp_path) -> Iterator[Database]:
    """A fresh database of each kind: an SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with database(request.param, tmp_path, POSTGRES_URL or None) as fresh:
        yield fresh
