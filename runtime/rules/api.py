"""HTTP routes of the rules engine: a record's suggestions (for its readers) and an app's firings (for its builders)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy import func, select
from sqlmodel import Session

from builder.moments import utc_text
from builder.service.actors import checked_app
from builder.service.errors import ApiError
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import current_user
from runtime.identity.authentication import org_cache
from runtime.notifications.personal import Reader
from runtime.records.access import RecordAccess
from runtime.records.api import LIVE_APPS_KEY, RECORD_ID
from runtime.rules.suggestions import dismiss_suggestion, suggestions_for
from runtime.rules.tables import FIRINGS

blueprint = Blueprint("rules", __name__)
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}\Z")
_F = FIRINGS.c


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/suggestions")
def record_suggestions(app_id: str, entity_id: str, record_id: int):
    """The suggestions rules attached to a record you may read (?dismissed=true: the dismissed ones too)."""
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        reader = _reader(connection, app_id, entity_id, record_id)
        items = suggestions_for(reader, entity_id, record_id, dismissed=request.args.get("dismissed") == "true")
        return jsonify({"items": items})


@blueprint.post(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/suggestions/<int:suggestion_id>/dismiss")
def dismiss(app_id: str, entity_id: str, record_id: int, suggestion_id: int):
    """Dismiss a suggestion of a record you may update; the record's remaining suggestions."""
    with transaction(current_app.extensions[ENGINE_KEY], write=True) as connection:
        reader = _reader(connection, app_id, entity_id, record_id)
        storage = reader.live.entity(entity_id).storage
        scope = reader.access.row_filter(storage, "update")
        table = storage.table
        mayupdate = select(table.c.id).where(table.c.id == record_id, *(() if scope is None else (scope,)))
        if connection.execute(mayupdate).first() is None:
            raise ApiError(403, "access.denied", "You may not update this record. / 你无权修改该记录。")
        where = (reader.live.number, entity_id, record_id)
        if not dismiss_suggestion(connection, where, suggestion_id, reader.access.actor, datetime.now(UTC)):
            raise ApiError(
                404,
                "suggestion.not_found",
                f"The record has no open suggestion {suggestion_id}. / 该记录没有编号为 {suggestion_id} 的建议。",
            )
        return jsonify({"items": suggestions_for(reader, entity_id, record_id)})


@blueprint.get("/api/apps/<app_id>/rules/firings")
def firings(app_id: str):
    """When each rule fired, for which record and what each action did (builders and IT reviewers): ?rule, page."""
    engine = current_app.extensions[ENGINE_KEY]
    with Session(engine) as session:
        app_row = checked_app(session, app_id, "review")
    page, page_size = _whole_number("page", 1), min(_whole_number("page_size", 50), 500)
    matching = [_F.app_number == app_row.number]
    if "rule" in request.args:
        matching.append(_F.rule_id == request.args["rule"])
    with transaction(engine) as connection:
        rows = connection.execute(
            select(FIRINGS).where(*matching).order_by(_F.id.desc()).limit(page_size).offset((page - 1) * page_size)
        )
        items = [
            {
                "id": row.id,
                "rule": row.rule_id,
                "version": row.version,
                "entity": row.entity,
                "record_id": row.record_id,
                "window": row.window_key,
                "fired_at": utc_text(row.fired_at),
                "ok": row.ok,
                "results": row.results,
            }
            for row in rows
        ]
        total = connection.execute(select(func.count()).select_from(FIRINGS).where(*matching)).scalar_one()
    return jsonify({"items": items, "total": total, "page": page, "page_size": page_size})


def _reader(connection, app_id: str, entity_id: str, record_id: int) -> Reader:
    """The signed-in user reading a record of an app's live version; 404 when they may not read it."""
    user = current_user()
    live = current_app.extensions[LIVE_APPS_KEY].current(connection, app_id)
    live.entity(entity_id)  # 404 for an entity the version does not have
    reader = Reader(connection, live, org_cache().current(), RecordAccess(user, live, connection.dialect.name))
    if reader.record_text(entity_id, record_id) is None:
        raise ApiError(
            404, "record.not_found", f"There is no {entity_id} record {record_id}. / 记录 {record_id} 不存在。"
        )
    return reader


def _whole_number(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _WHOLE_NUMBER.match(raw) or int(raw) < 1:
        raise ApiError(400, "query.parameter", f"'{name}' must be a whole number >= 1. / “{name}”应为正整数。")
    return int(raw)
