"""Messages about a record rendered for each reader through the access layer: only records they may read, hidden
values shown as '***'. Rules (alerts) and workflows (notify nodes) both render through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Row, select

from builder.model import Field
from builder.model.common import Label
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp
from runtime.notifications.field_text import RecordText
from runtime.notifications.store import Message
from runtime.notifications.templates import render
from runtime.records.access import RecordAccess
from runtime.storage.tables import EntityStorage


@dataclass(frozen=True, slots=True)
class Reader:
    """One user reading records of one live app through the access layer."""

    connection: Connection
    live: LiveApp
    chart: OrgChart
    access: RecordAccess

    @classmethod
    def of(cls, connection: Connection, live: LiveApp, chart: OrgChart, username: str) -> Reader | None:
        """The reader for an active user; None for an unknown or deactivated one."""
        actor = chart.actor(username)
        if actor is None:
            return None
        return cls(connection, live, chart, RecordAccess(actor, live, connection.dialect.name))

    def record_text(self, entity_id: str, record_id: int) -> RecordText | None:
        """The live record as the reader sees it; None when they may not read it (or it is gone)."""
        storage = self.live.entity(entity_id).storage
        found = self._readable_row(storage, record_id)
        if found is None:
            return None
        row, hidden = found
        return RecordText(
            storage=storage,
            values=row._mapping,
            hidden=hidden,
            timezone=self.live.timezone,
            person=self.chart.name_of,
            ref_title=self._ref_title,
        )

    def _readable_row(self, storage: EntityStorage, record_id: int) -> tuple[Row, frozenset[str]] | None:
        readable = self.access.source(storage)
        row = self.connection.execute(
            select(readable).where(readable.c.id == record_id, readable.c.deleted_at.is_(None))
        ).first()
        if row is None:
            return None
        return row, self.access.hidden_in(row._mapping, self.access.visibility_flags(readable))

    def title(self, entity_id: str, record_id: int) -> str | None:
        """A live record's title as the reader sees it; None when it has none they may see (or they may not read
        the record, or it is gone)."""
        target = self.live.entities.get(entity_id)
        title_field = None if target is None else target.storage.entity.title_field
        found = None if title_field is None else self._readable_row(target.storage, record_id)
        if found is None or title_field in found[1] or found[0]._mapping[title_field] in (None, ""):
            return None
        return str(found[0]._mapping[title_field])

    def _ref_title(self, field: Field, record_id: int) -> str:
        """The pointed-at record's title as the reader sees it, else '#id'."""
        return self.title(field.target_entity or "", record_id) or f"#{record_id}"


def personal_messages(
    connection: Connection,
    live: LiveApp,
    chart: OrgChart,
    target: tuple[str, int],
    *,
    template: Label,
    recipients: Iterable[str],
) -> dict[str, Message]:
    """The template rendered for each recipient who may read the record (entity, id); the others are left out."""
    entity_id, record_id = target
    messages = {}
    for username in recipients:
        reader = Reader.of(connection, live, chart, username)
        record = None if reader is None else reader.record_text(entity_id, record_id)
        if record is not None:
            messages[username] = render(template, record.text)
    return messages
