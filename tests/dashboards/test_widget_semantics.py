"""What widgets mean, on a small app: hidden values, record titles, local time buckets, periods, order and limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from runtime.database import ENGINE_KEY
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client
from tests.workflows.flows import seed_demo_people

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _rule(field: str, operator: str, value: Any) -> dict[str, Any]:
    return {"combinator": "and", "rules": [{"field": field, "operator": operator, "value": value}]}


def _widget(widget_id: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"id": widget_id, "kind": kind, "label": widget_id, "entity": "deal"} | extra


SUM_AMOUNT = {"function": "sum", "field": "amount"}
COUNT = {"function": "count"}
DOCUMENT = {
    "format_version": 1,
    "id": "sales",
    "label": "Sales",
    "timezone": "Asia/Shanghai",
    "roles": [{"id": "rep", "label": "Rep"}, {"id": "manager", "label": "Manager"}],
    "entities": [
        {
            "id": "account",
            "label": "Account",
            "title_field": "name",
            "fields": [{"id": "name", "type": "text", "label": "Name", "required": True}],
        },
        {
            "id": "deal",
            "label": "Deal",
            "title_field": "name",
            "fields": [
                {"id": "name", "type": "text", "label": "Name", "required": True},
                {"id": "amount", "type": "money", "currency": "CNY", "label": "Amount", "min": 0},
                {"id": "margin", "type": "money", "currency": "CNY", "label": "Margin", "visibility": "owner"},
                {
                    "id": "stage",
                    "type": "choice",
                    "label": "Stage",
                    "options": [
                        {"id": "open", "label": {"zh": "进行中", "en": "Open"}},
                        {"id": "won", "label": {"zh": "赢单", "en": "Won"}},
                        {"id": "lost", "label": {"zh": "丢单", "en": "Lost"}},
                    ],
                },
                {"id": "account", "type": "ref", "label": "Account", "entity": "account"},
                {"id": "closed_at", "type": "datetime", "label": "Closed at"},
                {"id": "close_date", "type": "date", "label": "Close date"},
                {"id": "score", "type": "integer", "label": "Score"},
            ],
        },
    ],
    "views": [
        {
            "id": "board",
            "kind": "dashboard",
            "label": "Board",
            "widgets": [
                _widget("total", "kpi", aggregate=SUM_AMOUNT),
                _widget("margins", "kpi", aggregate={"function": "sum", "field": "margin"}),
                _widget(
                    "won_month",
                    "kpi",
                    aggregate=SUM_AMOUNT,
                    filter=_rule("stage", "=", "won"),
                    compare={"date_field": "close_date", "period": "month"},
                    target=100000,
                ),
                _widget(
                    "lost_score",
                    "kpi",
                    aggregate={"function": "avg", "field": "score"},
                    filter=_rule("stage", "=", "lost"),
                ),
                _widget("lost_total", "kpi", aggregate=SUM_AMOUNT, filter=_rule("stage", "=", "lost")),
                _widget("by_account", "bar", aggregate=SUM_AMOUNT, group_by={"field": "account"}),
                _widget("monthly", "line", aggregate=COUNT, group_by={"field": "closed_at", "bucket": "month"}),
                _widget(
                    "stages_desc",
                    "bar",
                    aggregate=COUNT,
                    group_by={"field": "stage"},
                    sort=[{"field": "stage", "direction": "desc"}],
                    limit=1,
                ),
                _widget("by_owner", "pie", aggregate=COUNT, group_by={"field": "owner"}),
                _widget("stage_funnel", "funnel", aggregate=COUNT, group_by={"field": "stage"}),
                _widget(
                    "top",
                    "table",
                    columns=["name", "amount", "margin"],
                    sort=[{"field": "amount", "direction": "desc"}],
                    limit=3,
                ),
            ],
        }
    ],
    "permissions": [
        {"role": "rep", "entity": "deal", "read": "own", "create": "own", "update": "own"},
        {"role": "manager", "entity": "deal", "read": "team", "create": "own"},
        {"role": "manager", "entity": "account", "read": "all", "create": "all"},
    ],
}
DEALS = {  # owner → deals (name, amount, margin, stage, closed_at (Shanghai), close_date)
    "chen.jie": [
        ("c1", 30000, 3000, "won", "2026-10-31T23:30:00+08:00", "2026-12-01"),
        ("c2", 50000, 5000, "open", "2026-11-01T00:10:00+08:00", None),
    ],
    "liu.yang": [("l1", 70000, 7000, "won", None, "2026-11-30")],
    "zhao.lei": [("z1", 90000, 9000, "won", "2026-08-15T12:00:00+08:00", "2026-12-01")],
}


@pytest.fixture
def sales(app, client):
    """The app published, the demo org with roles, the deals created by their owners; a client per user."""
    seed_demo_people(
        app.extensions[ENGINE_KEY],
        "sales",
        {"rep": ("chen.jie", "liu.yang", "zhao.lei", "sun.li"), "manager": ("li.na", "wang.fang")},
    )
    publish_new(client, DOCUMENT)
    account = client.post("/api/apps/sales/account", json={"name": "ACME 上海"}).get_json()["id"]
    for owner, deals in DEALS.items():
        person = signed_in_client(app, owner, is_admin=False)
        for name, amount, margin, stage, closed_at, close_date in deals:
            values = {"name": name, "amount": amount, "margin": margin, "stage": stage}
            values |= {"closed_at": closed_at, "close_date": close_date}
            response = person.post("/api/apps/sales/deal", json=values)
            assert response.status_code == 201, response.get_json()
            linked = {"row_version": 1, "account": account}  # reps may not read accounts: the administrator links them
            assert client.patch(f"/api/apps/sales/deal/{response.get_json()['id']}", json=linked).status_code == 200
    return lambda username: signed_in_client(app, username, is_admin=username == "admin")


def _widgets(client) -> dict[str, dict[str, Any]]:
    body = client.get("/api/apps/sales/views/board").get_json()
    return {widget["id"]: widget for widget in body["widgets"]}


def _groups(widget: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(group["key"], group["value"]) for group in widget["groups"]]


def test_numbers_cover_the_records_each_user_reads_and_the_values_they_see(sales):
    rep, manager, director = _widgets(sales("chen.jie")), _widgets(sales("li.na")), _widgets(sales("admin"))
    assert (rep["total"]["value"], manager["total"]["value"], director["total"]["value"]) == (80000, 150000, 240000)
    # margin is visible to the record's owner only: li.na reads her team's deals but sums none of their margins
    assert (rep["margins"]["value"], manager["margins"]["value"], director["margins"]["value"]) == (8000, 0, 24000)
    assert [(row["name"], "margin" in row) for row in manager["top"]["items"]] == [
        ("l1", False),
        ("c2", False),
        ("c1", False),
    ]
    assert [row["margin"] for row in rep["top"]["items"]] == [5000, 3000]
    assert {group["label"] for group in manager["by_owner"]["groups"]} == {"陈杰 Chen Jie", "刘洋 Liu Yang"}


def test_groups_of_records_name_them_by_title_unless_the_user_may_not_read_them(sales):
    (rep_group,) = _widgets(sales("chen.jie"))["by_account"]["groups"]
    (manager_group,) = _widgets(sales("li.na"))["by_account"]["groups"]
    assert manager_group["label"] == "ACME 上海" and manager_group["value"] == 150000
    assert rep_group["label"] == f"#{rep_group['key']}"  # reps may not read accounts: no title leaks
    funnel = _widgets(sales("chen.jie"))["stage_funnel"]
    assert [(group["key"], group["label"]["en"], group["value"]) for group in funnel["groups"]] == [
        ("open", "Open", 1),
        ("won", "Won", 1),
        ("lost", "Lost", 0),
    ]


def test_time_buckets_are_local_and_run_from_the_first_to_the_last(sales):
    monthly = _widgets(sales("admin"))["monthly"]
    # 23:30 on 31 October in Shanghai is still October there, though 15:30 UTC; 00:10 on 1 November is November
    assert _groups(monthly) == [("2026-08-01", 1), ("2026-09-01", 0), ("2026-10-01", 1), ("2026-11-01", 1)]
    assert [group["label"] for group in monthly["groups"]] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert (monthly["bucket"], monthly["truncated"]) == ("month", False)


def test_a_kpi_compares_this_local_period_with_the_one_before(sales):
    with time_machine.travel(datetime(2026, 12, 1, 0, 30, tzinfo=SHANGHAI), tick=False):  # 30 Nov 16:30 UTC
        won = _widgets(sales("admin"))["won_month"]
    assert (won["value"], won["previous"], won["change"], won["change_percent"]) == (120000, 70000, 50000, 71.4)
    assert (won["target"], won["attainment"]) == (100000, 120)
    assert won["period"]["current"] == {"from": "2026-12-01", "to": "2026-12-31"}
    assert won["period"]["previous"] == {"from": "2026-11-01", "to": "2026-11-30"}


def test_nothing_sums_to_zero_and_averages_to_nothing(sales):
    widgets = _widgets(sales("sun.li"))  # a rep without deals
    assert (widgets["lost_total"]["value"], widgets["lost_score"]["value"], widgets["total"]["value"]) == (0, None, 0)
    assert widgets["monthly"]["groups"] == [] and widgets["top"]["items"] == []


def test_sorting_by_the_group_and_limiting_groups_says_what_was_left_out(sales):
    stages = _widgets(sales("admin"))["stages_desc"]
    assert _groups(stages) == [("won", 3)] and stages["truncated"] is True  # 'won' > 'open' descending


def test_a_widget_on_an_entity_the_user_may_not_read_says_so(app, client):
    document = DOCUMENT | {
        "views": [
            {
                "id": "accounts",
                "kind": "dashboard",
                "label": "A",
                "widgets": [{"id": "count", "kind": "kpi", "label": "n", "entity": "account", "aggregate": COUNT}],
            }
        ]
    }
    seed_demo_people(app.extensions[ENGINE_KEY], "sales", {"rep": ("chen.jie",)})
    publish_new(client, document)
    (widget,) = (
        signed_in_client(app, "chen.jie", is_admin=False).get("/api/apps/sales/views/accounts").get_json()["widgets"]
    )
    assert widget["error"]["code"] == "access.denied" and "value" not in widget
