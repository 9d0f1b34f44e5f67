"""Every record write leaves the same trace, whoever makes it (a request, a workflow, a rule): audit, then listeners."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from runtime.live_apps import LiveApp
from runtime.records.audit import AUDIT_INSERT
from runtime.records.write_events import RecordWrite, WriteAction, WriteListener


def audit_write(
    connection: Connection,
    live: LiveApp,
    entity_id: str,
    record_id: int,
    action: str,
    *,
    actor: str,
    at: datetime,
    changes: dict[str, Any],
) -> None:
    """One audit row: who did what to a record, with the changed fields as [old, new] JSON values."""
    connection.execute(
        AUDIT_INSERT,
        {
            "app_number": live.number,
            "version": live.version,
            "entity": entity_id,
            "record_id": record_id,
            "action": action,
            "actor": actor,
            "at": at,
            "changes": changes,
        },
    )


def announce_write(
    connection: Connection,
    listeners: tuple[WriteListener, ...],
    live: LiveApp,
    entity_id: str,
    change: tuple[WriteAction, Row | None, Row],
    *,
    actor: str,
    source: str = "api",
) -> None:
    """Tell the listeners of a write (action, stored row before, stored row after) inside the transaction."""
    action, before, after = change
    write = RecordWrite(
        live=live,
        entity=entity_id,
        record_id=after.id,
        action=action,
        before=None if before is None else dict(before._mapping),
        after=dict(after._mapping),
        actor=actor,
        at=after.updated_at,
        source=source,
    )
    for listener in listeners:
        listener(connection, write)
