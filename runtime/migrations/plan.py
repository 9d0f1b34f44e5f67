"""Plan the storage changes between two versions of an app, step by step, before touching data."""

# Ids never change implicitly: a field or entity whose id disappears is archived and a new id is a
# new column or table, unless the publish request names the change as a rename.

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.formulas import parse_formula
from builder.model import AppDefinition, Entity, Field, FieldType
from builder.renames import Renames
from builder.service.errors import ApiError
from runtime.storage.codecs import TextCodec, codec_for

NO_RENAMES = Renames()


def renames_from_json(raw: Any) -> Renames:
    """Read {"entities": {"old": "new"}, "fields": {"old_entity.old_field": "new_field"}}; 422 when malformed."""
    if raw in (None, {}):
        return NO_RENAMES
    if not isinstance(raw, dict) or not set(raw) <= {"entities", "fields"}:
        raise _bad_renames('renames must be {"entities": {...}, "fields": {...}}')
    entities, fields = raw.get("entities", {}), raw.get("fields", {})
    if not _string_map(entities) or not _string_map(fields):
        raise _bad_renames("renames map ids to ids")
    try:
        return Renames.from_pairs(entities, fields)
    except ValueError as error:
        raise _bad_renames(str(error)) from None


@dataclass(frozen=True, slots=True)
class Step:
    """One change to storage, described for the reviewer."""

    kind: str
    entity: str
    field: str | None = None
    source_entity: str | None = None
    source_field: str | None = None
    destructive: bool = False
    archived: str | None = None  # restore_column / restore_table: the archived column or table that comes back
    note: str | None = None  # why the step is what it is (a rollback's restore or its fallback)

    def to_json(self) -> dict[str, Any]:
        """The step as JSON (without dry-run results)."""
        data = {"kind": self.kind, "entity": self.entity, "field": self.field, "destructive": self.destructive}
        if self.source_entity and self.source_entity != self.entity:
            data["from_entity"] = self.source_entity
        if self.source_field and self.source_field != self.field:
            data["from_field"] = self.source_field
        if self.archived:
            data["from_archive"] = self.archived
        return data


@dataclass(frozen=True, slots=True)
class MigrationPlan:
    """The steps from one version to the next, in the order they apply."""

    steps: tuple[Step, ...]

    @property
    def destructive(self) -> bool:
        """Whether any step archives data (needs confirmation)."""
        return any(step.destructive for step in self.steps)


def plan_migration(old: AppDefinition | None, new: AppDefinition, renames: Renames = NO_RENAMES) -> MigrationPlan:
    """The steps that turn the storage of `old` (None: nothing published yet) into that of `new`."""
    _check_renames(old, new, renames)
    old_entities = {entity.id: entity for entity in (old.entities if old else ())}
    sources = {new_id: old_id for old_id, new_id in renames.entities.items()}
    steps: list[Step] = []
    used_old: set[str] = set()
    for entity in new.entities:
        source_id = sources.get(
            entity.id, entity.id if entity.id in old_entities and entity.id not in renames.entities else None
        )
        if source_id is None:
            steps.append(Step("create_table", entity.id))
            continue
        used_old.add(source_id)
        if source_id != entity.id:
            steps.append(Step("rename_table", entity.id, source_entity=source_id))
        steps += _field_steps(old_entities[source_id], entity, renames)
    steps += [
        Step("archive_table", entity_id, destructive=True) for entity_id in old_entities if entity_id not in used_old
    ]
    return MigrationPlan(tuple(steps))


def _field_steps(old: Entity, new: Entity, renames: Renames) -> list[Step]:
    old_fields = {item.id: item for item in old.fields}
    field_sources = {new_id: old_id for (entity_id, old_id), new_id in renames.fields.items() if entity_id == old.id}
    renamed_away = {old_id for (entity_id, old_id) in renames.fields if entity_id == old.id}
    steps: list[Step] = []
    used: set[str] = set()
    converted: set[str] = set()
    rewritten: set[str] = set()  # fields whose stored values change: computed fields reading them are recomputed
    for item in new.fields:
        source_id = field_sources.get(item.id)
        if source_id is None and item.id in old_fields and item.id not in renamed_away:
            source_id = item.id
        where = {"source_entity": old.id, "source_field": source_id}
        if source_id is None:
            steps.append(Step("add_column", new.id, item.id, source_entity=old.id))
        else:
            used.add(source_id)
            source = old_fields[source_id]
            if source_id != item.id:
                steps.append(Step("rename_column", new.id, item.id, **where))
            change = column_change(source, item, renames.entities.get(source.target_entity, source.target_entity))
            if change is not None:
                steps.append(Step(change, new.id, item.id, **where))
            if change == "convert_column":
                converted.add(item.id)
                rewritten.add(item.id)
            if source.unique and not item.unique:
                steps.append(Step("drop_unique", new.id, item.id, **where))
        checks = _value_checks(item, old_fields.get(source_id) if source_id else None, item.id in converted)
        steps += [Step(kind, new.id, item.id, **where) for kind in checks]
        if "require_values" in checks and item.default is not None and source_id is not None:
            rewritten.add(item.id)  # stored records without a value get the default
    for item in new.fields:
        if item.type is FieldType.COMPUTED and _recompute(old_fields, field_sources, item, rewritten):
            steps.append(Step("recompute_column", new.id, item.id, source_entity=old.id))
    steps += [
        Step("archive_column", new.id, source_field=field_id, source_entity=old.id, destructive=True)
        for field_id in old_fields
        if field_id not in used
    ]
    return steps


