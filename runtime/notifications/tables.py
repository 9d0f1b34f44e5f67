"""The notifications table (SQLModel): one row per message to one person, read or unread."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from builder.moments import utc_text
from builder.service.platform_tables import utc_now


class NotificationRow(SQLModel, table=True):
    """A message to one user (a rule's alert, an approval waiting…), optionally about one record."""

    __tablename__ = "dabble_notifications"
    __table_args__ = (
        # A sender that gives a dedup key never tells the same person the same thing twice (NULL keys never clash).
        UniqueConstraint("recipient", "dedup_key", name="uq_dabble_notifications_dedup"),
        Index("ix_dabble_notifications_inbox", "recipient", "read_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=100)
    kind: str = Field(max_length=40)
    severity: str = Field(max_length=10)
    title: dict[str, str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    message: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    app_id: str | None = Field(default=None, max_length=40)
    entity: str | None = Field(default=None, max_length=40)
    record_id: int | None = Field(default=None, sa_type=BigInteger)
    dedup_key: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    read_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


NOTIFICATIONS = NotificationRow.__table__


def row_json(row: Any) -> dict[str, Any]:
    """A notification as the API shows it."""
    return {
        "id": row.id,
        "kind": row.kind,
        "severity": row.severity,
        "title": row.title,
        "message": row.message,
        "app": row.app_id,
        "entity": row.entity,
        "record_id": row.record_id,
        "created_at": utc_text(row.created_at),
        "read_at": None if row.read_at is None else utc_text(row.read_at),
    }
