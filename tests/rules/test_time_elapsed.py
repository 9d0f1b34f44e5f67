"""time_elapsed: due once the field is `after` old (dates by the app's calendar), while the condition holds; a new
value of the field opens a new window; deleted records and records leaving the condition are left alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.rules.example_apps import condition
from tests.rules.support import clock, create, firings, messages, publish_app, sweep_at, update, user

START = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def _tasks(trigger: dict[str, Any]) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": "tasks",
        "label": "Tasks",
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}],
        "entities": [
            {
                "id": "task",
                "label": "Task",
                "title_field": "title",
                "fields": [
                    {"id": "title", "type": "text", "label": "Title", "required": True},
                    {"id": "due_on", "type": "date", "label": "Due on"},
                    {"id": "last_contact", "type": "datetime", "label": "Last contact"},
                    {"id": "done", "type": "boolean", "label": "Done", "default": False},
                ],
            }
        ],
        "rules": [
            {
                "id": "overdue",
                "label": "Overdue",
                "entity": "task",
                "trigger": trigger,
                "condition": condition({"field": "done", "operator": "=", "value": False}),
                "actions": [{"kind": "alert", "to": [{"kind": "owner"}], "message": "{title} is waiting"}],
            }
        ],
        "permissions": [
            {"role": "rep", "entity": "task", "read": "own", "create": "own", "update": "own", "delete": "own"}
        ],
    }


def test_a_date_field_is_due_from_midnight_in_the_apps_time_zone(app):
    with clock(START) as traveller:
        publish_app(
            app,
            _tasks({"kind": "time_elapsed", "field": "due_on", "after": {"amount": 3, "unit": "days"}}),
            {"ann": "rep"},
        )
        create(app, "ann", "tasks", "task", {"title": "Call Acme", "due_on": "2025-03-03"})
        assert sweep_at(traveller, datetime(2025, 3, 5, 15, 59, tzinfo=UTC), app) == 0  # 23:59 on the 5th in Shanghai
        assert sweep_at(traveller, datetime(2025, 3, 5, 16, 0, tzinfo=UTC), app) == 1  # midnight: the 6th
        assert sweep_at(traveller, datetime(2025, 3, 9, 16, 0, tzinfo=UTC), app) == 0
    assert messages(app, "ann") == ["Call Acme is waiting"]
    assert firings(app)[0]["window_key"] == "due_on:2025-03-03"


def test_a_new_value_of_the_field_opens_a_new_window(app):
    with clock(START) as traveller:
        publish_app(
            app,
            _tasks({"kind": "time_elapsed", "field": "last_contact", "after": {"amount": 72, "unit": "hours"}}),
            {"ann": "rep"},
        )
        task = create(app, "ann", "tasks", "task", {"title": "Acme", "last_contact": "2025-03-03T09:00:00+08:00"})
        assert sweep_at(traveller, START + timedelta(hours=72), app) == 1
        traveller.shift(timedelta(hours=1))
        update(app, "ann", f"/api/apps/tasks/task/{task['id']}", {"last_contact": "2025-03-06T10:00:00+08:00"})
        assert sweep_at(traveller, START + timedelta(hours=100), app) == 0
        assert sweep_at(traveller, START + timedelta(hours=145), app) == 1  # 72 h after the new contact
        assert sweep_at(traveller, START + timedelta(hours=300), app) == 0
    assert [firing["window_key"] for firing in firings(app)] == [
        "last_contact:2025-03-03T01:00:00Z",
        "last_contact:2025-03-06T02:00:00Z",
    ]


def test_records_leaving_the_condition_or_deleted_are_left_alone(app):
    with clock(START) as traveller:
        publish_app(
            app,
            _tasks({"kind": "time_elapsed", "field": "due_on", "after": {"amount": 1, "unit": "weeks"}}),
            {"ann": "rep"},
        )
        done = create(app, "ann", "tasks", "task", {"title": "Done", "due_on": "2025-03-01"})
        gone = create(app, "ann", "tasks", "task", {"title": "Gone", "due_on": "2025-03-01"})
        create(app, "ann", "tasks", "task", {"title": "Open", "due_on": "2025-03-01"})
        update(app, "ann", f"/api/apps/tasks/task/{done['id']}", {"done": True})
        deleted = user(app, "ann").delete(f"/api/apps/tasks/task/{gone['id']}")
        assert deleted.status_code == 204
        assert sweep_at(traveller, datetime(2025, 3, 8, 16, 0, tzinfo=UTC), app) == 1
    assert messages(app, "ann") == ["Open is waiting"]
