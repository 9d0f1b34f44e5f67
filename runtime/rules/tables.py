"""Platform tables of the rules engine (SQLModel): every firing (unique per occasion) and suggestions on records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Date, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from builder.model.common import Label
from builder.service.platform_tables import utc_now


class RuleFiringRow(SQLModel, table=True):
    """One rule fired once for one record on one occasion (a write, an elapsed window, a schedule slot…)."""

    __tablename__ = "dabble_rule_firings"
    __table_args__ = (
        # The idempotency key: a restart, a second worker or a repeated sweep can never fire an occasion twice.
        UniqueConstraint("app_number", "rule_id", "record_id", "window_key", name="uq_dabble_rule_firings_occasion"),
        Index("ix_dabble_rule_firings_recent", "app_number", "rule_id", "record_id", "fired_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    app_number: int
    version: int
    rule_id: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    record_id: int = Field(sa_type=BigInteger)
    window_key: str = Field(max_length=120)
    # The date or moment the occasion is tied to (a time_elapsed field's value, an order's date), so sweeps can
    # skip occasions already fired in SQL, comparing like with like.
    marked_on: date | None = Field(default=None, sa_type=Date)
    marked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    fired_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    ok: bool = True
    results: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class SuggestionRow(SQLModel, table=True):
    """A recommended play a rule attached to a record; its text is a template rendered for each reader."""

    __tablename__ = "dabble_suggestions"
    __table_args__ = (Index("ix_dabble_suggestions_record", "app_number", "entity", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    app_number: int
    entity: str = Field(max_length=40)
    record_id: int = Field(sa_type=BigInteger)
    rule_id: str = Field(max_length=40)
    firing_id: int = Field(foreign_key="dabble_rule_firings.id")
    title: Any = Field(default=None, sa_column=Column(JSON, nullable=True))  # a label: text or {"zh", "en"}
    message: Any = Field(sa_column=Column(JSON, nullable=False))  # a template: text or {"zh", "en"}
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    dismissed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    dismissed_by: str | None = Field(default=None, max_length=100)


FIRINGS = RuleFiringRow.__table__
SUGGESTIONS = SuggestionRow.__table__


def label_json(label: Label) -> Any:
    """A label as the definition writes it: a text, or {"zh", "en"}."""
    return label.to_json()
