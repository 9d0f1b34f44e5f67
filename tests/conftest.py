"""Fixtures: a Flask app on a temporary SQLite file and, when DABBLE_TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask

from runtime.app import close_app, create_app
from tests.support.auth import signed_in_client
from tests.support.postgres import fresh_postgres_schema

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")


@pytest.fixture(scope="session", autouse=True)
def _no_dabble_settings_from_the_shell() -> Iterator[None]:
    """Hide the shell's DABBLE_ variables but DABBLE_TEST_DATABASE_URL, so no test reaches a real database."""
    with pytest.MonkeyPatch.context() as patch:  # session scope: module-scoped fixtures see the clean environment too
        for name in list(os.environ):
            if name.startswith("DABBLE_") and name != "DABBLE_TEST_DATABASE_URL":
                patch.delenv(name)
        yield


def _overrides(tmp_path, database: str) -> dict[str, str]:
    return {
        "DABBLE_INSTANCE_PATH": str(tmp_path / "instance"),
        "DABBLE_DATABASE_URL": database,
        "DABBLE_SECRET_KEY": "test-secret-key",
    }


@pytest.fixture
def sqlite_app(tmp_path) -> Iterator[Flask]:
    """The app on its own SQLite file."""
    app = create_app(_overrides(tmp_path, ""))
    app.config["TESTING"] = True
    yield app
    close_app(app)


@pytest.fixture
def postgres_app(tmp_path) -> Iterator[Flask]:
    """The app on a fresh schema of the PostgreSQL database named by DABBLE_TEST_DATABASE_URL."""
    if not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) as url:
        app = create_app(_overrides(tmp_path, url))
        app.config["TESTING"] = True
        try:
            yield app
        finally:
            close_app(app)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app(request) -> Flask:
    """The app on each database: SQLite always, PostgreSQL when configured."""
    return request.getfixturevalue({"sqlite": "sqlite_app", "postgresql": "postgres_app"}[request.param])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def cli_instance(request, tmp_path, monkeypatch) -> Iterator:
    """Point the `dabble` CLI at a fresh instance folder: its SQLite file, or a fresh PostgreSQL schema."""
    monkeypatch.setenv("DABBLE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DABBLE_SECRET_KEY", "cli-test")
    if request.param == "sqlite":
        yield tmp_path
        return
    if not POSTGRES_URL:
        pytest.skip("DABBLE_TEST_DATABASE_URL is not set (.ci/run sets it)")
    with fresh_postgres_schema(POSTGRES_URL, str(tmp_path)) as url:
        monkeypatch.setenv("DABBLE_DATABASE_URL", url)
        yield tmp_path


@pytest.fixture
def client(app):
    """A test client of `app`, signed in (bearer token) as the administrator `admin`."""
    return signed_in_client(app)
