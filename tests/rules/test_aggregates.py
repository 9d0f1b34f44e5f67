"""aggregate: count, sum and avg over related records in a window against the window before or a threshold, and the
interval between consecutive records; measured in SQL, each record at most once per window (or latest record)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.rules.example_apps import condition
from tests.rules.support import clock, create, firings, messages, publish_app, sweep_at

BEFORE = datetime(2025, 1, 1, 4, 0, tzinfo=UTC)
JUNE_30 = datetime(2025, 6, 30, 4, 0, tzinfo=UTC)  # noon in Shanghai


def _accounts(trigger: dict[str, Any], rule_condition: dict[str, Any] | None = None) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": "trend",
        "label": "Trend",
        "entity": "account",
        "trigger": {
            "kind": "aggregate",
            "source": {"entity": "visit", "via": "account", "date_field": "visited_on"},
            **trigger,
        },
        "actions": [{"kind": "alert", "to": [{"kind": "owner"}], "message": "{name}"}],
    }
    if rule_condition is not None:
        rule["condition"] = rule_condition
    return {
        "format_version": 1,
        "id": "accounts",
        "label": "Accounts",
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}],
        "entities": [
            {
                "id": "account",
                "label": "Account",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True},
                    {"id": "key_account", "type": "boolean", "label": "Key account", "default": False},
                ],
            },
            {
                "id": "visit",
                "label": "Visit",
                "fields": [
                    {"id": "account", "type": "ref", "entity": "account", "label": "Account", "required": True},
                    {"id": "visited_on", "type": "date", "label": "Visited on"},
                    {"id": "spend", "type": "money", "currency": "CNY", "label": "Spend"},
                ],
            },
        ],
        "rules": [rule],
        "permissions": [
            {"role": "rep", "entity": entity, "read": "own", "create": "own", "update": "own", "delete": "own"}
            for entity in ("account", "visit")
        ],
    }


def _given(app, trigger: dict[str, Any], accounts: dict[str, list[tuple[str, float]]], **extra: Any) -> None:
    """The app published and, before any window of interest, the accounts with their dated visits and spend."""
    publish_app(app, _accounts(trigger, extra.pop("rule_condition", None)), {"ann": "rep"})
    for name, visits in accounts.items():
        account = create(app, "ann", "accounts", "account", {"name": name, "key_account": name.startswith("Key")})
        for day, spend in visits:
            create(app, "ann", "accounts", "visit", {"account": account["id"], "visited_on": day, "spend": spend})


def test_a_count_falling_by_half_against_the_previous_window_fires_once_per_window(app):
    trigger = {
        "measure": {"function": "count"},
        "window": {"amount": 30, "unit": "days"},
        "compare": {"with": "previous_window", "operator": "<=", "value": -50},
    }
    may = [("2025-05-05", 1), ("2025-05-10", 1), ("2025-05-15", 1), ("2025-05-20", 1)]
    with clock(BEFORE) as traveller:
        _given(
            app,
            trigger,
            {
                "Falling": [*may, ("2025-06-10", 1)],  # 4 then 1: -75%
                "Steady": [("2025-05-10", 1), ("2025-05-20", 1), ("2025-06-12", 1), ("2025-06-20", 1)],
                "New": [("2025-06-10", 1), ("2025-06-11", 1)],  # nothing before: no percent change
            },
        )
        assert firings(app) == []  # the visits lie in the future of the clock when they were entered
        assert sweep_at(traveller, JUNE_30, app) == 1
        assert sweep_at(traveller, JUNE_30 + timedelta(hours=1), app) == 0
        assert sweep_at(traveller, JUNE_30 + timedelta(days=10), app) == 0  # still down, but within the window
        assert messages(app, "ann") == ["Falling"]
        # A window later nobody has visited since June: every account is down 100%, Falling again too.
        assert sweep_at(traveller, JUNE_30 + timedelta(days=31), app) == 3
    assert sorted(messages(app, "ann")[1:]) == ["Falling", "New", "Steady"]


def test_a_money_sum_under_a_threshold_counts_accounts_without_visits_as_zero(app):
    trigger = {
        "measure": {"function": "sum", "field": "spend"},
        "window": {"amount": 1, "unit": "weeks"},
        "compare": {"with": "threshold", "operator": "<", "value": 1000},
    }
    with clock(BEFORE) as traveller:
        _given(
            app,
            trigger,
            {
                "Key low": [("2025-06-25", 300), ("2025-06-29", 400.5), ("2025-06-10", 5000)],
                "Key silent": [],
                "Key busy": [("2025-06-28", 999.99), ("2025-06-30", 0.01)],
                "Small": [],
            },
            rule_condition=condition({"field": "key_account", "operator": "=", "value": True}),
        )
        # Entered on 1 January, each key account had spent nothing that week: told when it was written.
        assert sorted(messages(app, "ann")) == ["Key busy", "Key low", "Key silent"]
        assert sweep_at(traveller, JUNE_30, app) == 2
    assert sorted(messages(app, "ann")[3:]) == ["Key low", "Key silent"]


def test_an_average_up_by_an_absolute_amount_against_the_previous_window(app):
    trigger = {
        "measure": {"function": "avg", "field": "spend"},
        "window": {"amount": 30, "unit": "days"},
        "compare": {"with": "previous_window", "operator": ">=", "value": 500, "unit": "absolute"},
    }
    with clock(BEFORE) as traveller:
        _given(
            app,
            trigger,
            {
                "Growing": [("2025-05-10", 800), ("2025-05-20", 1200), ("2025-06-10", 1600)],  # 1000 -> 1600
                "Flat": [("2025-05-10", 1000), ("2025-06-10", 1200)],
                "Fresh": [("2025-06-10", 9000)],
            },
        )
        assert sweep_at(traveller, JUNE_30, app) == 1
    assert messages(app, "ann") == ["Growing"]


def test_an_interval_over_a_threshold_fires_once_per_latest_record(app):
    trigger = {
        "measure": {"function": "interval"},
        "window": {"amount": 365, "unit": "days"},
        "compare": {"with": "threshold", "operator": ">", "value": 90},
    }
    with clock(BEFORE) as traveller:
        _given(
            app,
            trigger,
            {
                "Slow": [("2025-02-01", 1), ("2025-06-01", 1)],  # 120 days
                "Quick": [("2025-05-01", 1), ("2025-06-01", 1)],
                "Once": [("2025-06-01", 1)],
                "Old": [("2023-01-01", 1), ("2023-12-01", 1)],  # the latest visit is outside the window
            },
        )
        assert sweep_at(traveller, JUNE_30, app) == 1
        assert sweep_at(traveller, JUNE_30 + timedelta(days=100), app) == 0
    assert messages(app, "ann") == ["Slow"]
    assert firings(app)[0]["window_key"] == "visit.visited_on:2025-06-01"
