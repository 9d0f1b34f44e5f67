"""Suggestions (recommended plays) attached to records by rules: stored as templates, rendered for each reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from builder.model.common import Label
from builder.model.raw_values import read_label
from builder.moments import utc_text
from runtime.notifications.personal import Reader
from runtime.notifications.templates import label_message, render
from runtime.rules.tables import SUGGESTIONS, label_json

_S = SUGGESTIONS.c


@dataclass(frozen=True, slots=True)
class Attachment:
    """Which record a suggestion goes on, and which rule firing put it there."""

    app_number: int
    entity: str
    record_id: int
    rule_id: str
    firing_id: int


def attach_suggestion(
    connection: Connection, where: Attachment, title: Label | None, message: Label, now: datetime
) -> int:
    """Store a suggestion on a record; its id."""
    return connection.execute(
        insert(SUGGESTIONS)
        .values(
            app_number=where.app_number,
            entity=where.entity,
            record_id=where.record_id,
            rule_id=where.rule_id,
            firing_id=where.firing_id,
            title=None if title is None else label_json(title),
            message=label_json(message),
            created_at=now,
        )
        .returning(_S.id)
    ).scalar_one()


def suggestions_for(reader: Reader, entity_id: str, record_id: int, *, dismissed: bool = False) -> list[dict[str, Any]]:
    """The suggestions on a record the reader may read, newest first, rendered for them (hidden values as ***)."""
    record = reader.record_text(entity_id, record_id)
    if record is None:
        return []
    query = select(SUGGESTIONS).where(
        _S.app_number == reader.live.number, _S.entity == entity_id, _S.record_id == record_id
    )
    if not dismissed:
        query = query.where(_S.dismissed_at.is_(None))
    items = []
    for row in reader.connection.execute(query.order_by(_S.id.desc())):
        title = read_label(row.title)
        message = read_label(row.message) or Label(plain="")
        items.append(
            {
                "id": row.id,
                "rule": row.rule_id,
                "title": None if title is None else label_message(title).to_json(),
                "message": render(message, record.text).to_json(),
                "created_at": utc_text(row.created_at),
                "dismissed_at": None if row.dismissed_at is None else utc_text(row.dismissed_at),
                "dismissed_by": row.dismissed_by,
            }
        )
    return items


def dismiss_suggestion(connection: Connection, where: tuple[int, str, int], suggestion_id: int, by: str, now: datetime):
    """Mark a suggestion of the record (app number, entity, record id) dismissed; whether there was one."""
    app_number, entity_id, record_id = where
    result = connection.execute(
        update(SUGGESTIONS)
        .where(
            _S.id == suggestion_id,
            _S.app_number == app_number,
            _S.entity == entity_id,
            _S.record_id == record_id,
            _S.dismissed_at.is_(None),
        )
        .values(dismissed_at=now, dismissed_by=by)
    )
    return result.rowcount > 0
