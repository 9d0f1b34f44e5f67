"""Plan a rollback's restores: fields and entities that come back take their archived data instead of starting empty."""

# An archive made by the publish of version k holds the column (or table) as version k-1 stored it,
# so it comes back only when version k-1's field still holds exactly what the target's field would
# (no conversion, no narrower constraint); otherwise the step stays as planned and its note says why.

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select

from builder.model import AppDefinition, Entity, Field
from runtime.migrations.archives import ArchiveRow
from runtime.migrations.plan import MigrationPlan, Step, column_change
from runtime.storage.tables import table_name

Definitions = Callable[[int], AppDefinition]  # a published version's model by number


def plan_restores(
    connection: Connection, app_number: int, definitions: Definitions, target: AppDefinition, plan: MigrationPlan
) -> MigrationPlan:
    """The plan with add_column, convert_column and create_table steps turned into restores where archives allow."""
    archives = ArchiveRow.__table__
    query = select(archives).where(archives.c.app_number == app_number).order_by(archives.c.id.desc())
    rows = connection.execute(query).mappings().all()  # newest first
    restorer = _Restorer(app_number, definitions, target, rows)
    return MigrationPlan(tuple(restorer.restore(step) for step in plan.steps))


class _Restorer:
    """Finds the newest usable archive for each step that would otherwise start empty or convert."""

    def __init__(self, app_number: int, definitions: Definitions, target: AppDefinition, rows: Any) -> None:
        self.app_number = app_number
        self.definitions = definitions
        self.target = target
        self.rows = rows

    def restore(self, step: Step) -> Step:
        """The restore that replaces `step`, or `step` itself (with a note when an archive could not be used)."""
        if step.kind == "create_table":
            return self._table(step)
        if step.kind in ("add_column", "convert_column"):
            return self._column(step)
        return step

    def _column(self, step: Step) -> Step:
        converted = step.kind == "convert_column"
        wanted = ("column", step.entity, step.field, table_name(self.app_number, step.entity))
        for row in self.rows:
            if (row["kind"], row["entity"], row["field"], row["table_name"]) != wanted:
                continue
            if converted and self._field(row["version"], step.entity, step.field) is None:
                break  # the newest archive is a drop: the live column came later and its values are the current ones
            archived = self._field(row["version"] - 1, step.entity, step.field)
            target = self.target.entity(step.entity).own_field(step.field)
            if archived is None or not _holds_exactly(archived, target):
                note = f"archived column {row['stored_name']} stores another type; it stays archived"
                return Step(**_fields(step), note=note)
            note = f"values archived by version {row['version']} come back"
            if converted:
                note += "; records without one get their current value converted"
            return Step(
                "restore_column",
                step.entity,
                step.field,
                source_entity=step.source_entity,
                source_field=step.source_field if converted else None,
                archived=row["stored_name"],
                note=note,
            )
        return step

    def _table(self, step: Step) -> Step:
        for row in self.rows:
            if (row["kind"], row["entity"]) != ("table", step.entity):
                continue
            archived = self._entity(row["version"] - 1, step.entity)
            if archived is None or not _same_storage(archived, self.target.entity(step.entity)):
                note = f"archived table {row['stored_name']} stores other fields; it stays archived"
                return Step(**_fields(step), note=note)
            note = f"records archived by version {row['version']} come back"
            return Step("restore_table", step.entity, archived=row["stored_name"], note=note)
        return step

    def _entity(self, version: int, entity_id: str) -> Entity | None:
        return self.definitions(version).entity(entity_id) if version >= 1 else None

    def _field(self, version: int, entity_id: str, field_id: str) -> Field | None:
        entity = self._entity(version, entity_id)
        return entity.own_field(field_id) if entity else None


def _holds_exactly(archived: Field, target: Field) -> bool:
    """Whether the archived column's values are valid, as stored, for the target's field."""
    return column_change(archived, target, archived.target_entity) is None


def _same_storage(archived: Entity, target: Entity) -> bool:
    """Whether an archived table serves the target's entity as it is: same columns, nothing stricter."""
    fields = {item.id: item for item in archived.fields}
    if set(fields) != {item.id for item in target.fields}:
        return False
    return all(
        _holds_exactly(fields[item.id], item)
        and (fields[item.id].unique or not item.unique)
        and (fields[item.id].required or not item.required)
        for item in target.fields
    )


def _fields(step: Step) -> dict[str, Any]:
    return {name: getattr(step, name) for name in Step.__slots__ if name != "note"}
