"""A user's notifications: a page of them, the unread count, marking them read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select, update

from runtime.events.announce import announce
from runtime.events.model import ChangeEvent, EventKind
from runtime.notifications.tables import NOTIFICATIONS, row_json

_N = NOTIFICATIONS.c


@dataclass(frozen=True, slots=True)
class InboxQuery:
    """Which page of whose notifications, newest first."""

    username: str
    unread_only: bool = False
    page: int = 1
    page_size: int = 20


def inbox_page(connection: Connection, query: InboxQuery) -> dict[str, Any]:
    """One page of the user's notifications with the number matching and the number unread."""
    mine = _N.recipient == query.username
    matching = and_(mine, _N.read_at.is_(None)) if query.unread_only else mine
    rows = connection.execute(
        select(NOTIFICATIONS)
        .where(matching)
        .order_by(_N.id.desc())
        .limit(query.page_size)
        .offset((query.page - 1) * query.page_size)
    )
    return {
        "items": [row_json(row) for row in rows],
        "total": connection.execute(select(func.count()).where(matching)).scalar_one(),
        "unread": unread_count(connection, query.username),
        "page": query.page,
        "page_size": query.page_size,
    }


def unread_count(connection: Connection, username: str) -> int:
    """How many of the user's notifications are unread."""
    return connection.execute(select(func.count()).where(_N.recipient == username, _N.read_at.is_(None))).scalar_one()


def mark_read(connection: Connection, username: str, notification_id: int, now: datetime) -> dict[str, Any] | None:
    """Mark one of the user's notifications read (kept as first read); None when it is not theirs."""
    connection.execute(
        update(NOTIFICATIONS)
        .where(_N.id == notification_id, _N.recipient == username, _N.read_at.is_(None))
        .values(read_at=now)
    )
    row = connection.execute(select(NOTIFICATIONS).where(_N.id == notification_id, _N.recipient == username)).first()
    if row is not None:
        announce(connection, read_event(username, notification_id))
    return None if row is None else row_json(row)


def mark_all_read(connection: Connection, username: str, now: datetime) -> int:
    """Mark every unread notification of the user read; how many were unread."""
    result = connection.execute(
        update(NOTIFICATIONS).where(_N.recipient == username, _N.read_at.is_(None)).values(read_at=now)
    )
    if result.rowcount:
        announce(connection, read_event(username, None))
    return result.rowcount


def read_event(username: str, notification_id: int | None) -> ChangeEvent:
    """The event telling the user's other open pages that notifications were read (one, or all with None)."""
    return ChangeEvent(kind=EventKind.NOTIFICATION, action="read", recipient=username, notification_id=notification_id)
