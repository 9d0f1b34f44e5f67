"""Dry-run and apply a rollback's plan: the publish steps, plus restores of archived columns and tables."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, delete, func, select, table

from runtime.migrations.archives import ArchiveRow
from runtime.migrations.dry_run import EXAMPLES, DryRun
from runtime.migrations.execute import MigrationRun
from runtime.migrations.plan import Step
from runtime.migrations.reports import StepReport
from runtime.storage.tables import EntityStorage, archived_column_name, table_name


class RestoreDryRun(DryRun):
    """A dry run that also reads archived columns: what a restore brings back and whether it fits."""

    def _inspect(self, step: Step, earlier: list[StepReport]) -> StepReport:
        restore = _restore_of(step, earlier)
        if step.kind == "restore_table":
            report = StepReport(step, note=step.note)
            counted = select(func.count()).select_from(table(step.archived))
            report.rows = self.connection.execute(counted).scalar_one()
            return report
        if step.kind == "restore_column":
            handling = self.handlings.get(f"{step.entity}.{step.field}", "fail")
            report = StepReport(step, note=step.note, handling=handling)
            report.rows = self.connection.execute(select(func.count()).select_from(self._table(step))).scalar_one()
            if step.source_field:
                self._convert_missing(report)
            return report
        if restore is not None and step.kind in ("require_values", "add_unique"):
            return self._check_restored(step, restore)
        report = super()._inspect(step, earlier)
        report.note = report.note or step.note
        return report

    def _table(self, step: Step) -> Table:
        """The live table with the columns a restore reads, typed as the target's field stores them."""
        source = self.old[step.source_entity]
        codec = self.new[step.entity].codecs[step.field]
        columns = [Column("id", Integer), Column("deleted_at", DateTime(timezone=True))]
        columns.append(Column(step.archived, codec.sql_type))
        if step.source_field:
            columns.append(Column(step.source_field, source.codecs[step.source_field].sql_type))
        return Table(source.table.name, MetaData(), *columns)

    def _convert_missing(self, report: StepReport) -> None:
        """Records without an archived value (written after the conversion) get their current value converted back."""
        step = report.step
        source, data = self.old[step.source_entity], self._table(step)
        old_codec, new_codec = source.codecs[step.source_field], self.new[step.entity].codecs[step.field]
        live = data.c.deleted_at.is_(None).label("live")
        current = data.c[step.source_field]
        missing = select(data.c.id, live, current).where(data.c[step.archived].is_(None), current.is_not(None))
        self._convert_rows(report, missing.order_by(data.c.id), old_codec, new_codec)

    def _final_values(self, restore: StepReport) -> dict[int, Any]:
        """Each live record's value once the restore is applied."""
        data = self._table(restore.step)
        rows = select(data.c.id, data.c[restore.step.archived]).where(data.c.deleted_at.is_(None))
        values = dict(self.connection.execute(rows).all())
        values |= {item.record_id: item.value for item in restore.converted if item.live}
        return values

    def _check_restored(self, step: Step, restore: StepReport) -> StepReport:
        """require_values / add_unique on a restored column: the values that come back must fit."""
        report = StepReport(step, rows=restore.rows)
        values = self._final_values(restore)
        if step.kind == "require_values":
            missing = sorted(record_id for record_id, value in values.items() if value is None)
            if self.new[step.entity].entity.own_field(step.field).default is not None:
                report.note = f"{len(missing)} record(s) without a value get the default value" if missing else None
                return report
            report.failures, report.examples = len(missing), [{"id": record_id} for record_id in missing[:EXAMPLES]]
            return report
        holders: dict[Any, list[int]] = defaultdict(list)
        for record_id, value in sorted(values.items()):
            if value is not None:
                holders[value].append(record_id)
        shared = [(value, ids) for value, ids in holders.items() if len(ids) > 1]
        codec = self.new[step.entity].codecs[step.field]
        report.failures = len(shared)
        report.examples = [{"value": codec.to_json(value), "ids": ids[:EXAMPLES]} for value, ids in shared[:EXAMPLES]]
        return report


class RollbackRun(MigrationRun):
    """A migration run whose plan may restore archived columns and tables (see runtime.migrations.restores)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dry = self._dry_run
        self._dry_run = RestoreDryRun(dry.connection, dry.old, dry.new, timezone=dry.timezone, handlings=dry.handlings)

    def apply(self, reports: list[StepReport]) -> None:
        """Rename archived tables back first; the rest is a publish (columns restored with the other moves)."""
        operations = Operations(MigrationContext.configure(self.connection))
        for report in reports:
            step = report.step
            if step.kind == "restore_table":
                name = table_name(self.app_number, step.entity)
                operations.rename_table(step.archived, name)
                self._unregister("table", name, step.archived)
        super().apply(reports)

    def _moves(self, name: str, steps: list[Step]) -> dict[str, str]:
        """The publish's moves, plus restores: the live column (if any) goes aside, the archived one comes back."""
        moves = super()._moves(name, steps)
        for step in steps:
            if step.kind != "restore_column":
                continue
            if step.source_field:
                moves[step.source_field] = archived_column_name(step.source_field, self.version)
                self._register("column", step.entity, step.source_field, name, moves[step.source_field])
            moves[step.archived] = step.field
            self._unregister("column", name, step.archived)
        return moves

    def _fill(self, storage: EntityStorage, reports: list[StepReport]) -> None:
        """Write the converted values of records without an archived one, then the publish's fills."""
        for report in reports:
            if report.step.kind == "restore_column":
                values = ((item.record_id, item.value) for item in report.converted)
                self._write_values(storage, report.step.field, values)
        super()._fill(storage, reports)

    def _unregister(self, kind: str, table: str, stored: str) -> None:
        """Forget an archive that is live again."""
        archives = ArchiveRow.__table__
        found = (archives.c.app_number == self.app_number, archives.c.kind == kind, archives.c.table_name == table)
        self.connection.execute(delete(archives).where(*found, archives.c.stored_name == stored))


def _restore_of(step: Step, earlier: list[StepReport]) -> StepReport | None:
    """The restore report of the step's field, if the field is restored."""
    for report in earlier:
        restored = report.step
        if restored.kind == "restore_column" and (restored.entity, restored.field) == (step.entity, step.field):
            return report
    return None
