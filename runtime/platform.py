"""Platform tables (SQLModel): created at start-up, safely when several workers start at once."""

from __future__ import annotations

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from builder.service import platform_tables, review_tables  # noqa: F401 - registers apps, versions, reviews
from runtime.database import transaction
from runtime.identity import tables as identity_tables  # noqa: F401 - registers users, departments, groups, tokens
from runtime.migrations import archives  # noqa: F401 - registers the archives table
from runtime.notifications import tables as notification_tables  # noqa: F401 - registers notifications
from runtime.records import audit, narrowing, shares  # noqa: F401 - registers audit, narrowing, shares
from runtime.rules import tables as rule_tables  # noqa: F401 - registers rule firings and suggestions
from runtime.workflows import tables as workflow_tables  # noqa: F401 - registers instances, tasks, events

_SCHEMA_LOCK = 7_244_615  # any constant: serialises platform schema creation across workers
# Columns earlier development versions created and the platform no longer has (NOT NULL ones would break inserts).
_DROPPED_COLUMNS = (("dabble_app_versions", "status"),)


def create_platform_tables(engine: Engine) -> None:
    """Create the platform tables that do not exist yet, one worker at a time."""
    with transaction(engine, write=True) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        SQLModel.metadata.create_all(connection)
        _drop_old_columns(connection)


def _drop_old_columns(connection: Connection) -> None:
    inspector = inspect(connection)
    operations = Operations(MigrationContext.configure(connection))
    for table, column in _DROPPED_COLUMNS:
        if column in {found["name"] for found in inspector.get_columns(table)}:
            operations.drop_column(table, column)
