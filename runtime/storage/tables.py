"""One real table per entity of a published app (SQLAlchemy Core), named from the app's number."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table

from builder.conditions.fold import UnresolvedDefinition, expanded_rules
from builder.identifiers import SYSTEM_COLUMNS
from builder.model import AppDefinition, Entity, FieldType
from builder.model.views import CalendarView, DashboardView, KanbanView, TableView
from runtime.storage.codecs import USER_NAME_LENGTH, Codec, codec_for

MAX_NAME_LENGTH = 63  # PostgreSQL's limit for identifiers


def bounded(name: str) -> str:
    """A database name of at most 63 characters (long names keep a prefix and get a hash)."""
    if len(name) <= MAX_NAME_LENGTH:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:10]
    return f"{name[: MAX_NAME_LENGTH - 11]}_{digest}"


def table_name(app_number: int, entity_id: str) -> str:
    """The table of an entity."""
    return bounded(f"app{app_number}_{entity_id}")


def archived_table_name(app_number: int, entity_id: str, version: int) -> str:
    """Where a dropped entity's table is kept."""
    return bounded(f"app{app_number}_{entity_id}_archived_v{version}")


def archived_column_name(field_id: str, version: int) -> str:
    """Where a dropped or converted field's column is kept."""
    return bounded(f"archived_v{version}_{field_id}")


def index_name(table: str, column: str, *, unique: bool = False) -> str:
    """The name of a one-column index."""
    return bounded(f"{'uq' if unique else 'ix'}_{table}_{column}")


@dataclass(frozen=True, slots=True)
class EntityStorage:
    """An entity with its table and the codec of every column it reads or writes (in the app's time zone)."""

    entity: Entity
    table: Table
    codecs: Mapping[str, Codec]
    unique_indexes: Mapping[str, str]  # a unique index as a database names it when violated -> its field id


def build_tables(metadata: MetaData, app_number: int, model: AppDefinition) -> dict[str, EntityStorage]:
    """The tables of every entity of a version, with their indexes."""
    return {entity.id: entity_storage(metadata, app_number, model, entity) for entity in model.entities}


def entity_storage(metadata: MetaData, app_number: int, model: AppDefinition, entity: Entity) -> EntityStorage:
    """The table of one entity: system columns, a column per field, indexes."""
    name = table_name(app_number, entity.id)
    timezone = ZoneInfo(model.timezone)
    codecs = {field.id: codec_for(field, timezone=timezone) for field in entity.fields}
    codecs |= {
        column: codec_for(entity.field(column), timezone=timezone) for column in SYSTEM_COLUMNS if entity.field(column)
    }
    columns = [
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
        Column("owner", String(USER_NAME_LENGTH), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("created_by", String(USER_NAME_LENGTH), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("updated_by", String(USER_NAME_LENGTH), nullable=False),
        Column("row_version", Integer(), nullable=False, default=1),
        Column("workflow_state", String(20), nullable=False, default="draft"),
        Column("deleted_at", DateTime(timezone=True), nullable=True),
        *(Column(field.id, codecs[field.id].sql_type, nullable=True) for field in entity.fields),
    ]
    table = Table(name, metadata, *columns)
    for column in sorted(indexed_fields(model, entity)):
        Index(index_name(name, column), table.c[column])
    unique_indexes = {}
    for field in entity.fields:
        if field.unique:
            live = table.c.deleted_at.is_(None)
            index = index_name(name, field.id, unique=True)
            Index(index, table.c[field.id], unique=True, sqlite_where=live, postgresql_where=live)
            unique_indexes |= {index: field.id, f"{name}.{field.id}": field.id}  # PostgreSQL, SQLite
    return EntityStorage(entity=entity, table=table, codecs=codecs, unique_indexes=unique_indexes)


def indexed_fields(model: AppDefinition, entity: Entity) -> set[str]:
    """Columns worth an index: owner, refs, and fields views group, sort, filter or lay out by."""
    wanted = {"owner"} | {field.id for field in entity.fields if field.type is FieldType.REF}
    for view in model.views:
        if isinstance(view, DashboardView):
            for widget in view.widgets:
                if widget.entity == entity.id:
                    wanted |= _condition_fields(model, widget.filter)
                    wanted |= {widget.group_by.field} if widget.group_by else set()
            continue
        if view.entity != entity.id:
            continue
        if isinstance(view, KanbanView):
            wanted.add(view.group_by)
        if isinstance(view, CalendarView):
            wanted.add(view.date_field)
        if isinstance(view, TableView | KanbanView):
            wanted |= {key.field for key in view.sort} | _condition_fields(model, view.filter)
        if isinstance(view, TableView):
            for saved in view.saved_filters:
                wanted |= _condition_fields(model, saved.condition)
    columns = {field.id for field in entity.fields if field.type not in (FieldType.LONGTEXT, FieldType.MULTICHOICE)}
    return wanted & (columns | {"owner", "created_at", "updated_at", "workflow_state"})


def _condition_fields(model: AppDefinition, condition) -> set[str]:
    if condition is None:
        return set()
    try:
        return {rule.field for rule in expanded_rules(condition, model.definition)}
    except UnresolvedDefinition:
        return set()


__all__ = ["EntityStorage", "build_tables", "entity_storage"]
