"""The user behind a request, with what the access layer needs to know of them from the org chart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in user: their place in the org chart and the roles they hold in each app."""

    username: str
    is_admin: bool = False  # platform administrator: every app, every record, every field
    is_reviewer: bool = False  # IT reviewer: may view apps as another user or role
    department: str | None = None
    supervisor: str | None = None
    direct_reports: frozenset[str] = frozenset()
    team: frozenset[str] = frozenset()  # the user and everyone below them in the supervisor chain
    department_members: frozenset[str] = frozenset()  # everyone in the user's department, the user included
    app_roles: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def roles(self, app_id: str) -> frozenset[str]:
        """The roles granted to the user in one app."""
        return self.app_roles.get(app_id, frozenset())
