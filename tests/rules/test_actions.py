"""Actions: alerts to every kind of recipient (only those who may read the record), create_record, set_field,
suggestions (rendered per reader, dismissed by those who may update), and the firings a builder can review.
start_workflow is tested with the workflow engine (runtime/workflows/starting.py)."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from tests.rules.support import create, firings, inbox, make_org, messages, user
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client

ROLES = {"ann": "rep", "bob": "rep", "mei": "manager", "lee": "legal"}


def _deals(*actions: dict[str, Any]) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": "deals",
        "label": "Deals",
        "roles": [{"id": role, "label": role} for role in ("rep", "manager", "legal")],
        "entities": [
            {
                "id": "deal",
                "label": "Deal",
                "title_field": "name",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True},
                    {
                        "id": "stage",
                        "type": "choice",
                        "label": {"zh": "阶段", "en": "Stage"},
                        "default": "open",
                        "options": [{"id": "open", "label": {"zh": "进行中", "en": "Open"}}],
                    },
                    {"id": "reviewer", "type": "user", "label": "Reviewer"},
                    {"id": "secret", "type": "text", "label": "Secret", "visibility": "owner"},
                    {"id": "flagged", "type": "boolean", "label": "Flagged", "read_only": True, "default": False},
                ],
            },
            {
                "id": "task",
                "label": "Task",
                "title_field": "subject",
                "fields": [
                    {"id": "subject", "type": "text", "label": "Subject", "required": True, "max_length": 40},
                    {"id": "deal", "type": "ref", "entity": "deal", "label": "Deal"},
                    {"id": "due", "type": "date", "label": "Due"},
                ],
            },
        ],
        "rules": [
            {
                "id": "on_new",
                "label": "On a new deal",
                "entity": "deal",
                "trigger": {"kind": "record_created"},
                "actions": list(actions),
            }
        ],
        "permissions": [
            {"role": "rep", "entity": "deal", "read": "own", "create": "own", "update": "own"},
            {"role": "rep", "entity": "task", "read": "own", "update": "own"},
            {"role": "manager", "entity": "deal", "read": "team", "update": "team"},
            {"role": "legal", "entity": "deal", "read": "all"},
        ],
    }


def _published(app, *actions: dict[str, Any]) -> None:
    """The org with its squad (a definition may name only groups that exist), then the app."""
    document = _deals(*actions)
    make_org(app, document["id"], ROLES)
    org_admin.create_group(app.extensions[ENGINE_KEY], "squad", "Squad", leader="mei", members=("ann", "lee"))
    publish_new(signed_in_client(app), document)


def test_an_alert_reaches_each_named_person_who_may_read_the_record(app):
    recipients = [
        {"kind": "role", "role": "legal"},
        {"kind": "group_members", "group": "squad"},
        {"kind": "group_leader", "group": "squad"},
        {"kind": "user", "user": "dan"},  # no role in the app: may not read the deal
        {"kind": "supervisor_chain", "levels": 3},  # ann has two levels above her
        {"kind": "field", "field": "reviewer"},  # bob, a rep, reads only his own deals
    ]
    _published(app, {"kind": "alert", "to": recipients, "message": "New deal {name}"})
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "reviewer": "bob"})
    for username in ("ann", "lee", "mei"):
        assert messages(app, username) == ["New deal Acme"], username
    for username in ("dan", "bob"):
        assert inbox(app, username) == [], username
    (firing,) = firings(app)
    (result,) = firing["results"]
    assert (firing["record_id"], firing["ok"]) == (deal["id"], True)
    assert result["notified"] == ["lee", "ann", "mei"]
    assert result["not_readable"] == ["dan", "bob"]
    assert result["unresolved"] == ["ann has fewer than 3 levels of supervisors. / ann 的上级不足 3 级。"]


def test_an_alert_to_nobody_who_may_read_is_a_failed_action(app):
    _published(app, {"kind": "alert", "to": [{"kind": "user", "user": "dan"}], "message": "New deal {name}"})
    create(app, "ann", "deals", "deal", {"name": "Acme"})
    (firing,) = firings(app)
    assert firing["ok"] is False
    assert firing["results"] == [
        {"action": "alert", "ok": False, "notified": [], "not_readable": ["dan"], "unresolved": []}
    ]


def test_create_record_makes_a_task_for_the_owner_from_copies_and_a_template(app):
    task = {"subject": "跟进 {name}（{stage}）", "deal": {"copy": "id"}, "due": "2025-03-10"}
    _published(app, {"kind": "create_record", "entity": "task", "values": task})
    name = "Acme Industrial Holdings International Group"
    deal = create(app, "ann", "deals", "deal", {"name": name})
    (created,) = user(app, "ann").get("/api/apps/deals/task").get_json()["items"]
    assert created["subject"] == f"跟进 {name}（进行中）"[:40]  # in the app's language (zh), cut to the field's 40
    assert (created["deal"], created["due"], created["owner"], created["created_by"]) == (
        deal["id"],
        "2025-03-10",
        "ann",
        "on_new@rules",
    )
    history = user(app, "ann").get(f"/api/apps/deals/task/{created['id']}/history").get_json()["items"]
    assert [(item["action"], item["actor"]) for item in history] == [("create", "on_new@rules")]
    assert firings(app)[0]["results"] == [
        {"action": "create_record", "ok": True, "entity": "task", "record_id": created["id"]}
    ]


def test_set_field_writes_a_read_only_field_as_the_rule(app):
    _published(app, {"kind": "set_field", "field": "flagged", "value": True})
    deal = create(app, "ann", "deals", "deal", {"name": "Acme"})
    path = f"/api/apps/deals/deal/{deal['id']}"
    stored = user(app, "ann").get(path).get_json()
    assert (stored["flagged"], stored["updated_by"], stored["row_version"]) == (True, "on_new@rules", 2)
    history = user(app, "ann").get(f"{path}/history").get_json()["items"]
    assert [(item["actor"], item["changes"]) for item in history][1:] == [("on_new@rules", {"flagged": [False, True]})]


def test_a_suggestion_shows_each_reader_what_they_may_see_and_is_dismissed_by_who_may_update(app):
    play = {
        "kind": "suggest",
        "title": {"zh": "推荐打法", "en": "Play"},
        "message": {"zh": "{name}：{secret}", "en": "{name}: {secret}"},
    }
    _published(app, play)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "secret": "discount 5%"})
    path = f"/api/apps/deals/deal/{deal['id']}/suggestions"

    def listed(username: str, **arguments: str) -> Any:
        return user(app, username).get(path, query_string=arguments)

    (own,) = listed("ann").get_json()["items"]
    assert (own["title"], own["message"], own["rule"]) == (
        {"zh": "推荐打法", "en": "Play"},
        {"zh": "Acme：discount 5%", "en": "Acme: discount 5%"},
        "on_new",
    )
    assert listed("lee").get_json()["items"][0]["message"]["en"] == "Acme: ***"
    assert listed("bob").status_code == 404
    refused = user(app, "lee").post(f"{path}/{own['id']}/dismiss")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "access.denied")
    dismissed = user(app, "mei").post(f"{path}/{own['id']}/dismiss")
    assert (dismissed.status_code, dismissed.get_json()) == (200, {"items": []})
    assert listed("ann").get_json()["items"] == []
    (kept,) = listed("ann", dismissed="true").get_json()["items"]
    assert kept["dismissed_by"] == "mei"
    again = user(app, "mei").post(f"{path}/{own['id']}/dismiss")
    assert (again.status_code, again.get_json()["error"]["code"]) == (404, "suggestion.not_found")


@pytest.mark.parametrize(("username", "status"), [("admin", 200), ("ann", 403)])
def test_firings_are_listed_for_the_apps_builders_only(app, username, status):
    _published(app, {"kind": "set_field", "field": "flagged", "value": True})
    create(app, "ann", "deals", "deal", {"name": "Acme"})
    client = signed_in_client(app) if username == "admin" else user(app, username)
    response = client.get("/api/apps/deals/rules/firings", query_string={"rule": "on_new"})
    assert response.status_code == status
    if status == 200:
        (item,) = response.get_json()["items"]
        assert (item["rule"], item["window"], item["ok"], item["version"]) == ("on_new", "created", True, 1)
