"""Rules set off by writes: record created, record updated (into the condition), a field changed from/to; a failing
action is recorded in its firing and never refuses the user's save."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.example_apps import condition
from tests.rules.support import create, firings, messages, publish_app, update, user

ROLES = {"ann": "rep", "mei": "manager"}


def _deals(*rules: dict[str, Any]) -> dict[str, Any]:
    """A deals app (stage, amount, a unique code, a read-only flag) with the given rules."""
    return {
        "format_version": 1,
        "id": "deals",
        "label": "Deals",
        "roles": [{"id": "rep", "label": "Rep"}, {"id": "manager", "label": "Manager"}],
        "entities": [
            {
                "id": "deal",
                "label": "Deal",
                "title_field": "name",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True},
                    {"id": "amount", "type": "money", "label": "Amount", "currency": "CNY"},
                    {
                        "id": "stage",
                        "type": "choice",
                        "label": {"zh": "阶段", "en": "Stage"},
                        "options": [
                            {"id": "open", "label": {"zh": "进行中", "en": "Open"}},
                            {"id": "won", "label": {"zh": "赢单", "en": "Won"}},
                            {"id": "lost", "label": {"zh": "丢单", "en": "Lost"}},
                        ],
                    },
                    {"id": "code", "type": "text", "label": "Code", "unique": True},
                    {"id": "flagged", "type": "boolean", "label": "Flagged", "read_only": True, "default": False},
                ],
            }
        ],
        "definitions": [
            {
                "id": "big_deal",
                "label": {"zh": "大单", "en": "Big deal"},
                "entity": "deal",
                "condition": condition({"field": "amount", "operator": ">=", "value": 100000}),
            }
        ],
        "rules": list(rules),
        "permissions": [
            {"role": "rep", "entity": "deal", "read": "own", "create": "own", "update": "own"},
            {"role": "manager", "entity": "deal", "read": "team", "update": "team"},
        ],
    }


def _alert_rule(rule_id: str, trigger: dict[str, Any], message: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "label": rule_id,
        "entity": "deal",
        "trigger": trigger,
        "actions": [{"kind": "alert", "to": [{"kind": "supervisor"}], "message": message}],
        **extra,
    }


def test_record_created_fires_for_new_records_that_meet_a_semantic_definition(app):
    rule = _alert_rule(
        "new_big",
        {"kind": "record_created"},
        "New big deal {name}: {amount}",
        condition=condition({"definition": "big_deal"}),
    )
    publish_app(app, _deals(rule), ROLES)
    create(app, "ann", "deals", "deal", {"name": "Small", "amount": 500})
    big = create(app, "ann", "deals", "deal", {"name": "Big", "amount": 250000})
    update(app, "ann", f"/api/apps/deals/deal/{big['id']}", {"amount": 260000})
    assert messages(app, "mei") == ["New big deal Big: 250,000.00"]
    assert [(firing["record_id"], firing["window_key"]) for firing in firings(app)] == [(big["id"], "created")]


def test_record_updated_without_a_condition_fires_on_every_change(app):
    publish_app(app, _deals(_alert_rule("touched", {"kind": "record_updated"}, "{name} is now {stage}")), ROLES)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "stage": "open"})
    path = f"/api/apps/deals/deal/{deal['id']}"
    update(app, "ann", path, {"stage": "won"})
    update(app, "ann", path, {"stage": "won"})  # nothing changed: no update happened
    update(app, "ann", path, {"name": "Acme Corp"})
    assert messages(app, "mei") == ["Acme is now Won", "Acme Corp is now Won"]
    assert messages(app, "mei", "zh") == ["Acme is now 赢单", "Acme Corp is now 赢单"]
    assert [firing["window_key"] for firing in firings(app)] == ["v2", "v4"]


def test_record_updated_with_a_condition_fires_when_an_update_makes_it_hold(app):
    rule = _alert_rule(
        "became_big", {"kind": "record_updated"}, "{name} became big", condition=condition({"definition": "big_deal"})
    )
    publish_app(app, _deals(rule), ROLES)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "amount": 100})
    path = f"/api/apps/deals/deal/{deal['id']}"
    update(app, "ann", path, {"amount": 150000})
    update(app, "ann", path, {"amount": 160000})  # still big: nothing new
    update(app, "ann", path, {"amount": 10})
    update(app, "ann", path, {"amount": 100000})
    assert messages(app, "mei") == ["Acme became big", "Acme became big"]


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ({"kind": "field_changed", "field": "stage"}, ["Acme: Open", "Acme: Won", "Acme: Lost"]),
        ({"kind": "field_changed", "field": "stage", "to": "won"}, ["Acme: Won"]),
        ({"kind": "field_changed", "field": "stage", "from": "won", "to": "lost"}, ["Acme: Lost"]),
        ({"kind": "field_changed", "field": "stage", "from": None}, ["Acme: Open"]),
    ],
    ids=["any-change", "to", "from-to", "from-empty"],
)
def test_field_changed_fires_on_changes_of_the_field_from_and_to_the_given_values(app, trigger, expected):
    publish_app(app, _deals(_alert_rule("stage_moved", trigger, "{name}: {stage}")), ROLES)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "stage": "open"})  # a create changes it from empty
    path = f"/api/apps/deals/deal/{deal['id']}"
    update(app, "ann", path, {"amount": 5})
    update(app, "ann", path, {"stage": "won"})
    update(app, "ann", path, {"stage": "lost"})
    assert messages(app, "mei") == expected


def test_a_failing_action_is_recorded_and_the_save_and_the_other_actions_go_on(app):
    rule = {
        "id": "copy_code",
        "label": "Copy the code",
        "entity": "deal",
        "trigger": {"kind": "field_changed", "field": "stage", "to": "won"},
        "actions": [
            {
                "kind": "create_record",
                "entity": "deal",
                "values": {"name": "Renewal of {name}", "code": {"copy": "code"}},
            },
            {"kind": "set_field", "field": "flagged", "value": True},
        ],
    }
    publish_app(app, _deals(rule), ROLES)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "code": "A-1"})
    saved = update(app, "ann", f"/api/apps/deals/deal/{deal['id']}", {"stage": "won"})
    assert saved["stage"] == "won"  # the save went through
    (firing,) = firings(app)
    creation, flag = firing["results"]
    assert firing["ok"] is False
    assert creation == {
        "action": "create_record",
        "ok": False,
        "error": "Another deal record already has this 'code'. / 已有其他记录使用了相同的“code”。",
    }
    assert flag == {"action": "set_field", "ok": True, "field": "flagged", "changed": True}
    records = user(app, "ann").get("/api/apps/deals/deal").get_json()["items"]
    assert [(record["name"], record["flagged"]) for record in records] == [("Acme", True)]  # no renewal record


def test_rules_that_set_each_other_off_stop_after_a_few_levels(app):
    ping = {
        "id": "ping",
        "label": "Ping",
        "entity": "deal",
        "trigger": {"kind": "field_changed", "field": "stage", "to": "won"},
        "actions": [{"kind": "set_field", "field": "stage", "value": "lost"}],
    }
    pong = {**ping, "id": "pong", "label": "Pong", "trigger": {"kind": "field_changed", "field": "stage", "to": "lost"}}
    pong["actions"] = [{"kind": "set_field", "field": "stage", "value": "won"}]
    publish_app(app, _deals(ping, pong), ROLES)
    deal = create(app, "ann", "deals", "deal", {"name": "Acme", "stage": "open"})
    saved = update(app, "ann", f"/api/apps/deals/deal/{deal['id']}", {"stage": "won"})
    assert saved["stage"] == "won"
    fired = firings(app)
    assert [firing["rule_id"] for firing in fired] == ["ping", "pong", "ping"]
    assert [firing["ok"] for firing in fired] == [True, True, False]
    assert "more than 3 levels" in fired[-1]["results"][0]["error"]
