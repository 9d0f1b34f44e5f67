"""Semantic definitions (named conditions) mean the same in rules on writes (Python), rules in sweeps (SQL),
permissions' `where` and list filters."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.rules.example_apps import condition
from tests.rules.support import clock, create, messages, publish_app, sweep_at, user

ACTIVE_LARGE = condition({"definition": "active_large"})


def _contracts() -> dict:
    alert = {"kind": "alert", "message": "Large contract {title}"}
    return {
        "format_version": 1,
        "id": "contracts",
        "label": "Contracts",
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}, {"id": "legal", "label": "Legal"}],
        "entities": [
            {
                "id": "contract",
                "label": "Contract",
                "title_field": "title",
                "fields": [
                    {"id": "title", "type": "text", "label": "Title", "required": True},
                    {"id": "amount", "type": "money", "currency": "CNY", "label": "Amount"},
                    {
                        "id": "stage",
                        "type": "choice",
                        "label": "Stage",
                        "options": [{"id": "open", "label": "Open"}, {"id": "lost", "label": "Lost"}],
                    },
                ],
            }
        ],
        "definitions": [
            {
                "id": "large_contract",
                "label": {"zh": "大额合同", "en": "Large contract"},
                "entity": "contract",
                "condition": condition({"field": "amount", "operator": ">", "value": 500000}),
            },
            {
                "id": "active_large",
                "label": {"zh": "在谈大额合同", "en": "Active large contract"},
                "entity": "contract",
                "condition": condition(
                    {"definition": "large_contract"}, {"field": "stage", "operator": "!=", "value": "lost"}
                ),
            },
        ],
        "rules": [
            {
                "id": "tell_legal",
                "label": "Tell legal",
                "entity": "contract",
                "trigger": {"kind": "record_created"},
                "condition": ACTIVE_LARGE,
                "actions": [{**alert, "to": [{"kind": "role", "role": "legal"}]}],
            },
            {
                "id": "daily_large",
                "label": "Daily large",
                "entity": "contract",
                "trigger": {"kind": "schedule", "frequency": "daily", "time": "09:00"},
                "condition": ACTIVE_LARGE,
                "actions": [{**alert, "to": [{"kind": "owner"}]}],
            },
        ],
        "permissions": [
            {"role": "rep", "entity": "contract", "read": "own", "create": "own", "update": "own"},
            {
                "role": "legal",
                "entity": "contract",
                "read": "all",
                "where": condition({"definition": "large_contract"}),
            },
        ],
    }


def test_a_definition_means_the_same_in_rules_permissions_and_filters(app):
    start = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)
    with clock(start) as traveller:
        publish_app(app, _contracts(), {"ann": "rep", "lee": "legal"})
        for title, amount, stage in (("Big", 600000, "open"), ("Small", 1000, "open"), ("Big lost", 700000, "lost")):
            create(app, "ann", "contracts", "contract", {"title": title, "amount": amount, "stage": stage})
        assert messages(app, "lee") == ["Large contract Big"]  # on the write: the predicate
        assert sweep_at(traveller, datetime(2025, 3, 3, 1, 0, tzinfo=UTC), app) == 1  # 09:00: the SQL clause
    assert messages(app, "ann") == ["Large contract Big"]
    listed = user(app, "lee").get("/api/apps/contracts/contract").get_json()["items"]
    assert [item["title"] for item in listed] == ["Big", "Big lost"]  # legal reads large contracts only
    filtered = user(app, "ann").get("/api/apps/contracts/contract", query_string={"filter": json.dumps(ACTIVE_LARGE)})
    assert [item["title"] for item in filtered.get_json()["items"]] == ["Big"]
