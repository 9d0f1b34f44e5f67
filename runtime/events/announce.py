"""Announcing a change when its transaction commits: PostgreSQL NOTIFY reaches every worker, SQLite stays in-process."""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from runtime.database import after_commit
from runtime.events.model import ChangeEvent
from runtime.events.postgres_listener import CHANNEL_SQL

if TYPE_CHECKING:
    from runtime.events.hub import EventHub

MAX_PAYLOAD_BYTES = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes or more
_NOTIFY = text(f"SELECT pg_notify({CHANNEL_SQL}, :payload)")
_HUBS: weakref.WeakKeyDictionary[Engine, EventHub] = weakref.WeakKeyDictionary()


def register_hub(engine: Engine, hub: EventHub) -> None:
    """Make `hub` the one that hears the in-process announcements of changes made through `engine`."""
    _HUBS[engine] = hub


def announce(connection: Connection, event: ChangeEvent) -> None:
    """Announce the event if, and once, the connection's transaction commits."""
    if connection.dialect.name == "postgresql":  # NOTIFY is transactional: delivered at commit, dropped on rollback
        payload = event.to_text()
        if len(payload.encode()) > MAX_PAYLOAD_BYTES:
            payload = replace(event, before=None).to_text()
        connection.execute(_NOTIFY, {"payload": payload})
        return
    hub = _HUBS.get(connection.engine)
    if hub is not None and hub.has_listeners:
        after_commit(connection, lambda: hub.receive(event))
