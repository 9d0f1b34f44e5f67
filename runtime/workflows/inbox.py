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
from runtime.live_apps import LiveApps
from runtime.notifications.personal import Reader
from runtime.workflows.pinned import pinned_model
from runtime.workflows.run import INSTANCES, TASKS
from runtime.workflows.tables import TaskStatus


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
                "submitter_name": chart.name_of(row.submitter),
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
    _readers: dict[str, Reader | None] = field(default_factory=dict)

    def summary(self, app_id: str, entity_id: str, record_id: int) -> dict[str, Any]:
        """The record's title (None when it has none the approver may see), app and entity labels, app time zone."""
        reader = self._reader(app_id)
        if reader is None:  # the app was unpublished or deleted since: the item still shows, by ids
            return {"title": None, "app_label": None, "entity_label": None, "timezone": None}
        model = reader.live.model
        entity = model.entity(entity_id)
        return {
            "title": reader.title(entity_id, record_id),
            "app_label": model.label.to_json(),
            "entity_label": entity.label.to_json() if entity is not None else None,
            "timezone": model.timezone,
        }

    def _reader(self, app_id: str) -> Reader | None:
        if app_id not in self._readers:
            try:
                live = self.live_apps.current(self.connection, app_id)
            except ApiError:
                self._readers[app_id] = None
            else:
                self._readers[app_id] = Reader.of(self.connection, live, self.chart, self.username)
        return self._readers[app_id]
