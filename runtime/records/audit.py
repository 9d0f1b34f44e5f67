"""The audit log: every write to a record, who made it, when, and the field-level change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, bindparam, select
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now


class AuditRow(SQLModel, table=True):
    """One write: create, update, delete or restore, with the changed fields as [old, new] pairs."""

    __tablename__ = "dabble_audit"
    __table_args__ = (Index("ix_dabble_audit_record", "app_number", "entity", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    app_number: int
    version: int
    entity: str = Field(max_length=40)
    record_id: int
    action: str = Field(max_length=10)
    actor: str = Field(max_length=100)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


_AUDIT = AuditRow.__table__
AUDIT_INSERT = _AUDIT.insert()
AUDIT_HISTORY = (
    select(_AUDIT)
    .where(
        _AUDIT.c.app_number == bindparam("app_number"),
        _AUDIT.c.entity == bindparam("entity"),
        _AUDIT.c.record_id == bindparam("record_id"),
    )
    .order_by(_AUDIT.c.id)
)
