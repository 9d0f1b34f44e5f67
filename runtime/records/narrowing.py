"""Field visibility an owner narrowed on their own record (fields with owner_may_narrow): the rep's data sovereignty."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Select, UniqueConstraint, select
from sqlmodel import Field, SQLModel

from builder.model import Visibility
from builder.service.platform_tables import utc_now

# Levels from widest to narrowest: an owner may only move a field to the right on their record.
LEVEL_ORDER = (Visibility.EVERYONE, Visibility.COLLABORATORS, Visibility.SUPERVISOR, Visibility.OWNER)


class NarrowingRow(SQLModel, table=True):
    """One field of one record whose owner made it visible to fewer people."""

    __tablename__ = "dabble_field_narrowing"
    __table_args__ = (UniqueConstraint("app_number", "entity", "record_id", "field", name="uq_dabble_field_narrowing"),)

    id: int | None = Field(default=None, primary_key=True)
    app_number: int
    entity: str = Field(max_length=40)
    record_id: int
    field: str = Field(max_length=40)
    level: str = Field(max_length=20)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


NARROWING = NarrowingRow.__table__


def narrower(first: Visibility, second: Visibility) -> Visibility:
    """The narrower of two levels."""
    return max(first, second, key=LEVEL_ORDER.index)


def narrowings_of(app_number: int, entity_id: str, record_id: int) -> Select:
    """The fields an owner narrowed on one record, with their levels."""
    return select(NARROWING.c.field, NARROWING.c.level).where(
        NARROWING.c.app_number == app_number, NARROWING.c.entity == entity_id, NARROWING.c.record_id == record_id
    )
