"""The notification store (what rules and workflows send through) and the signed-in user's inbox API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runtime.database import ENGINE_KEY, transaction
from runtime.notifications.store import Message, NotificationDraft, send
from tests.support.auth import signed_in_client

SENT_AT = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)


def _send(app, *drafts: NotificationDraft) -> list[int]:
    with transaction(app.extensions[ENGINE_KEY], write=True) as connection:
        return send(connection, drafts, now=SENT_AT)


def _draft(recipient: str, text: str, **extra) -> NotificationDraft:
    fields = {"kind": "workflow_notice"} | extra
    return NotificationDraft(recipient=recipient, message=Message(zh=f"{text}（中文）", en=text), **fields)


@pytest.fixture
def ann_and_bob(app):
    """Signed-in clients of ann and bob; ann has three notifications, bob one."""
    ann, bob = (signed_in_client(app, name, is_admin=False) for name in ("ann", "bob"))
    _send(
        app,
        _draft("ann", "first", app_id="deals", entity="deal", record_id=7, severity="warning"),
        _draft("ann", "second", dedup_key="approval:12:ann"),
        _draft("bob", "for bob"),
    )
    assert _send(app, _draft("ann", "second", dedup_key="approval:12:ann")) == []  # the same again: skipped
    _send(app, _draft("ann", "third"))
    return ann, bob


def test_the_inbox_lists_a_users_notifications_newest_first_in_pages(ann_and_bob):
    ann, _bob = ann_and_bob
    listed = ann.get("/api/notifications").get_json()
    assert [item["message"]["en"] for item in listed["items"]] == ["third", "second", "first"]
    assert (listed["total"], listed["unread"], listed["page"], listed["page_size"]) == (3, 3, 1, 20)
    first = listed["items"][-1]
    assert first == {
        "id": first["id"],
        "kind": "workflow_notice",
        "severity": "warning",
        "title": None,
        "message": {"zh": "first（中文）", "en": "first"},
        "app": "deals",
        "entity": "deal",
        "record_id": 7,
        "created_at": "2025-03-03T01:00:00Z",
        "read_at": None,
    }
    second_page = ann.get("/api/notifications", query_string={"page": "2", "page_size": "2"}).get_json()
    assert [item["message"]["en"] for item in second_page["items"]] == ["first"]


def test_reading_marks_one_or_all_and_the_unread_count_follows(ann_and_bob):
    ann, bob = ann_and_bob
    newest = ann.get("/api/notifications").get_json()["items"][0]
    read = ann.post(f"/api/notifications/{newest['id']}/read")
    assert read.status_code == 200 and read.get_json()["read_at"] is not None
    assert ann.get("/api/notifications/unread-count").get_json() == {"unread": 2}
    unread = ann.get("/api/notifications", query_string={"unread": "true"}).get_json()
    assert [item["message"]["en"] for item in unread["items"]] == ["second", "first"] and unread["total"] == 2
    assert ann.post("/api/notifications/read-all").get_json() == {"marked": 2}
    assert ann.post("/api/notifications/read-all").get_json() == {"marked": 0}
    assert ann.get("/api/notifications/unread-count").get_json() == {"unread": 0}
    assert bob.get("/api/notifications/unread-count").get_json() == {"unread": 1}


def test_someone_elses_notification_is_not_found(ann_and_bob):
    ann, bob = ann_and_bob
    (bobs,) = bob.get("/api/notifications").get_json()["items"]
    for notification_id in (bobs["id"], 999999):
        response = ann.post(f"/api/notifications/{notification_id}/read")
        assert (response.status_code, response.get_json()["error"]["code"]) == (404, "notification.not_found")
    assert bob.get("/api/notifications/unread-count").get_json() == {"unread": 1}


@pytest.mark.parametrize("arguments", [{"page_size": "0"}, {"page_size": "101"}, {"page": "x"}, {"unread": "maybe"}])
def test_a_bad_query_parameter_is_refused(ann_and_bob, arguments):
    ann, _bob = ann_and_bob
    response = ann.get("/api/notifications", query_string=arguments)
    assert (response.status_code, response.get_json()["error"]["code"]) == (400, "query.parameter")


def test_the_inbox_needs_a_signed_in_user(app):
    response = app.test_client().get("/api/notifications/unread-count")
    assert (response.status_code, response.get_json()["error"]["code"]) == (401, "auth.required")


@pytest.mark.parametrize(
    "extra", [{"severity": "urgent"}, {"kind": ""}, {"dedup_key": ""}, {"dedup_key": "k" * 201}], ids=str
)
def test_a_draft_the_store_cannot_keep_is_refused_when_made(extra):
    with pytest.raises(ValueError):
        _draft("ann", "x", **extra)
