"""Import an export file as a new app: create it, publish its definition, load its records, all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from builder import validate_definition
from builder.model import AppDefinition
from builder.service import store
from builder.service.errors import ApiError
from builder.service.platform_tables import AppVersionRow
from builder.service.publishing import PublishRequest
from runtime.database import lock_app, transaction, violated_unique_index
from runtime.portability.file_format import ExportFile
from runtime.portability.messages import ExportFileInvalid, file_problem
from runtime.portability.record_values import Rows, prepared_rows
from runtime.publisher import RuntimePublisher
from runtime.storage.tables import EntityStorage, build_tables


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What an import created: the app, its live version, how many records and past versions it loaded."""

    app_id: str
    version: int
    records: int
    history: int
    warnings: list[dict[str, Any]]


def import_app(engine: Engine, export: ExportFile, *, app_id: str | None = None, actor: str = "cli") -> ImportOutcome:
    """Create and publish the file's app (under `app_id` when given) with its records; ApiError when refused."""
    document = export.definition if app_id is None else {**export.definition, "id": app_id}
    model = _valid_model(document)
    rows = prepared_rows(build_tables(MetaData(), 0, model), export.data or {})  # checked before anything is written
    target = document["id"]
    with transaction(engine, write=True) as connection:
        lock_app(connection, target, exclusive=True)
        session = Session(bind=connection)
        if store.find_app(session, target) is not None:
            raise app_exists(target)
        app = store.create_app(session, document, actor)
        for entry in export.history or []:  # informational: the live version is the imported definition
            session.add(
                AppVersionRow(
                    app_number=app.number,
                    version=entry.version,
                    definition=entry.definition,
                    message=entry.message,
                    author=entry.author,
                    published_at=entry.published_at,
                    migration=entry.migration,
                )
            )
        session.flush()
        request = PublishRequest(app_id=target, actor=actor, message=_message(export), confirm=True)
        outcome = RuntimePublisher(engine).publish_in(connection, request)
        _load(connection, build_tables(MetaData(), app.number, model), rows)
    return ImportOutcome(
        target, outcome["version"], sum(map(len, rows.values())), len(export.history or []), outcome["warnings"]
    )


def app_exists(app_id: str) -> ApiError:
    """The refusal to import over an existing app."""
    return ApiError(
        409,
        "import.app_exists",
        f"An app with id '{app_id}' already exists; nothing was imported. Import under another id with --app NEW_ID. "
        f"/ 应用“{app_id}”已存在，未导入。可用 --app 新标识 以其他标识导入。",
    )


def _valid_model(document: dict[str, Any]) -> AppDefinition:
    """The model of the definition to import; 422 listing its errors when it has any."""
    report = validate_definition(document)
    if not report.is_valid:
        raise ApiError(
            422,
            "import.invalid_definition",
            "The file's definition has errors; nothing was imported. / 文件中的应用定义存在错误，未导入。",
            [problem.to_json() for problem in report.errors],
        )
    return report.model


def _message(export: ExportFile) -> str:
    source = f"{export.app_id} version {export.live_version}" if export.live_version else export.app_id
    return f"Imported from an export of {source}. / 从 {source} 的导出文件导入。"


def _load(connection: Connection, tables: dict[str, EntityStorage], rows: Rows) -> None:
    """Insert the records with their ids; on PostgreSQL the id sequences then continue after the highest id."""
    for entity_id, entity_rows in rows.items():
        if not entity_rows:
            continue
        storage = tables[entity_id]
        table = storage.table
        try:
            connection.execute(table.insert(), entity_rows)
        except IntegrityError as error:  # the checks before should have found it; the transaction rolls back
            field = storage.unique_indexes.get(violated_unique_index(error) or "")
            if field is None:
                raise
            problem = file_problem("export_file.unique", f"/data/{entity_id}", entity=entity_id, field=field)
            raise ExportFileInvalid([problem]) from None
        if connection.dialect.name == "postgresql":
            highest = select(func.max(table.c.id)).scalar_subquery()
            sequence = func.pg_get_serial_sequence(table.name, "id")
            connection.execute(select(func.setval(sequence, func.coalesce(highest, 1), highest.is_not(None))))
