"""The databases the robustness runs use: an SQLite file, or a fresh PostgreSQL schema dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from runtime.database import database_url

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Database:
    """Where an instance keeps its data: `url` is DABBLE_DATABASE_URL (empty: SQLite in the instance folder)."""

    kind: str  # "sqlite" or "postgresql"
    url: str
    instance: Path

    def settings(self) -> dict[str, str]:
        """The DABBLE_ settings of an instance on this database."""
        return {
            "DABBLE_INSTANCE_PATH": str(self.instance),
            "DABBLE_DATABASE_URL": self.url,
            "DABBLE_SECRET_KEY": "robustness",
            "DABBLE_SCHEDULER": "worker",  # no rule sweeps inside the web workers
        }

    @property
    def sqlalchemy_url(self) -> str:
        """The URL SQLAlchemy connects to."""
        return database_url(self.url, str(self.instance))


def postgres_url() -> str | None:
    """The PostgreSQL server to use (DABBLE_TEST_DATABASE_URL, else the local default), None when none answers."""
    configured = os.environ.get("DABBLE_TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL
    engine = create_engine(database_url(configured, "/"))
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError:
        return None
    finally:
        engine.dispose()
    return configured


@contextmanager
def database(kind: str, folder: Path, postgres: str | None = None) -> Iterator[Database]:
    """A fresh database of `kind` for an instance in `folder` (PostgreSQL: a new schema, dropped on exit)."""
    instance = folder / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        yield Database(kind, "", instance)
        return
    if postgres is None:
        raise ValueError("a PostgreSQL URL is needed")
    url = database_url(postgres, str(instance))
    schema = f"robust_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        inside = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield Database(kind, inside.render_as_string(hide_password=False), instance)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def benchmark_databases() -> list[tuple[str, str | None]]:
    """The kinds to benchmark with their PostgreSQL URL: SQLite always, PostgreSQL when a server answers."""
    url = postgres_url()
    if url is None:
        print("  PostgreSQL does not answer (DABBLE_TEST_DATABASE_URL or 127.0.0.1:5432): SQLite only", flush=True)
        return [("sqlite", None)]
    return [("sqlite", None), ("postgresql", url)]
