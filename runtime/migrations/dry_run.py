"""The dry run of a migration plan: what each step would touch and which stored values would not fit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from sqlalchemy import Connection, Select, func, select

from builder.model import Field, FieldType
from runtime.migrations.conversions import ConversionFailed, convert_stored
from runtime.migrations.plan import MigrationPlan, Step
from runtime.migrations.reports import Converted, StepReport
from runtime.storage.codecs import Codec
from runtime.storage.tables import EntityStorage

EXAMPLES = 5
CHUNK = 1000  # rows converted between two look-ups of ref targets


class DryRun:
    """Reads the stored records a plan's steps would touch (the tables of the live version)."""

    def __init__(
        self,
        connection: Connection,
        old: Mapping[str, EntityStorage],
        new: Mapping[str, EntityStorage],
        *,
        timezone: tzinfo,
        handlings: Mapping[str, str],
    ) -> None:
        self.connection = connection
        self.old = old
        self.new = new
        self.timezone = timezone
        self.handlings = handlings

    def reports(self, plan: MigrationPlan) -> list[StepReport]:
        """One report per step, in plan order."""
        self.sources = _table_sources(plan, self.old)
        reports: list[StepReport] = []
        for step in plan.steps:
            reports.append(self._inspect(step, reports))
        return reports

    def _inspect(self, step: Step, earlier: list[StepReport]) -> StepReport:
        report = StepReport(step)
        if step.kind == "create_table":
            return report
        source = self.old[step.source_entity or step.entity]
        report.rows = self.connection.execute(select(func.count()).select_from(source.table)).scalar_one()
        if step.kind == "convert_column":
            self._convert(report)
        elif step.kind == "add_unique":
            self._find_duplicates(report, earlier)
        elif step.kind == "require_values":
            self._find_missing(report, earlier)
        elif step.kind == "add_column" and self.new[step.entity].entity.own_field(step.field).default is not None:
            report.note = "existing records get the default value"
        return report

    def _convert(self, report: StepReport) -> None:
        """Convert every stored value of the column, keeping the new values and the failures."""
        step = report.step
        report.handling = self.handlings.get(f"{step.entity}.{step.field}", "fail")
        if self.new[step.entity].entity.own_field(step.field).type is FieldType.COMPUTED:
            return  # computed values are recomputed from their inputs
        source = self.old[step.source_entity]
        table, column = source.table, source.table.c[step.source_field]
        old_codec, new_codec = source.codecs[step.source_field], self.new[step.entity].codecs[step.field]
        live = table.c.deleted_at.is_(None).label("live")
        rows = select(table.c.id, live, column).where(column.is_not(None)).order_by(table.c.id)
        self._convert_rows(report, rows, old_codec, new_codec)

    def _convert_rows(self, report: StepReport, rows: Select, old_codec: Codec, new_codec: Codec) -> None:
        """Convert (id, live, stored value) rows, keeping the new values and the failures (refs must name records)."""
        for chunk in self.connection.execute(rows).partitions(CHUNK):
            converted: list[tuple[Converted, Any]] = []
            for record_id, is_live, stored in chunk:
                try:
                    value = convert_stored(stored, old_codec, new_codec, self.timezone)
                except ConversionFailed:
                    self._fail(report, record_id, old_codec.to_json(stored))
                    continue
                if value is not None:
                    converted.append((Converted(record_id, bool(is_live), value), stored))
            targets = self._targets(old_codec.field, new_codec.field, [item.value for item, _ in converted])
            for item, stored in converted:
                if targets is None or item.value in targets:
                    report.converted.append(item)
                else:
                    self._fail(report, item.record_id, old_codec.to_json(stored))

    @staticmethod
    def _fail(report: StepReport, record_id: int, value: Any) -> None:
        report.failures += 1
        if len(report.examples) < EXAMPLES:
            report.examples.append({"id": record_id, "value": value})

    def _targets(self, old: Field, new: Field, ids: list[Any]) -> set[Any] | None:
        """Which of `ids` name live records of a ref field's target (None: the field is no ref)."""
        if new.type is not FieldType.REF:
            return None
        source = self.sources.get(new.target_entity)
        if old.type is FieldType.REF or source is None or not ids:
            return set()  # ids of another entity's records, or a target that starts empty
        table = self.old[source].table
        found = select(table.c.id).where(table.c.id.in_(ids), table.c.deleted_at.is_(None))
        return set(self.connection.execute(found).scalars())

    def _find_missing(self, report: StepReport, earlier: list[StepReport]) -> None:
        """Live records that would have no value for a field that becomes required (a default fills them)."""
        step = report.step
        field = self.new[step.entity].entity.own_field(step.field)
        table = self.old[step.source_entity].table
        live = select(table.c.id).where(table.c.deleted_at.is_(None)).order_by(table.c.id)
        conversion = next((r for r in earlier if r.step.kind == "convert_column" and r.step.field == step.field), None)
        if conversion is not None:
            kept = {item.record_id for item in conversion.converted}
            missing = [record_id for record_id in self.connection.execute(live).scalars() if record_id not in kept]
        elif step.source_field is None:
            missing = [] if field.default is not None else list(self.connection.execute(live).scalars())
        else:
            missing = list(self.connection.execute(live.where(table.c[step.source_field].is_(None))).scalars())
        if field.default is not None:
            report.note = f"{len(missing)} record(s) without a value get the default value" if missing else None
            return
        report.failures = len(missing)
        report.examples = [{"id": record_id} for record_id in missing[:EXAMPLES]]

    def _find_duplicates(self, report: StepReport, earlier: list[StepReport]) -> None:
        """Values more than one live record would hold once the field is unique."""
        step = report.step
        converts = (r for r in earlier if r.step.kind == "convert_column" and r.step.entity == step.entity)
        conversion = next((r for r in converts if r.step.field == step.field), None)
        if conversion is not None:
            self._converted_duplicates(report, conversion)
        elif step.source_field is not None:
            self._stored_duplicates(report)
        # a new unique column starts empty: the validator refuses a default on a unique field

    def _converted_duplicates(self, report: StepReport, conversion: StepReport) -> None:
        """New values of a converted column that live records would share."""
        holders: dict[Any, list[int]] = defaultdict(list)
        for item in conversion.converted:
            if item.live:
                holders[item.value].append(item.record_id)
        shared = [(value, ids) for value, ids in holders.items() if len(ids) > 1]
        codec = self.new[report.step.entity].codecs[report.step.field]
        report.failures = len(shared)
        report.examples = [{"value": codec.to_json(value), "ids": ids[:EXAMPLES]} for value, ids in shared[:EXAMPLES]]

    def _stored_duplicates(self, report: StepReport) -> None:
        """Values of the column that live records share."""
        step = report.step
        source = self.old[step.source_entity]
        table, column = source.table, source.table.c[step.source_field]
        live = table.c.deleted_at.is_(None)
        shared = select(column).where(live, column.is_not(None)).group_by(column).having(func.count() > 1)
        report.failures = self.connection.execute(select(func.count()).select_from(shared.subquery())).scalar_one()
        for value in self.connection.execute(shared.order_by(column).limit(EXAMPLES)).scalars():
            holders = select(table.c.id).where(live, column == value).order_by(table.c.id).limit(EXAMPLES)
            ids = self.connection.execute(holders).scalars().all()
            report.examples.append({"value": source.codecs[step.source_field].to_json(value), "ids": list(ids)})


def _table_sources(plan: MigrationPlan, old: Mapping[str, EntityStorage]) -> dict[str, str]:
    """Each entity of the new version → the entity of the live version whose table it keeps."""
    renamed = {step.entity: step.source_entity for step in plan.steps if step.kind == "rename_table"}
    created = {step.entity for step in plan.steps if step.kind == "create_table"}
    kept = {entity_id: entity_id for entity_id in old if entity_id not in created and entity_id not in renamed.values()}
    return kept | renamed
