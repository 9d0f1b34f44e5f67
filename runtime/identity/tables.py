"""Platform tables of the org chart and sign-in (SQLModel): users, departments, groups, role grants, tokens."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index
from sqlmodel import Field, SQLModel

from builder.service.platform_tables import utc_now

USERNAME_PATTERN = r"^[a-z][a-z0-9._-]{1,39}$"
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"  # departments, groups, apps and roles: the id rule of DESIGN.md


def as_utc(moment: datetime) -> datetime:
    """A stored moment, timezone-aware (SQLite hands back naive datetimes: they are UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _moment(**options: Any) -> Any:
    return Field(sa_type=DateTime(timezone=True), **options)


class DepartmentRow(SQLModel, table=True):
    """A department: a key and a label (a string, or {"zh": ..., "en": ...})."""

    __tablename__ = "dabble_departments"

    key: str = Field(primary_key=True, max_length=40)
    label: Any = Field(sa_column=Column(JSON, nullable=False))


class UserRow(SQLModel, table=True):
    """A person who signs in: their place in the org chart and their platform-wide powers."""

    __tablename__ = "dabble_users"

    username: str = Field(primary_key=True, max_length=40)
    display_name: str = Field(default="", max_length=200)
    password_hash: str | None = Field(default=None, max_length=300, description="argon2; None: cannot sign in")
    department: str | None = Field(default=None, foreign_key="dabble_departments.key", index=True)
    supervisor: str | None = Field(default=None, foreign_key="dabble_users.username", index=True)
    is_admin: bool = False
    is_reviewer: bool = False
    active: bool = True
    created_at: datetime = _moment(default_factory=utc_now)


class GroupRow(SQLModel, table=True):
    """A group across departments (a customer-success squad): a leader and members."""

    __tablename__ = "dabble_groups"

    key: str = Field(primary_key=True, max_length=40)
    label: Any = Field(sa_column=Column(JSON, nullable=False))
    leader: str | None = Field(default=None, foreign_key="dabble_users.username")


class GroupMemberRow(SQLModel, table=True):
    """One member of a group."""

    __tablename__ = "dabble_group_members"

    group_key: str = Field(foreign_key="dabble_groups.key", primary_key=True, max_length=40)
    username: str = Field(foreign_key="dabble_users.username", primary_key=True, max_length=40)


class RoleGrantRow(SQLModel, table=True):
    """A role (of an app's definition) granted to a user in one app."""

    __tablename__ = "dabble_role_grants"

    app_id: str = Field(primary_key=True, max_length=40)
    username: str = Field(foreign_key="dabble_users.username", primary_key=True, max_length=40)
    role: str = Field(primary_key=True, max_length=40)


class ApiTokenRow(SQLModel, table=True):
    """A bearer token: only the SHA-256 of the secret is kept."""

    __tablename__ = "dabble_api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(foreign_key="dabble_users.username", index=True, max_length=40)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=200)
    created_at: datetime = _moment(default_factory=utc_now)
    last_used_at: datetime | None = _moment(default=None)
    revoked_at: datetime | None = _moment(default=None)


class OrgChangeRow(SQLModel, table=True):
    """One change of the org chart: the highest id is the org revision every worker compares its cache with."""

    __tablename__ = "dabble_org_changes"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _moment(default_factory=utc_now)
    actor: str = Field(max_length=100)
    change: str = Field(max_length=500)


class LoginFailureRow(SQLModel, table=True):
    """A failed sign-in, counted per user name and per client address to rate-limit guessing."""

    __tablename__ = "dabble_login_failures"
    __table_args__ = (
        Index("ix_dabble_login_failures_username", "username", "at"),
        Index("ix_dabble_login_failures_address", "address", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100)
    address: str = Field(max_length=100)
    at: datetime = _moment(default_factory=utc_now)


USERS = UserRow.__table__
DEPARTMENTS = DepartmentRow.__table__
GROUPS = GroupRow.__table__
GROUP_MEMBERS = GroupMemberRow.__table__
ROLE_GRANTS = RoleGrantRow.__table__
API_TOKENS = ApiTokenRow.__table__
ORG_CHANGES = OrgChangeRow.__table__
LOGIN_FAILURES = LoginFailureRow.__table__
