"""Platform tables of the workflow engine (SQLModel): instances, approval tasks, and the timeline."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Select, UniqueConstraint, select, text
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now


class InstanceState(StrEnum):
    """Where an instance stands; the record's workflow_state says the same to record readers."""

    IN_APPROVAL = "in_approval"  # waiting at an approval node: the record is locked
    REVISING = "revising"  # back with the submitter, who edits and resubmits (or withdraws)
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"


ACTIVE_STATES = (InstanceState.IN_APPROVAL, InstanceState.REVISING)


class TaskStatus(StrEnum):
    """An approver's task at one visit of an approval node."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # the node was decided without this vote, or the instance moved on


class InstanceRow(SQLModel, table=True):
    """A workflow running on one record, pinned to the app version it started on."""

    __tablename__ = "dabble_workflow_instances"
    __table_args__ = (  # one running instance per record, whatever the race
        Index(
            "dabble_workflow_one_active",
            "app_number",
            "entity",
            "record_id",
            unique=True,
            sqlite_where=text("state IN ('in_approval', 'revising')"),
            postgresql_where=text("state IN ('in_approval', 'revising')"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    app_number: int = Field(index=True)
    app_id: str = Field(max_length=40)
    version: int
    workflow: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    record_id: int
    submitter: str = Field(max_length=100, index=True)
    state: str = Field(max_length=20)
    node: str | None = Field(default=None, max_length=40, description="The node it waits at")
    step: int = Field(default=0, description="Bumped at every node entered: tasks belong to one step")
    round: int = Field(default=1, description="Bumped at every resubmission")
    path: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # approval nodes passed
    started_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class TaskRow(SQLModel, table=True):
    """One approver's vote at one step of an instance."""

    __tablename__ = "dabble_workflow_tasks"
    __table_args__ = (
        UniqueConstraint("instance_id", "step", "approver", name="uq_dabble_workflow_tasks"),
        Index("ix_dabble_workflow_tasks_inbox", "approver", "status"),
        Index("ix_dabble_workflow_tasks_record", "app_number", "entity", "approver"),
    )

    id: int | None = Field(default=None, primary_key=True)
    instance_id: int = Field(foreign_key="dabble_workflow_instances.id", index=True)
    app_number: int
    entity: str = Field(max_length=40)
    record_id: int
    node: str = Field(max_length=40)
    step: int
    approver: str = Field(max_length=100)
    status: str = Field(default=TaskStatus.PENDING, max_length=20)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    decided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class EventRow(SQLModel, table=True):
    """One line of an instance's timeline: who did what, when, at which node, with which comment."""

    __tablename__ = "dabble_workflow_events"
    __table_args__ = (UniqueConstraint("instance_id", "request_key", name="uq_dabble_workflow_request"),)

    id: int | None = Field(default=None, primary_key=True)
    instance_id: int = Field(foreign_key="dabble_workflow_instances.id", index=True)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    actor: str = Field(max_length=100)
    action: str = Field(max_length=20)
    node: str | None = Field(default=None, max_length=40)
    comment: str = Field(default="", max_length=4000)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_key: str | None = Field(default=None, max_length=100, description="The client's Idempotency-Key")


def approver_of(app_number: int, entity_id: str, username: str) -> Select:
    """The ids of an entity's records the user has (or had) an approval task on: they may read them."""
    tasks = TaskRow.__table__
    return select(tasks.c.record_id).where(
        tasks.c.app_number == app_number, tasks.c.entity == entity_id, tasks.c.approver == username
    )
