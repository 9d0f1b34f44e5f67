"""Instances, their timeline and the inbox as the API returns them (field values the viewer may not see left out)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from builder.diff.values import plain
from builder.model.workflows import Workflow
from builder.moments import utc_text
from runtime.live_apps import LiveApp
from runtime.records.access import RecordAccess
from runtime.workflows.pinned import pinned_model
from runtime.workflows.run import EVENTS, TASKS
from runtime.workflows.tables import ACTIVE_STATES


def instance_json(connection: Connection, access: RecordAccess, instance: dict[str, Any]) -> dict[str, Any]:
    """An instance with the current step's tasks and its timeline, as the viewer may see them."""
    model = pinned_model(connection, instance["app_number"], instance["version"])
    flow = model.workflow(instance["workflow"])
    node = flow.node(instance["node"]) if instance["node"] else None
    tasks = connection.execute(
        select(TASKS)
        .where(TASKS.c.instance_id == instance["id"], TASKS.c.step == instance["step"])
        .order_by(TASKS.c.id)
    )
    hidden = _hidden_fields(connection, access, instance)
    return {
        "id": instance["id"],
        "app": instance["app_id"],
        "version": instance["version"],
        "workflow": flow.id,
        "workflow_label": plain(flow.label),
        "entity": instance["entity"],
        "record_id": instance["record_id"],
        "submitter": instance["submitter"],
        "state": str(instance["state"]),
        "node": instance["node"],
        "node_label": plain(node.label) if node is not None and node.label is not None else None,
        "round": instance["round"],
        "started_at": utc_text(instance["started_at"]),
        "updated_at": utc_text(instance["updated_at"]),
        "tasks": [
            {"approver": task.approver, "status": task.status, "decided_at": _moment(task.decided_at)} for task in tasks
        ]
        if instance["state"] in ACTIVE_STATES
        else [],
        "passed": list(instance["path"]),
        "timeline": timeline(connection, instance["id"], hidden, flow),
    }


def timeline(connection: Connection, instance_id: int, hidden: frozenset[str], flow: Workflow) -> list[dict[str, Any]]:
    """Who did what and when (at which node, by its label), with comments; values the viewer may not see left out."""
    rows = connection.execute(select(EVENTS).where(EVENTS.c.instance_id == instance_id).order_by(EVENTS.c.id))
    items = []
    for row in rows:
        details = dict(row.details)
        if details.get("field") in hidden:
            details.pop("value", None)
            details["hidden"] = True
        node = flow.node(row.node) if row.node else None
        items.append(
            {
                "at": utc_text(row.at),
                "actor": row.actor,
                "action": row.action,
                "node": row.node,
                "node_label": plain(node.label) if node is not None and node.label is not None else None,
                "comment": row.comment,
                "details": details,
            }
        )
    return items


def _hidden_fields(connection: Connection, access: RecordAccess, instance: dict[str, Any]) -> frozenset[str]:
    """The fields of the instance's record the viewer may not see (all of them when the record is gone)."""
    live: LiveApp = access.live
    storage = live.entity(instance["entity"]).storage
    readable = access.source(storage)
    row = connection.execute(select(readable).where(readable.c.id == instance["record_id"])).first()
    if row is None:
        return frozenset(field.id for field in storage.entity.fields)
    return access.hidden_in(row._mapping, access.visibility_flags(readable))


def _moment(value) -> str | None:
    return utc_text(value) if value is not None else None
