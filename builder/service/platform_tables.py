"""Platform tables of the authoring service (SQLModel): apps with their draft, and published versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The current moment, timezone-aware."""
    return datetime.now(UTC)


class AppRow(SQLModel, table=True):
    """An app: its id, its draft definition and which version is live."""

    __tablename__ = "dabble_apps"

    number: int | None = Field(default=None, primary_key=True, description="Surrogate key; names the app's tables")
    app_id: str = Field(max_length=40, unique=True, index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    created_by: str = Field(max_length=100)
    draft: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    draft_revision: int = Field(default=1, description="Bumped on every draft change (optimistic locking)")
    draft_updated_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    draft_updated_by: str = Field(max_length=100)
    current_version: int | None = Field(default=None, description="The live version; None before the first publish")


class AppVersionRow(SQLModel, table=True):
    """An immutable published version of an app."""

    __tablename__ = "dabble_app_versions"
    __table_args__ = (UniqueConstraint("app_number", "version", name="uq_dabble_app_versions_number"),)

    id: int | None = Field(default=None, primary_key=True)
    app_number: int = Field(foreign_key="dabble_apps.number", index=True)
    version: int
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    message: str = Field(default="", max_length=1000)
    author: str = Field(max_length=100)
    published_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    migration: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
