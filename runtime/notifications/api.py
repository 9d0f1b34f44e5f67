"""HTTP routes of the signed-in user's notifications: list, unread count, mark read."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, current_app, jsonify, request

from builder.service.errors import ApiError
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import current_user
from runtime.notifications.inbox import InboxQuery, inbox_page, mark_all_read, mark_read, unread_count

blueprint = Blueprint("notifications", __name__)
MAX_PAGE_SIZE = 100
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}\Z")


@blueprint.get("/api/notifications")
def list_notifications():
    """Newest first: ?page, page_size (≤ 100), unread=true for the unread ones only."""
    query = InboxQuery(
        username=current_user().username,
        unread_only=_flag("unread"),
        page=_whole_number("page", 1, 1, 10**9),
        page_size=_whole_number("page_size", 20, 1, MAX_PAGE_SIZE),
    )
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        return jsonify(inbox_page(connection, query))


@blueprint.get("/api/notifications/unread-count")
def count_unread():
    """{"unread": n}."""
    username = current_user().username
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        return jsonify({"unread": unread_count(connection, username)})


@blueprint.post("/api/notifications/<int:notification_id>/read")
def read_one(notification_id: int):
    """Mark one of your notifications read; the notification (404 when it is not yours)."""
    username = current_user().username
    with transaction(current_app.extensions[ENGINE_KEY], write=True) as connection:
        notification = mark_read(connection, username, notification_id, datetime.now(UTC))
    if notification is None:
        raise ApiError(
            404,
            "notification.not_found",
            f"You have no notification {notification_id}. / 没有编号为 {notification_id} 的通知。",
        )
    return jsonify(notification)


@blueprint.post("/api/notifications/read-all")
def read_all():
    """Mark every unread notification of yours read: {"marked": n}."""
    username = current_user().username
    with transaction(current_app.extensions[ENGINE_KEY], write=True) as connection:
        return jsonify({"marked": mark_all_read(connection, username, datetime.now(UTC))})


def _flag(name: str) -> bool:
    raw = request.args.get(name)
    if raw in (None, "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise _bad_parameter(name, "true or false", "true 或 false")


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _WHOLE_NUMBER.match(raw) or not low <= int(raw) <= high:
        raise _bad_parameter(name, f"a whole number from {low} to {high}", f"{low} 到 {high} 之间的整数")
    return int(raw)


def _bad_parameter(name: str, expected: str, expected_zh: str) -> ApiError:
    return ApiError(400, "query.parameter", f"'{name}' must be {expected}. / “{name}”应为{expected_zh}。")
