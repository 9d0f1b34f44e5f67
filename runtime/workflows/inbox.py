"""The inbox as the API returns it: each pending approval with its record's title, app and entity as the approver
sees them, so a page shows it without asking for anything more."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from builder.diff.values import plain
from builder.moments import utc_text
from builder.service.errors import ApiError
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp, LiveApps
from runtime.notifications.personal import Reader
from runtime.workflows.pinned import pinned_model
from runtime.workflows.run import INSTANCES, TASKS
from runtime.workflows.tables import TaskStatus

LANGUAGES = ("zh", "en")


def inbox(connection: Connection, live_apps: LiveApps, chart: OrgChart, username: str) -> list[dict[str, Any]]:
    """The user's pending approvals across apps, oldest first."""
    query = (
        select(TASKS, INSTANCES.c.app_id, INSTANCES.c.version, INSTANCES.c.workflow, INSTANCES.c.submitter)
        .join(INSTANCES, INSTANCES.c.id == TASKS.c.instance_id)
        .where(TASKS.c.approver == username, TASKS.c.status == TaskStatus.PENDING)
        .order_by(TASKS.c.created_at, TASKS.c.id)
    )
    records = _InboxRecords(connection, live_apps, chart, username)
    items = []
    for row in connection.execute(query):
        flow = pinned_model(connection, row.app_number, row.version).workflow(row.workflow)
        node = flow.node(row.node)
        items.append(
            {
                "instance": row.instance_id,
                "app": row.app_id,
                "workflow": row.workflow,
                "workflow_label": plain(flow.label),
                "entity": row.entity,
                "record_id": row.record_id,
                "node": row.node,
                "node_label": plain(node.label) if node.label is not None else None,
                "submitter": row.submitter,
                "submitter_name": records.person(row.submitter),
                "since": utc_text(row.created_at),
            }
            | records.summary(row.app_id, row.entity, row.record_id)
        )
    return items


@dataclass
class _InboxRecords:
    """The live apps of the inbox's items, each read as the approver (one reader per app per request)."""

    connection: Connection
    live_apps: LiveApps
    chart: OrgChart
    username: str
    _readers: dict[str, tuple[LiveApp, Reader | None] | None] = field(default_factory=dict)

    def person(self, username: str) -> str:
        """How a person is shown: their display name, else their user name."""
        user = self.chart.users.get(username)
        return user.display_name if user is not None and user.display_name else username

    def summary(self, app_id: str, entity_id: str, record_id: int) -> dict[str, Any]:
        """The record's title (None when it has none the approver may see), app and entity labels, app time zone."""
        found = self._reader(app_id)
        if found is None:  # the app was unpublished or deleted since: the item still shows, by ids
            return {"title": None, "app_label": None, "entity_label": None, "timezone": None}
        live, reader = found
        entity = live.model.entity(entity_id)
        return {
            "title": self._title(reader, entity_id, record_id) if entity is not None and reader is not None else None,
            "app_label": live.model.label.to_json(),
            "entity_label": entity.label.to_json() if entity is not None else None,
            "timezone": live.model.timezone,
        }

    def _reader(self, app_id: str) -> tuple[LiveApp, Reader | None] | None:
        if app_id not in self._readers:
            try:
                live = self.live_apps.current(self.connection, app_id)
            except ApiError:
                self._readers[app_id] = None
            else:
                self._readers[app_id] = (live, Reader.of(self.connection, live, self.chart, self.username))
        return self._readers[app_id]

    @staticmethod
    def _title(reader: Reader, entity_id: str, record_id: int) -> str | dict[str, str] | None:
        """The title field's text as the approver sees it: one text, or {zh, en} when a choice reads differently."""
        if entity_id not in reader.live.entities:
            return None
        title_field = reader.live.entity(entity_id).storage.entity.title_field
        record = None if title_field is None else reader.record_text(entity_id, record_id)
        if record is None or title_field in record.hidden or record.values.get(title_field) in (None, "", []):
            return None
        texts = {language: record.text(title_field, language) for language in LANGUAGES}
        return texts["en"] if texts["zh"] == texts["en"] else texts