def _value_checks(item: Field, source: Field | None, converted: bool) -> list[str]:
    """The steps that check stored values against a field's new constraints (unique, required)."""
    checks = []
    if item.unique and (source is None or not source.unique or converted):
        checks.append("add_unique")
    if item.settable and item.required and (source is None or not source.required or converted):
        checks.append("require_values")
    return checks


def column_change(old: Field, new: Field, old_target: str | None = None) -> str | None:
    """How a kept field's column changes (convert_column, widen_column or None); old_target: its renamed ref target."""
    old_codec, new_codec = codec_for(old), codec_for(new)
    same_storage = (type(old_codec), str(old_codec.sql_type), getattr(old_codec, "scale", None)) == (
        type(new_codec),
        str(new_codec.sql_type),
        getattr(new_codec, "scale", None),
    )
    if old.type is FieldType.COMPUTED or new.type is FieldType.COMPUTED:
        # computed values are recomputed, not converted; only a new storage needs a new column
        return None if same_storage and old.type is new.type else "convert_column"
    if not _holds_every_value(old, new) or old_target != new.target_entity:
        return "convert_column"
    if same_storage:
        return None
    return "widen_column" if isinstance(old_codec, TextCodec) and isinstance(new_codec, TextCodec) else "convert_column"


def _holds_every_value(old: Field, new: Field) -> bool:
    """Whether every value valid for `old` is valid for `new` as it is stored (no value to rewrite or re-check)."""
    same_kind = (
        old.type is new.type
        or (old.is_textual and new.type in (FieldType.TEXT, FieldType.LONGTEXT))
        or (old.type is FieldType.RATING and new.type is FieldType.INTEGER)
    )
    return (
        same_kind
        and set(old.option_ids) <= set(new.option_ids)
        and (new.effective_max_length or 0) >= (old.effective_max_length or 0)
        and (new.lower_bound is None or (old.lower_bound is not None and new.lower_bound <= old.lower_bound))
        and (new.upper_bound is None or (old.upper_bound is not None and new.upper_bound >= old.upper_bound))
    )


def _recompute(old_fields: dict[str, Field], sources: dict[str, str], item: Field, rewritten: set[str]) -> bool:
    """Whether a computed column needs computing again: new, with a new formula, or reading changed values."""
    source = old_fields.get(sources.get(item.id, item.id))
    if source is None or source.type is not FieldType.COMPUTED:
        return True
    if (source.formula, source.scale, source.format) != (item.formula, item.scale, item.format):
        return True
    reads = parse_formula(item.formula).fields
    return bool(reads & rewritten) or any(sources.get(name, name) != name for name in reads)


def _check_renames(old: AppDefinition | None, new: AppDefinition, renames: Renames) -> None:
    problems = []
    old_ids = {entity.id for entity in (old.entities if old else ())}
    new_ids = {entity.id for entity in new.entities}
    for old_id, new_id in renames.entities.items():
        if old_id not in old_ids:
            problems.append(f"entity '{old_id}' is not in the published version")
        if new_id not in new_ids:
            problems.append(f"entity '{new_id}' is not in the new version")
        if new_id in old_ids and new_id not in renames.entities:
            problems.append(f"entity '{new_id}' already exists in the published version")
    if len(set(renames.entities.values())) != len(renames.entities):
        problems.append("two entities are renamed to the same id")
    for (entity_id, old_field), new_field in renames.fields.items():
        old_entity = old.entity(entity_id) if old else None
        new_entity = new.entity(renames.entities.get(entity_id, entity_id))
        if old_entity is None or old_entity.own_field(old_field) is None:
            problems.append(f"field '{entity_id}.{old_field}' is not in the published version")
        elif new_entity is None or new_entity.own_field(new_field) is None:
            problems.append(f"field '{new_field}' is not in the new version of '{entity_id}'")
    if problems:
        raise _bad_renames("; ".join(problems))


def _string_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _bad_renames(detail: str) -> ApiError:
    return ApiError(422, "publish.invalid_renames", f"Invalid renames: {detail}. / 重命名设置无效：{detail}。")
