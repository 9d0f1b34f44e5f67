"""The engine's writes to a record (its workflow_state, a set_field node), audited and announced; the record lock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, update

from builder.identifiers import SYSTEM_COLUMNS
from builder.service.errors import ApiError
from runtime.live_apps import LiveApp
from runtime.records.audit import AUDIT_INSERT
from runtime.records.write_events import RecordWrite, WriteAction, WriteListener
from runtime.storage.computed import computed_values
from runtime.workflows.tables import InstanceState

SOURCE = "workflow"


def stored_record(connection: Connection, live: LiveApp, entity_id: str, record_id: int) -> Row:
    """A live record's stored values, hidden ones included; 404 when it does not exist or was deleted."""
    row = connection.execute(live.entity(entity_id).statements.select_live, {"_record_id": record_id}).first()
    if row is None:
        raise ApiError(
            404, "record.not_found", f"There is no {entity_id} record {record_id}. / 记录 {record_id} 不存在。"
        )
    return row


def write_record(
    connection: Connection,
    live: LiveApp,
    entity_id: str,
    record_id: int,
    values: dict[str, Any],
    *,
    actor: str,
    listeners: tuple[WriteListener, ...],
) -> Row:
    """Store values (database form) on a record as the engine, recomputing computed fields; audit and announce it."""
    entity = live.entity(entity_id)
    table, codecs = entity.storage.table, entity.storage.codecs
    before = stored_record(connection, live, entity_id, record_id)
    merged = {name: before._mapping[name] for name in codecs if name not in SYSTEM_COLUMNS} | values
    values = values | computed_values(entity.formulas, codecs, merged)
    now = datetime.now(UTC)
    after = connection.execute(
        update(table)
        .where(table.c.id == record_id)
        .values(**values, row_version=table.c.row_version + 1, updated_at=now, updated_by=actor)
        .returning(*table.c)
    ).one()
    pairs = {
        name: [codecs[name].to_json(before._mapping[name]), codecs[name].to_json(value)]
        for name, value in values.items()
    }
    changes = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    if changes:
        connection.execute(
            AUDIT_INSERT,
            {
                "app_number": live.number,
                "version": live.version,
                "entity": entity_id,
                "record_id": record_id,
                "action": SOURCE,
                "actor": actor,
                "at": now,
                "changes": changes,
            },
        )
    write = RecordWrite(
        live=live,
        entity=entity_id,
        record_id=record_id,
        action=WriteAction.UPDATE,
        before=dict(before._mapping),
        after=dict(after._mapping),
        actor=actor,
        at=now,
        source=SOURCE,
    )
    for listener in listeners:
        listener(connection, write)
    return after


def refuse_locked_writes(connection: Connection, write: RecordWrite) -> None:
    """A record in approval changes only through the workflow (send back, then resubmit): 409 otherwise."""
    if write.source != "api" or write.before is None or write.action is WriteAction.RESTORE:
        return
    if write.before.get("workflow_state") == InstanceState.IN_APPROVAL:
        raise ApiError(
            409,
            "record.locked",
            "The record is in approval and cannot be changed until it is sent back or decided. "
            "/ 记录审批中，退回或审批结束前不能修改。",
        )
