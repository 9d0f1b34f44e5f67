"""Writes rules make to records (create_record, set_field), as '<rule>@rules': audited and announced like any write.

They bypass the request-side checks on purpose: the values were checked when the definition was published, and rules
may set read-only fields (docs/definition.md). Computed fields, defaults and refs are handled as the records service
does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError

from builder.identifiers import SYSTEM_COLUMNS
from builder.model import FieldType
from builder.service.errors import ApiError
from runtime.database import violated_unique_index
from runtime.live_apps import LiveEntity
from runtime.records.write_events import WriteAction
from runtime.records.write_log import announce_write, audit_write
from runtime.rules.scope import FiringScope, check_cascade_depth
from runtime.storage.computed import computed_values


def create_record(scope: FiringScope, entity_id: str, values: Mapping[str, Any], *, owner: str, actor: str) -> int:
    """Store a new record from JSON values (defaults for the rest) owned by `owner`; its id."""
    check_cascade_depth()
    entity = scope.live.entity(entity_id)
    stored = {name: value for name, value in entity.defaults.items() if name not in values}
    stored |= {name: entity.storage.codecs[name].to_database(value) for name, value in values.items()}
    _check_references(scope, entity, stored)
    stored |= _computed(entity, stored)
    system = {
        "owner": owner,
        "created_at": scope.now,
        "created_by": actor,
        "updated_at": scope.now,
        "updated_by": actor,
        "row_version": 1,
        "workflow_state": "draft",
    }
    row = _write(scope, entity, entity.statements.insert, system | stored)
    changes = {name: [None, entity.storage.codecs[name].to_json(value)] for name, value in stored.items()}
    created = {name: change for name, change in changes.items() if change[1] is not None}
    _audit(scope, entity, (row.id, "create", actor), created)
    _announce(scope, entity, WriteAction.CREATE, None, row, actor=actor)
    return row.id


def set_field(scope: FiringScope, entity_id: str, record_id: int, field_id: str, value: Any, *, actor: str) -> bool:
    """Set one field of a live record to a JSON value; whether it changed (an equal value writes nothing)."""
    entity = scope.live.entity(entity_id)
    codecs = entity.storage.codecs
    current = scope.connection.execute(entity.statements.select_live, {"_record_id": record_id}).first()
    if current is None:
        raise ApiError(404, "record.not_found", f"Record {record_id} is gone. / 记录 {record_id} 已不存在。")
    new = codecs[field_id].to_database(value)
    if codecs[field_id].to_json(current._mapping[field_id]) == codecs[field_id].to_json(new):
        return False
    check_cascade_depth()
    stored = {field_id: new}
    _check_references(scope, entity, stored)
    merged = {name: current._mapping[name] for name in codecs if name not in SYSTEM_COLUMNS} | stored
    stored |= _computed(entity, merged)
    parameters = stored | {
        "_record_id": record_id,
        "_row_version": current.row_version,
        "row_version": current.row_version + 1,
        "updated_at": scope.now,
        "updated_by": actor,
    }
    row = _write(scope, entity, entity.statements.update_live, parameters)
    if row is None:  # another transaction changed it since (PostgreSQL)
        raise ApiError(409, "record.stale", "The record changed meanwhile. / 记录已被他人修改。")
    pairs = {
        name: [codecs[name].to_json(current._mapping[name]), codecs[name].to_json(row._mapping[name])]
        for name in stored
    }
    _audit(
        scope, entity, (record_id, "update", actor), {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    )
    _announce(scope, entity, WriteAction.UPDATE, current, row, actor=actor)
    return True


def _write(scope: FiringScope, entity: LiveEntity, statement, parameters: dict[str, Any]) -> Row | None:
    """Run an insert or update; a unique value another record holds is a clear error, not the database's."""
    try:
        return scope.connection.execute(statement, parameters).first()
    except IntegrityError as error:
        field_id = entity.storage.unique_indexes.get(violated_unique_index(error) or "")
        if field_id is None:
            raise
        raise ApiError(
            409,
            "record.unique",
            f"Another {entity.id} record already has this '{field_id}'. / 已有其他记录使用了相同的“{field_id}”。",
        ) from None


def _computed(entity: LiveEntity, stored: Mapping[str, Any]) -> dict[str, Any]:
    codecs = entity.storage.codecs
    return computed_values(entity.formulas, codecs, stored)


def _check_references(scope: FiringScope, entity: LiveEntity, stored: Mapping[str, Any]) -> None:
    """Every ref value names a live record of its target entity."""
    for name, value in stored.items():
        field = entity.storage.entity.own_field(name)
        if value is None or field is None or field.type is not FieldType.REF:
            continue
        target = scope.live.entity(field.target_entity or "")
        if scope.connection.execute(target.statements.exists_live, {"_record_id": value}).first() is None:
            raise ApiError(
                422,
                "record.ref_missing",
                f"'{name}' points at {target.id} record {value}, which does not exist. / "
                f"“{name}”指向的记录 {value} 不存在。",
            )


def _audit(scope: FiringScope, entity: LiveEntity, write: tuple[int, str, str], changes: dict[str, Any]) -> None:
    """One audit row: (record id, action, actor) and the changed fields as [old, new]."""
    record_id, action, actor = write
    audit_write(scope.connection, scope.live, entity.id, record_id, action, actor=actor, at=scope.now, changes=changes)


def _announce(
    scope: FiringScope, entity: LiveEntity, action: WriteAction, before: Row | None, after: Row, *, actor: str
) -> None:
    """Tell the write listeners (rules, workflows, events), as the records service does."""
    change = (action, before, after)
    announce_write(scope.connection, scope.listeners, scope.live, entity.id, change, actor=actor, source="rules")
