"""One real table per entity of a published app (SQLAlchemy Core), named from the app's number."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table

from builder.conditions.ast import Combinator, ConditionGroup, ConditionRule, Operator
from builder.conditions.fold import UnresolvedDefinition, expanded_rules
from builder.identifiers import SYSTEM_COLUMNS
from builder.model import AppDefinition, Entity, FieldType
from builder.model.views import CalendarView, DashboardView, KanbanView, TableView, WidgetKind
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
    covering = widget_indexes(model, entity)
    for column in sorted(indexed_fields(model, entity) - {columns[0] for columns in covering}):
        Index(index_name(name, column), table.c[column])
    for columns in covering:
        Index(index_name(name, "__".join(columns)), *(table.c[column] for column in columns))
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


MAX_INDEX_COLUMNS = 8


def widget_indexes(model: AppDefinition, entity: Entity) -> list[tuple[str, ...]]:
    """Covering indexes for the dashboard widgets on the entity, so each is computed from an index, never the table.

    Per widget, its columns in the order an index serves best: fields its filter tests for equality, what it
    groups or compares by, its other filter fields, the measured field, then `deleted_at` (live records) —
    once with `owner` last, for readers of every record, once with `owner` first, for readers of their own or
    their team's. An index is left out when another one starts with the same columns it seeks by (owner, the
    equality fields, then the group or date) and holds all of its columns.
    """
    indexable = {field.id for field in entity.fields if field.type not in (FieldType.LONGTEXT, FieldType.MULTICHOICE)}
    indexable |= {"owner", "created_at", "updated_at", "workflow_state"}
    wanted: list[_WidgetIndex] = []
    for view in model.views:
        if not isinstance(view, DashboardView):
            continue
        for widget in view.widgets:
            if widget.entity != entity.id or widget.kind is WidgetKind.TABLE:
                continue
            equal = _equality_fields(widget.filter)
            lead = [widget.group_by.field] if widget.group_by else []
            lead += [widget.compare.date_field] if widget.compare else []
            measured = [widget.aggregate.field] if widget.aggregate and widget.aggregate.field else []
            columns = [*equal, *lead, *sorted(_condition_fields(model, widget.filter)), *measured]
            columns = [column for column in dict.fromkeys(columns) if column in indexable and column != "owner"]
            columns = columns[: MAX_INDEX_COLUMNS - 2]
            sought = [column for column in dict.fromkeys((*equal, *lead)) if column in columns]
            wanted.append(_WidgetIndex(("owner", *columns, "deleted_at"), len(sought) + 1))
            if "owner" not in (*equal, *lead):  # a widget by owner is best served owner first, whoever reads
                wanted.append(_WidgetIndex((*columns, "owner", "deleted_at"), len(sought)))
    unique = list({index.columns: index for index in wanted}.values())
    kept: list[_WidgetIndex] = []
    for index in sorted(unique, key=lambda index: -len(index.columns)):  # the widest first: they serve the others
        if not any(other.serves(index) for other in kept):
            kept.append(index)
    return [index.columns for index in unique if index in kept]


@dataclass(frozen=True, slots=True)
class _WidgetIndex:
    """The columns of a covering index a widget wants; the first `seek` of them are those it seeks by, in order."""

    columns: tuple[str, ...]
    seek: int

    def serves(self, wanted: _WidgetIndex) -> bool:
        """Whether this index serves `wanted` as well: it starts with the columns `wanted` seeks by, in their
        order, and holds every column of it."""
        prefix = self.columns[: wanted.seek] == wanted.columns[: wanted.seek]
        return prefix and set(self.columns) >= set(wanted.columns)


def _equality_fields(condition: ConditionGroup | None) -> list[str]:
    """The fields a condition always tests for one value or a few (= or in, directly under a top-level 'and')."""
    if condition is None or condition.combinator is not Combinator.AND or condition.negated:
        return []
    return sorted(
        {
            rule.field
            for rule in condition.rules
            if isinstance(rule, ConditionRule) and rule.operator in (Operator.EQ, Operator.IN)
        }
    )


def _condition_fields(model: AppDefinition, condition) -> set[str]:
    if condition is None:
        return set()
    try:
        return {rule.field for rule in expanded_rules(condition, model.definition)}
    except UnresolvedDefinition:
        return set()


__all__ = ["EntityStorage", "build_tables", "entity_storage"]
