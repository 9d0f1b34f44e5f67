"""The engine's writes to a record (its workflow_state, a set_field node), audited and announced; the record lock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, select, update

from builder.identifiers import SYSTEM_COLUMNS
from builder.service.errors import ApiError
from runtime.live_apps import LiveApp
from runtime.records.write_events import RecordWrite, WriteAction, WriteListener
from runtime.records.write_log import announce_write, audit_write
from runtime.storage.computed import computed_values
from runtime.workflows.tables import ACTIVE_STATES, EventRow, InstanceRow, InstanceState, TaskRow, TaskStatus

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
    pairs = {name: [codecs[name].to_json(before._mapping[name]), codecs[name].to_json(v)] for name, v in values.items()}
    changes = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    if changes:
        audit_write(connection, live, entity_id, record_id, SOURCE, actor=actor, at=now, changes=changes)
    change = (WriteAction.UPDATE, before, after)
    announce_write(connection, listeners, live, entity_id, change, actor=actor, source=SOURCE)
    return after


def guard_record_writes(connection: Connection, write: RecordWrite) -> None:
    """A record in approval changes only through its workflow (409); deleting one sent back cancels its workflow."""
    if write.source != "api" or write.before is None or write.action is WriteAction.RESTORE:
        return
    state = write.before.get("workflow_state")
    if state == InstanceState.IN_APPROVAL:
        raise ApiError(
            409,
            "record.locked",
            "The record is in approval and cannot be changed until it is sent back or decided. "
            "/ 记录审批中，退回或审批结束前不能修改。",
        )
    if state == InstanceState.REVISING and write.action is WriteAction.DELETE:
        _cancel_instance(connection, write)


def _cancel_instance(connection: Connection, write: RecordWrite) -> None:
    """The record's running instance ends as cancelled, its open tasks closed, with a line in its timeline."""
    instances, tasks, events = InstanceRow.__table__, TaskRow.__table__, EventRow.__table__
    found = connection.execute(
        select(instances.c.id).where(
            instances.c.app_number == write.live.number,
            instances.c.entity == write.entity,
            instances.c.record_id == write.record_id,
            instances.c.state.in_([state.value for state in ACTIVE_STATES]),
        )
    ).scalar()
    if found is None:
        return
    connection.execute(
        update(instances)
        .where(instances.c.id == found)
        .values(state=InstanceState.CANCELLED, node=None, updated_at=write.at)
    )
    connection.execute(
        update(tasks)
        .where(tasks.c.instance_id == found, tasks.c.status == TaskStatus.PENDING)
        .values(status=TaskStatus.CANCELLED, decided_at=write.at)
    )
    connection.execute(
        events.insert().values(
            instance_id=found,
            at=write.at,
            actor=write.actor,
            action="cancel",
            comment="",
            details={"reason": "record_deleted"},
        )
    )
