"""A detail view: one record with its fields, the related records that point at it, and its timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from builder.model.views import DetailView, RelatedList
from builder.service.errors import ApiError
from runtime.records.session import AppSession
from runtime.views.columns import columns_json, shown_fields
from runtime.views.table import ROW_KEYS, pick, view_header
from runtime.workflows.pinned import pinned_model
from runtime.workflows.run import INSTANCES
from runtime.workflows.views import timeline

HEADER_KEYS = ("owner", "created_at", "created_by", "updated_at", "updated_by", "workflow_state")
RELATED_ROWS = 20


def detail_header_json(session: AppSession, view: DetailView) -> dict[str, Any]:
    """The view's description: its fields and related lists (the record comes with /<record id>)."""
    entity = session.live.entity(view.entity).storage.entity
    related = []
    for item in view.related:
        other = session.live.entity(item.entity).storage.entity
        label = item.label.to_json() if item.label is not None else other.label.to_json()
        columns = shown_fields(other, item.columns)
        related.append(
            {"entity": item.entity, "via": item.via, "label": label, "columns": columns_json(other, columns)}
        )
    return view_header(view) | {
        "fields": columns_json(entity, shown_fields(entity, view.fields)),
        "title_field": entity.title_field,
        "related": related,
        "timeline": view.timeline,
    }


def detail_json(session: AppSession, view: DetailView, record_id: int) -> dict[str, Any]:
    """The record as the user sees it, each related list's newest records, and the timeline (404 if unreadable)."""
    records = session.records(view.entity)
    record = records.get(record_id)
    entity = records.entity.storage.entity
    answer: dict[str, Any] = {
        "view": detail_header_json(session, view),
        "record": pick(record, (*ROW_KEYS, *HEADER_KEYS, *shown_fields(entity, view.fields))),
        "related": [_related(session, item, record_id) for item in view.related],
    }
    if view.timeline:
        answer["timeline"] = _timeline(session, view.entity, record_id)
    return answer


def _related(session: AppSession, item: RelatedList, record_id: int) -> dict[str, Any]:
    """The newest records of another entity pointing at the record through `via`, and how many there are."""
    records = session.records(item.entity)
    entity = records.entity.storage.entity
    answer: dict[str, Any] = {"entity": item.entity, "via": item.via}
    try:
        records.require("read")
    except ApiError as refusal:
        return answer | {"error": refusal.body()["error"]}
    readable = records.readable
    where = (readable.c[item.via] == record_id, readable.c.deleted_at.is_(None))
    rows = session.connection.execute(select(readable).where(*where).order_by(readable.c.id.desc()).limit(RELATED_ROWS))
    total = session.connection.execute(select(func.count()).select_from(readable).where(*where)).scalar_one()
    keys = (*ROW_KEYS, *shown_fields(entity, item.columns))
    return answer | {"items": [pick(records.to_json(row), keys) for row in rows], "total": total}


def _timeline(session: AppSession, entity_id: str, record_id: int) -> list[dict[str, Any]]:
    """The record's changes (audit log) and approval steps, oldest first; values the user may not see left out."""
    records = session.records(entity_id)
    hidden = records.hidden_on(record_id)
    items = [{"kind": "change"} | change for change in records.history(record_id)["items"]]
    instances = session.connection.execute(
        select(INSTANCES.c.id, INSTANCES.c.workflow, INSTANCES.c.version)
        .where(
            INSTANCES.c.app_number == session.live.number,
            INSTANCES.c.entity == entity_id,
            INSTANCES.c.record_id == record_id,
        )
        .order_by(INSTANCES.c.id)
    )
    for instance_id, workflow, version in instances.all():
        flow = pinned_model(session.connection, session.live.number, version).workflow(workflow)
        for step in timeline(session.connection, instance_id, hidden, flow):
            items.append({"kind": "approval", "instance": instance_id, "workflow": workflow} | step)
    return sorted(items, key=lambda item: datetime.fromisoformat(item["at"].replace("Z", "+00:00")))
