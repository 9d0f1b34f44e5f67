"""Published apps as the runtime serves them, built once per version: tables, validators, statements."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Insert, MetaData, Select, Table, Update, bindparam, select, update

from builder import parse_definition
from builder.formulas import Formula, parse_formula
from builder.model import AppDefinition, FieldType, Permission
from builder.service.errors import ApiError
from builder.service.platform_tables import AppRow, AppVersionRow
from builder.service.store import app_not_found
from runtime.database import lock_app
from runtime.openapi import openapi_document
from runtime.records.validation import RecordValidator
from runtime.storage.tables import EntityStorage, build_tables

_APPS = AppRow.__table__
_CURRENT_VERSION = select(_APPS.c.number, _APPS.c.current_version).where(_APPS.c.app_id == bindparam("app_id"))


@dataclass(frozen=True, slots=True)
class Statements:
    """One entity's record statements, built once per version; bound parameters start with '_', as no field id does."""

    select_live: Select
    select_any: Select
    exists_live: Select
    insert: Insert
    update_live: Update
    set_deleted: Update

    @classmethod
    def of(cls, table: Table) -> Statements:
        """The statements of a table."""
        record = table.c.id == bindparam("_record_id")
        version = table.c.row_version == bindparam("_row_version")
        live = table.c.deleted_at.is_(None)
        return cls(
            select_live=select(table).where(record, live),
            select_any=select(table).where(record),
            exists_live=select(table.c.id).where(record, live),
            insert=table.insert().returning(*table.c),
            update_live=update(table).where(record, version, live).returning(*table.c),
            set_deleted=update(table).where(record, version).returning(*table.c),
        )


@dataclass(frozen=True, slots=True)
class LiveEntity:
    """An entity of a live version with everything a request needs, built once."""

    storage: EntityStorage
    validator: RecordValidator
    defaults: Mapping[str, Any]  # the stored value of each field with a default
    formulas: Mapping[str, Formula]
    search_columns: tuple[str, ...]
    statements: Statements

    @property
    def id(self) -> str:
        """The entity id."""
        return self.storage.entity.id


@dataclass(frozen=True)
class LiveApp:
    """One published version of an app, ready to serve (no slots: its OpenAPI document is built on first use)."""

    app_id: str
    number: int
    version: int
    model: AppDefinition
    timezone: tzinfo
    entities: Mapping[str, LiveEntity]
    permissions: Mapping[str, tuple[Permission, ...]]  # by entity id: what each role may do with its records

    def entity(self, entity_id: str) -> LiveEntity:
        """An entity by id; 404 when the version has none."""
        found = self.entities.get(entity_id)
        if found is None:
            raise ApiError(
                404,
                "entity.not_found",
                f"App '{self.app_id}' has no entity '{entity_id}'. / 应用中没有实体“{entity_id}”。",
            )
        return found

    @cached_property
    def openapi_json(self) -> str:
        """The OpenAPI document of the version's records API, as JSON text."""
        document = openapi_document(self.app_id, self.version, self.model)
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


class LiveApps:
    """The current version of each app, built once per version; an app's older versions are let go."""

    def __init__(self) -> None:
        self._current: dict[str, LiveApp] = {}
        self._lock = threading.Lock()

    def current(self, connection: Connection, app_id: str) -> LiveApp:
        """The live version of an app; it stays live until the connection's transaction ends (lock_app)."""
        lock_app(connection, app_id, exclusive=False)  # a publish waits for this transaction, and it for a publish
        row = connection.execute(_CURRENT_VERSION, {"app_id": app_id}).first()
        if row is None:
            raise app_not_found(app_id)
        number, version = row
        if version is None:
            raise ApiError(
                404, "app.not_published", f"App '{app_id}' has not been published yet. / 应用“{app_id}”尚未发布。"
            )
        live = self._current.get(app_id)
        if live is not None and (live.number, live.version) == (number, version):
            return live
        definition = connection.execute(
            select(AppVersionRow.definition).where(AppVersionRow.app_number == number, AppVersionRow.version == version)
        ).scalar_one()
        with self._lock:  # one build per version, even when many requests ask at once
            live = self._current.get(app_id)
            if live is not None and (live.number, live.version) == (number, version):
                return live
            built = build_live_app(app_id, number, version, parse_definition(definition))
            if live is None or live.number != number or live.version < version:  # an old snapshot's is not kept
                self._current[app_id] = built
        return built


def build_live_app(app_id: str, number: int, version: int, model: AppDefinition) -> LiveApp:
    """Tables, validators, formulas and statements of every entity of a version."""
    timezone = ZoneInfo(model.timezone)
    entities = {}
    for entity_id, storage in build_tables(MetaData(), number, model).items():
        table = storage.table
        entities[entity_id] = LiveEntity(
            storage=storage,
            validator=RecordValidator(storage),
            defaults={
                field.id: storage.codecs[field.id].to_database(field.default)
                for field in storage.entity.fields
                if field.default is not None
            },
            formulas={
                field.id: parse_formula(field.formula)
                for field in storage.entity.fields
                if field.type is FieldType.COMPUTED
            },
            search_columns=tuple(field.id for field in storage.entity.fields if field.is_textual),
            statements=Statements.of(table),
        )
    permissions: dict[str, tuple[Permission, ...]] = {}
    for grant in model.permissions:
        permissions[grant.entity] = (*permissions.get(grant.entity, ()), grant)
    return LiveApp(
        app_id=app_id,
        number=number,
        version=version,
        model=model,
        timezone=timezone,
        entities=entities,
        permissions=permissions,
    )
