"""The org chart as the validator checks a definition against it at publish (names that exist, missing supervisors)."""

from __future__ import annotations

from sqlalchemy import Connection

from builder import OrgDirectory
from runtime.identity.org_chart import OrgChart


def org_directory(connection: Connection, app_id: str) -> OrgDirectory:
    """Active users and groups; the app's users (those holding one of its roles) who have no supervisor."""
    chart = OrgChart.load(connection)
    active = {name for name, user in chart.users.items() if user.active}
    app_users = {name for name, apps in chart.roles.items() if apps.get(app_id) and name in active}
    return OrgDirectory(
        users=frozenset(active),
        groups=frozenset(chart.groups),
        users_without_supervisor=frozenset(name for name in app_users if not chart.users[name].supervisor),
    )
