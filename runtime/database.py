"""The SQLAlchemy engine: SQLite in WAL mode by default, PostgreSQL through psycopg when configured."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from builder.service.api import ENGINE_KEY

log = logging.getLogger(__name__)


def database_url(configured: str, instance_path: str) -> str:
    """The URL to connect to: the configured one (PostgreSQL via psycopg 3) or the embedded SQLite file."""
    if not configured:
        return f"sqlite:///{Path(instance_path).resolve() / 'dabble.sqlite3'}"
    url = make_url(configured)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite connections get WAL, foreign keys, a busy timeout and real transactions."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "savepoint", _savepoint)
    event.listen(engine, "release_savepoint", _release_savepoint)
    event.listen(engine, "rollback_savepoint", _rollback_savepoint)
    return engine


@contextmanager
def transaction(bound: Engine, *, write: bool = False) -> Iterator[Connection]:
    """A connection in a transaction; on SQLite a writing one takes the write lock up front."""
    with bound.connect() as plain:
        connection = plain.execution_options(dabble_immediate=True) if write else plain
        connection.info[_AFTER_COMMIT], connection.info[_SAVEPOINTS] = [], []
        try:
            with connection.begin():
                yield connection
        except BaseException:
            connection.info.pop(_AFTER_COMMIT, None)
            raise
        for callback in connection.info.pop(_AFTER_COMMIT, ()):
            try:
                callback()
            except Exception:  # the transaction is committed: what follows it cannot undo it, nor fail the caller
                log.exception("after-commit callback failed")


_AFTER_COMMIT = "dabble.after_commit"  # per connection: what to do once its transaction has committed
_SAVEPOINTS = "dabble.savepoints"  # per connection: how many callbacks each open savepoint found waiting


def after_commit(connection: Connection, callback: Callable[[], None]) -> None:
    """Call `callback` once the connection's transaction (opened by transaction()) has committed; never if not."""
    connection.info.setdefault(_AFTER_COMMIT, []).append(callback)


def _savepoint(connection: Connection, _name: str) -> None:
    connection.info.setdefault(_SAVEPOINTS, []).append(len(connection.info.get(_AFTER_COMMIT, ())))


def _release_savepoint(connection: Connection, _name: str, _context: Any) -> None:
    marks = connection.info.get(_SAVEPOINTS)
    if marks:
        marks.pop()


def _rollback_savepoint(connection: Connection, _name: str, _context: Any) -> None:
    """What was to follow the commit from inside a savepoint rolled back is forgotten with it."""
    marks = connection.info.get(_SAVEPOINTS)
    if marks:
        del connection.info.get(_AFTER_COMMIT, [])[marks.pop() :]


_APP_LOCK_SPACE = 0x44424C45  # "DBLE": the first key of the advisory locks on apps


def lock_app(connection: Connection, app_id: str, *, exclusive: bool) -> None:
    """PostgreSQL: lock an app for the transaction, alone to publish it or shared to serve its records."""
    # Advisory locks queue fairly and write nothing (unlike FOR SHARE on the app row). SQLite needs
    # none: a publish is its only writer and a reader keeps its snapshot.
    if connection.dialect.name == "postgresql":
        function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        connection.execute(
            text(f"SELECT {function}(:space, hashtext(:app_id))"), {"space": _APP_LOCK_SPACE, "app_id": app_id}
        )


def violated_unique_index(error: IntegrityError) -> str | None:
    """The unique index a write violated, as the database names it: PostgreSQL the index, SQLite 'table.column'."""
    cause = error.orig
    if getattr(cause, "sqlstate", None) == "23505":  # unique_violation
        return cause.diag.constraint_name
    if getattr(cause, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_UNIQUE":
        return str(cause).removeprefix("UNIQUE constraint failed: ")
    return None


def _begin_sqlite(connection: Connection) -> None:
    """Begin explicitly, so DDL is transactional too; IMMEDIATE for writers avoids lock upgrades."""
    immediate = connection.get_execution_options().get("dabble_immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _tune_sqlite(connection, _record) -> None:
    connection.isolation_level = None  # the driver must not begin by itself; _begin_sqlite does
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def init_app(app: Flask) -> None:
    """Create the app's engine from its configuration."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    url = database_url(app.config["DABBLE_DATABASE_URL"], str(instance))
    app.extensions[ENGINE_KEY] = make_engine(url)


def engine() -> Engine:
    """The engine of the current app."""
    return current_app.extensions[ENGINE_KEY]


def describe(bound: Engine) -> dict[str, str]:
    """Which database this is, checked with a round trip."""
    with bound.connect() as connection:
        version = connection.execute(
            text("select sqlite_version()" if bound.dialect.name == "sqlite" else "show server_version")
        ).scalar_one()
    return {"dialect": bound.dialect.name, "version": str(version)}


ANALYSIS_ROWS = 1000  # SQLite samples this many rows per index to estimate it: milliseconds, even on large tables


def refresh_statistics(connection: Connection, tables: Sequence[str] = ()) -> None:
    """SQLite: renew the statistics its query planner picks indexes by, of some tables or all (PostgreSQL's
    autovacuum does this itself). Without them SQLite may read a dashboard row by row from the table where a
    covering index answers at once."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
    preparer = connection.dialect.identifier_preparer
    for statement in [f"ANALYZE {preparer.quote(name)}" for name in tables] or ["ANALYZE"]:
        connection.exec_driver_sql(statement)


def insert_unless_present(
    connection: Connection, table: Table, values: Mapping[str, Any], unique_columns: Sequence[str]
) -> int | None:
    """Insert a row and return its id; None when a row with the same unique columns exists (or is being written)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(unique_columns))
        .returning(table.c.id)
    )
    return connection.execute(statement).scalar_one_or_none()
