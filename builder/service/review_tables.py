"""Platform tables of the review gate (SQLModel): which apps need IT review, and the review requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, text
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now


class ReviewStatus(StrEnum):
    """Where a review request stands."""

    PENDING = "pending"  # the version is "in review"
    APPROVED = "approved"  # published as `published_version`
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # by its author
    SUPERSEDED = "superseded"  # a newer request for the same app replaced it


class ReviewPolicyRow(SQLModel, table=True):
    """An app whose publishes need an IT reviewer's approval (no row: publishes go live at once)."""

    __tablename__ = "dabble_review_policies"

    app_number: int = Field(foreign_key="dabble_apps.number", primary_key=True)
    required: bool = True
    set_by: str = Field(max_length=100)
    set_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class ReviewRequestRow(SQLModel, table=True):
    """A definition submitted for publishing, with the options it was submitted with, and its decision."""

    __tablename__ = "dabble_review_requests"
    __table_args__ = (  # at most one pending request per app, whatever the race
        Index(
            "dabble_review_one_pending",
            "app_number",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    app_number: int = Field(foreign_key="dabble_apps.number", index=True)
    status: str = Field(default=ReviewStatus.PENDING, max_length=20)
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    draft_revision: int = Field(description="The draft revision the definition was taken from")
    base_version: int | None = Field(default=None, description="The live version when it was submitted")
    options: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False), description="renames, on_failure, confirm")
    message: str = Field(default="", max_length=1000)
    author: str = Field(max_length=100)
    submitted_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    reviewer: str | None = Field(default=None, max_length=100)
    decided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    published_version: int | None = None


class ReviewCommentRow(SQLModel, table=True):
    """A comment on a review request; a decision's comment says which decision it came with."""

    __tablename__ = "dabble_review_comments"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="dabble_review_requests.id", index=True)
    author: str = Field(max_length=100)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    text: str = Field(max_length=4000)
    decision: str | None = Field(default=None, max_length=20, description="approved or rejected, with a decision")
