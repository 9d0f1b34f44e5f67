"""Export an app: its draft, optionally every record of its live version and its version history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, MetaData
from sqlmodel import Session, select

from builder import parse_definition
from builder.moments import utc_text
from builder.service import store
from builder.service.platform_tables import AppRow, AppVersionRow
from runtime.database import lock_app, transaction
from runtime.portability.file_format import ExportFile, HistoryEntry
from runtime.storage.tables import EntityStorage, build_tables


def export_app(engine: Engine, app_id: str, *, data: bool = False, history: bool = False) -> ExportFile:
    """The export of an app as it is now (one snapshot); raise ApiError(404) when there is no such app."""
    with transaction(engine) as connection:
        lock_app(connection, app_id, exclusive=False)  # no publish changes the tables while they are read
        session = Session(bind=connection)
        app = store.get_app(session, app_id)
        return ExportFile(
            app_id=app.app_id,
            definition=app.draft,
            revision=app.draft_revision,
            live_version=app.current_version,
            data=_records(connection, session, app) if data else None,
            history=_history(session, app) if history else None,
        )


def draft_is_live(engine: Engine, app_id: str) -> bool:
    """Whether an app's draft is its live definition (so its records, shaped by the live version, fit the draft)."""
    with Session(engine) as session:
        app = store.get_app(session, app_id)
        return (
            app.current_version is not None and store.version(session, app, app.current_version).definition == app.draft
        )


def _records(connection: Connection, session: Session, app: AppRow) -> dict[str, list[dict[str, Any]]]:
    """Every record of every entity of the live version (deleted ones too), by id, as the records API gives values."""
    if app.current_version is None:
        return {}
    model = parse_definition(store.version(session, app, app.current_version).definition)
    tables = build_tables(MetaData(), app.number, model)
    return {
        entity_id: [_record(storage, row._mapping) for row in connection.execute(_all_rows(storage))]
        for entity_id, storage in tables.items()
    }


def _all_rows(storage: EntityStorage):
    table = storage.table
    return select(table).order_by(table.c.id)


def _record(storage: EntityStorage, row: Any) -> dict[str, Any]:
    """A row's values: fields through their codecs, system columns as the API shows them."""
    record = {name: codec.to_json(row[name]) for name, codec in storage.codecs.items()}
    record["row_version"] = row["row_version"]
    record["deleted_at"] = None if row["deleted_at"] is None else utc_text(row["deleted_at"])
    return record


def _history(session: Session, app: AppRow) -> list[HistoryEntry]:
    """Every published version, oldest first."""
    rows = session.exec(
        select(AppVersionRow).where(AppVersionRow.app_number == app.number).order_by(AppVersionRow.version)
    )
    return [
        HistoryEntry(row.version, row.author, row.published_at, row.message, row.definition, row.migration)
        for row in rows
    ]
