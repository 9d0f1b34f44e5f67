"""HTTP routes of the workflow engine: submit a record, act on an instance, read it with its timeline, the inbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from builder.compile.records import MAX_RECORD_ID
from builder.service.errors import ApiError
from builder.service.request_bodies import strict_json_body
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import current_user
from runtime.identity.authentication import org_cache, request_chart
from runtime.records.access import RecordAccess
from runtime.records.api import LIVE_APPS_KEY
from runtime.records.write_events import add_write_listener, write_listeners
from runtime.workflows.engine import ACTIONS, Engine, load_instance
from runtime.workflows.inbox import inbox
from runtime.workflows.record_state import guard_record_writes
from runtime.workflows.run import INSTANCES
from runtime.workflows.views import instance_json

blueprint = Blueprint("workflows", __name__)
RECORD_ID = f"<int(max={MAX_RECORD_ID}):record_id>"
INSTANCE_ID = "<int(max=2147483647):instance_id>"
IDEMPOTENCY_KEY = "Idempotency-Key"
MAX_COMMENT = 4000


@contextmanager
def _engine(app_id: str, *, write: bool) -> Iterator[tuple[Engine, RecordAccess]]:
    """The engine for the signed-in user on an app's live version, in one transaction."""
    with transaction(current_app.extensions[ENGINE_KEY], write=write) as connection:
        user = current_user(connection)
        live = current_app.extensions[LIVE_APPS_KEY].current(connection, app_id)
        chart = org_cache().current()
        engine = Engine(connection, live, user, chart, write_listeners(current_app), _request_key())
        yield engine, RecordAccess(user, live, connection.dialect.name)


@blueprint.post(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/approval")
def submit(app_id: str, entity_id: str, record_id: int):
    """Submit a record for approval: {"workflow"?: id, "comment"?: text} → 201 the instance."""
    body = _body({"workflow", "comment"})
    workflow = body.get("workflow")
    if workflow is not None and not isinstance(workflow, str):
        raise _invalid("workflow is a workflow id. / workflow 应为流程标识。")
    with _conflicts(), _engine(app_id, write=True) as (engine, access):
        instance_id = engine.submit(entity_id, record_id, workflow, body.get("comment", ""))
        instance = load_instance(engine.connection, engine.live, instance_id, lock=False)
        return jsonify(instance_json(engine.connection, access, instance)), 201


@blueprint.get(f"/api/apps/<app_id>/<entity_id>/{RECORD_ID}/approval")
def record_approval(app_id: str, entity_id: str, record_id: int):
    """The record's latest workflow instance with its timeline (404 when it never was submitted)."""
    with _engine(app_id, write=False) as (engine, access):
        engine.require_readable(entity_id, record_id)
        query = (
            select(INSTANCES.c.id)
            .where(
                INSTANCES.c.app_number == engine.live.number,
                INSTANCES.c.entity == entity_id,
                INSTANCES.c.record_id == record_id,
            )
            .order_by(INSTANCES.c.id.desc())
        )
        instance_id = engine.connection.execute(query).scalar()
        if instance_id is None:
            raise _no_instance(record_id)
        instance = load_instance(engine.connection, engine.live, instance_id, lock=False)
        return jsonify(instance_json(engine.connection, access, instance))


@blueprint.get(f"/api/apps/<app_id>/workflows/{INSTANCE_ID}")
def get_instance(app_id: str, instance_id: int):
    """One instance with its current tasks and timeline, for those who may read its record."""
    with _engine(app_id, write=False) as (engine, access):
        instance = load_instance(engine.connection, engine.live, instance_id, lock=False)
        engine.require_readable(instance["entity"], instance["record_id"])
        return jsonify(instance_json(engine.connection, access, instance))


@blueprint.post(f"/api/apps/<app_id>/workflows/{INSTANCE_ID}/<action>")
def act(app_id: str, instance_id: int, action: str):
    """approve | reject | send_back ({"to": node or "submitter"}) | resubmit | withdraw | comment; {"comment"}."""
    if action not in ACTIONS:
        raise ApiError(
            404, "workflow.unknown_action", f"Actions: {', '.join(ACTIONS)}. / 可用操作：{', '.join(ACTIONS)}。"
        )
    body = _body({"comment", "to"})
    to = body.get("to")
    if to is not None and not isinstance(to, str):
        raise _invalid("to names a node, or submitter. / to 应为节点标识或 submitter。")
    with _conflicts(), _engine(app_id, write=True) as (engine, access):
        instance = load_instance(engine.connection, engine.live, instance_id, lock=False)
        engine.require_readable(instance["entity"], instance["record_id"])
        engine.act(instance_id, action, comment=body.get("comment", ""), to=to)
        instance = load_instance(engine.connection, engine.live, instance_id, lock=False)
        return jsonify(instance_json(engine.connection, access, instance))


@blueprint.get("/api/inbox")
def my_inbox():
    """My pending approvals across apps, oldest first."""
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        user = current_user(connection)
        items = inbox(connection, current_app.extensions[LIVE_APPS_KEY], request_chart(), user.username)
        return jsonify({"items": items})


def _body(allowed: set[str]) -> dict[str, Any]:
    body = strict_json_body(required=False) or {}
    if not isinstance(body, dict) or not set(body) <= allowed:
        raise _invalid(
            f"The body may hold {', '.join(sorted(allowed))}. / 请求体只能包含 {', '.join(sorted(allowed))}。"
        )
    comment = body.get("comment", "")
    if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
        raise _invalid(f"comment is a text of at most {MAX_COMMENT} characters. / 评论最多 {MAX_COMMENT} 个字符。")
    return body


def _request_key() -> str | None:
    key = request.headers.get(IDEMPOTENCY_KEY)
    if key is not None and not (0 < len(key) <= 100):
        raise _invalid("Idempotency-Key is 1 to 100 characters. / Idempotency-Key 长度应为 1–100。")
    return key


@contextmanager
def _conflicts() -> Iterator[None]:
    """A request that lost a race on a unique key (two submits, a repeat with its Idempotency-Key): 409."""
    try:
        yield
    except IntegrityError:
        raise ApiError(
            409,
            "workflow.conflict",
            "Another request changed this approval at the same moment; reload it. / 审批已被同时处理，请刷新。",
        ) from None


def _no_instance(record_id: int) -> ApiError:
    return ApiError(404, "workflow.instance_not_found", f"Record {record_id} was never submitted. / 该记录未提交审批。")


def _invalid(message: str) -> ApiError:
    return ApiError(400, "workflow.invalid_request", message)


def init_app(app) -> None:
    """Serve the routes and lock records in approval against edits."""
    add_write_listener(app, guard_record_writes)
    app.register_blueprint(blueprint)
