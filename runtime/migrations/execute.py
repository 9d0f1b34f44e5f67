"""Run a migration plan inside the publish transaction: a dry run, then the changes it found."""

# Every step keeps data: columns and tables that leave the definition are renamed aside (and
# registered in `dabble_archives`), and a converted column keeps its old values archived too.
# All operations go through alembic; on SQLite inside batch mode.

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import tzinfo
from typing import Any

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Column, Connection, MetaData, bindparam, select, update

from builder.formulas import parse_formula
from builder.model import AppDefinition, FieldType
from runtime.migrations.archives import ArchiveRow
from runtime.migrations.dry_run import DryRun
from runtime.migrations.indexes import drop_indexes, match_indexes
from runtime.migrations.plan import MigrationPlan, Step
from runtime.migrations.reports import StepReport
from runtime.storage.computed import computed_value
from runtime.storage.tables import (
    EntityStorage,
    archived_column_name,
    archived_table_name,
    bounded,
    build_tables,
    table_name,
)

BATCH = 1000


class MigrationRun:
    """Dry-runs and applies one plan on one connection (inside the caller's transaction)."""

    def __init__(
        self,
        connection: Connection,
        app_number: int,
        old: AppDefinition | None,
        new: AppDefinition,
        *,
        version: int,
        timezone: tzinfo,
        handlings: Mapping[str, str],
    ) -> None:
        self.connection = connection
        self.app_number = app_number
        self.version = version
        self.old = build_tables(MetaData(), app_number, old) if old else {}
        self.new = build_tables(MetaData(), app_number, new)
        self._dry_run = DryRun(connection, self.old, self.new, timezone=timezone, handlings=handlings)

    def dry_run(self, plan: MigrationPlan) -> list[StepReport]:
        """What each step would do, found by reading only."""
        return self._dry_run.reports(plan)

    def apply(self, reports: list[StepReport]) -> None:
        """Make the changes of a dry run that nothing blocks (the caller rolls back on error)."""
        operations = Operations(MigrationContext.configure(self.connection))
        steps = [report.step for report in reports]
        created = {step.entity for step in steps if step.kind == "create_table"}
        self._rename_tables(operations, [step for step in steps if step.kind == "rename_table"])
        for step in steps:
            if step.kind == "archive_table":
                self._archive_table(operations, step)
        by_entity: dict[str, list[StepReport]] = {}
        for report in reports:
            by_entity.setdefault(report.step.entity, []).append(report)
        for entity_id, entity_reports in by_entity.items():
            if entity_id in self.new and entity_id not in created:
                self._change_table(operations, entity_id, entity_reports)
        for entity_id, storage in self.new.items():
            if entity_id in created:
                storage.table.create(self.connection)
            else:
                match_indexes(operations, self.connection, storage.table)

    def _rename_tables(self, operations: Operations, steps: list[Step]) -> None:
        """Rename through temporary names, so renames may swap or chain."""
        for step in steps:
            drop_indexes(operations, self.connection, table_name(self.app_number, step.source_entity))
        for step in steps:
            operations.rename_table(table_name(self.app_number, step.source_entity), _temporary(step.entity))
        for step in steps:
            operations.rename_table(_temporary(step.entity), table_name(self.app_number, step.entity))

    def _archive_table(self, operations: Operations, step: Step) -> None:
        current = table_name(self.app_number, step.entity)
        archived = archived_table_name(self.app_number, step.entity, self.version)
        drop_indexes(operations, self.connection, current)
        operations.rename_table(current, archived)
        self._register("table", step.entity, None, current, archived)

    def _change_table(self, operations: Operations, entity_id: str, reports: list[StepReport]) -> None:
        """Column changes of a kept (or renamed) table: move aside, add, widen, then fill."""
        storage = self.new[entity_id]
        name = storage.table.name
        steps = [report.step for report in reports]
        moves = self._moves(name, steps)
        if moves:
            drop_indexes(operations, self.connection, name)  # SQLite's batch mode would copy them onto moved columns
            self._move_columns(operations, name, moves)
        for step in steps:
            if step.kind in ("add_column", "convert_column"):
                operations.add_column(name, Column(step.field, storage.codecs[step.field].sql_type, nullable=True))
            elif step.kind == "widen_column":
                self._widen(operations, storage, step)
        self._fill(storage, reports)

    def _moves(self, name: str, steps: list[Step]) -> dict[str, str]:
        """Old column → new name: renamed fields, and archived or converted ones moved aside (and registered)."""
        converted = {step.field for step in steps if step.kind == "convert_column"}
        moves: dict[str, str] = {}
        for step in steps:
            if step.kind == "rename_column" and step.field not in converted:
                moves[step.source_field] = step.field
            elif step.kind in ("archive_column", "convert_column"):
                moves[step.source_field] = archived_column_name(step.source_field, self.version)
                self._register("column", step.entity, step.source_field, name, moves[step.source_field])
        return moves

    def _fill(self, storage: EntityStorage, reports: list[StepReport]) -> None:
        """Write the converted values, the defaults of new fields and the computed fields the changes touch."""
        for report in reports:
            step = report.step
            if step.kind == "convert_column":
                self._write_values(storage, step.field, ((item.record_id, item.value) for item in report.converted))
            elif step.kind in ("add_column", "require_values"):
                self._fill_default(storage, step.field)
        touched = {report.step.field for report in reports}
        for item in storage.entity.fields:
            if item.type is FieldType.COMPUTED and item.id in touched:
                self._recompute(storage, item.id)

    def _move_columns(self, operations: Operations, name: str, moves: dict[str, str]) -> None:
        """Rename columns, through temporary names when a new name is an old one (a swap)."""
        if set(moves.values()) & set(moves):
            staged = {old: bounded(f"tmp_{self.version}_{old}") for old in moves}
            with operations.batch_alter_table(name) as batch:
                for old, temporary in staged.items():
                    batch.alter_column(old, new_column_name=temporary)
            moves = {staged[old]: new for old, new in moves.items()}
        with operations.batch_alter_table(name) as batch:
            for old, new in moves.items():
                batch.alter_column(old, new_column_name=new)

    def _widen(self, operations: Operations, storage: EntityStorage, step: Step) -> None:
        """A longer text type, in place; SQLite enforces no VARCHAR length and stores VARCHAR and TEXT alike."""
        if self.connection.dialect.name == "postgresql":
            old_type = self.old[step.source_entity].codecs[step.source_field].sql_type
            new_type = storage.codecs[step.field].sql_type
            operations.alter_column(storage.table.name, step.field, type_=new_type, existing_type=old_type)

    def _write_values(self, storage: EntityStorage, field_id: str, values: Iterable[tuple[int, Any]]) -> None:
        """Set a column record by record, BATCH records per statement (None values are left empty)."""
        table = storage.table
        statement = update(table).where(table.c.id == bindparam("record_id")).values({field_id: bindparam("value")})
        batch: list[dict[str, Any]] = []
        for record_id, value in values:
            if value is not None:
                batch.append({"record_id": record_id, "value": value})
            if len(batch) >= BATCH:
                self.connection.execute(statement, batch)
                batch = []
        if batch:
            self.connection.execute(statement, batch)

    def _fill_default(self, storage: EntityStorage, field_id: str) -> None:
        """Give every record without a value for the field its default (if it has one)."""
        default = storage.entity.own_field(field_id).default
        if default is not None:
            value = storage.codecs[field_id].to_database(default)
            empty = storage.table.c[field_id].is_(None)
            self.connection.execute(update(storage.table).where(empty).values({field_id: value}))

    def _recompute(self, storage: EntityStorage, field_id: str) -> None:
        """Compute a computed column for every record from the fields its formula reads."""
        formula = parse_formula(storage.entity.own_field(field_id).formula)
        inputs = sorted(name for name in formula.fields if name in storage.codecs)
        table, codec = storage.table, storage.codecs[field_id]
        rows = self.connection.execute(select(table.c.id, *(table.c[name] for name in inputs))).all()
        values = [
            (record_id, computed_value(formula, codec, storage.codecs, dict(zip(inputs, stored, strict=True))))
            for record_id, *stored in rows
        ]
        self.connection.execute(update(table).values({field_id: None}))
        self._write_values(storage, field_id, values)

    def _register(self, kind: str, entity: str, field_id: str | None, table: str, stored: str) -> None:
        self.connection.execute(
            ArchiveRow.__table__.insert().values(
                app_number=self.app_number,
                version=self.version,
                kind=kind,
                entity=entity,
                field=field_id,
                table_name=table,
                stored_name=stored,
            )
        )


def _temporary(entity_id: str) -> str:
    return bounded(f"tmp_rename_{entity_id}")
