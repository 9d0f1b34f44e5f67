"""A read-only snapshot of the org chart, and the Actor of each user built from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from runtime.identity.actor import Actor
from runtime.identity.tables import DEPARTMENTS, GROUP_MEMBERS, GROUPS, ORG_CHANGES, ROLE_GRANTS, USERS

REVISION = select(func.coalesce(func.max(ORG_CHANGES.c.id), 0)).scalar_subquery()


@dataclass(frozen=True)
class OrgUser:
    """What the org chart holds of one user."""

    username: str
    display_name: str
    department: str | None
    supervisor: str | None
    is_admin: bool
    is_reviewer: bool
    active: bool


@dataclass
class OrgChart:
    """Users, departments, groups and role grants as of one org revision; Actors are built once each."""

    revision: int
    users: dict[str, OrgUser]
    departments: dict[str, Any]  # key → label
    groups: dict[str, dict[str, Any]]  # key → {"label", "leader", "members"}
    roles: dict[str, dict[str, frozenset[str]]]  # username → app id → roles
    _reports: dict[str, set[str]] = field(default_factory=dict)
    _members: dict[str, set[str]] = field(default_factory=dict)
    _actors: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        reports: dict[str, set[str]] = defaultdict(set)
        members: dict[str, set[str]] = defaultdict(set)
        for user in self.users.values():
            if user.supervisor is not None:
                reports[user.supervisor].add(user.username)
            if user.department is not None:
                members[user.department].add(user.username)
        self._reports, self._members = dict(reports), dict(members)

    @classmethod
    def load(cls, connection: Connection) -> OrgChart:
        """Read the chart (the revision first: a change committed meanwhile only makes the next check reload)."""
        revision = connection.execute(select(REVISION)).scalar_one()
        users = {
            row.username: OrgUser(
                row.username,
                row.display_name,
                row.department,
                row.supervisor,
                row.is_admin,
                row.is_reviewer,
                row.active,
            )
            for row in connection.execute(select(USERS))
        }
        departments = {row.key: row.label for row in connection.execute(select(DEPARTMENTS))}
        groups = {
            row.key: {"label": row.label, "leader": row.leader, "members": []}
            for row in connection.execute(select(GROUPS))
        }
        for row in connection.execute(select(GROUP_MEMBERS).order_by(GROUP_MEMBERS.c.username)):
            groups[row.group_key]["members"].append(row.username)
        grants: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in connection.execute(select(ROLE_GRANTS)):
            grants[row.username][row.app_id].add(row.role)
        roles = {user: {app: frozenset(held) for app, held in apps.items()} for user, apps in grants.items()}
        return cls(revision, users, departments, groups, roles)

    def actor(self, username: str) -> Actor | None:
        """The Actor of an active user, or None for an unknown or deactivated one."""
        user = self.users.get(username)
        if user is None or not user.active:
            return None
        actor = self._actors.get(username)
        if actor is None:
            actor = self._actors[username] = self._build(user)
        return actor

    def name_of(self, username: str) -> str:
        """How a person is shown: their display name, else their user name (also for someone unknown)."""
        user = self.users.get(username)
        return user.display_name if user is not None and user.display_name else username

    def team(self, username: str) -> frozenset[str]:
        """The user and everyone below them in the supervisor chain (indirect reports too)."""
        found, waiting = {username}, [username]
        while waiting:
            for report in self._reports.get(waiting.pop(), ()):
                if report not in found:
                    found.add(report)
                    waiting.append(report)
        return frozenset(found)

    def groups_of(self, username: str) -> list[dict[str, Any]]:
        """The groups a user belongs to (key, label, leader)."""
        return [
            {"key": key, "label": group["label"], "leader": group["leader"]}
            for key, group in sorted(self.groups.items())
            if username in group["members"]
        ]

    def _build(self, user: OrgUser) -> Actor:
        department = user.department
        return Actor(
            user.username,
            is_admin=user.is_admin,
            is_reviewer=user.is_reviewer,
            department=department,
            supervisor=user.supervisor,
            direct_reports=frozenset(self._reports.get(user.username, ())),
            team=self.team(user.username),
            department_members=frozenset(self._members[department]) if department else frozenset({user.username}),
            app_roles=self.roles.get(user.username, {}),
        )
