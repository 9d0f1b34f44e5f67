"""Records their owners shared with named users: collaborators who may read the record and its collaborator fields."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Select, UniqueConstraint, select
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now


class ShareRow(SQLModel, table=True):
    """One record shared with one user by its owner."""

    __tablename__ = "dabble_record_shares"
    __table_args__ = (
        UniqueConstraint("app_number", "entity", "record_id", "username", name="uq_dabble_record_shares"),
        Index("ix_dabble_record_shares_user", "app_number", "entity", "username"),
    )

    id: int | None = Field(default=None, primary_key=True)
    app_number: int
    entity: str = Field(max_length=40)
    record_id: int
    username: str = Field(max_length=100)
    shared_by: str = Field(max_length=100)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


SHARES = ShareRow.__table__


def shared_with(app_number: int, entity_id: str, username: str) -> Select:
    """The ids of an entity's records shared with a user."""
    return select(SHARES.c.record_id).where(
        SHARES.c.app_number == app_number, SHARES.c.entity == entity_id, SHARES.c.username == username
    )


def shares_of(app_number: int, entity_id: str, record_id: int) -> Select:
    """Who a record is shared with, in the order the owner shared it."""
    return (
        select(SHARES.c.username, SHARES.c.shared_by, SHARES.c.at)
        .where(SHARES.c.app_number == app_number, SHARES.c.entity == entity_id, SHARES.c.record_id == record_id)
        .order_by(SHARES.c.id)
    )
