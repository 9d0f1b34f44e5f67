"""Every widget of every template, for every demo user: the numbers of exactly the records that user may read."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from builder.model.views import AggregateFunction, DashboardView, WidgetKind
from templates_library import library
from tests.dashboards.widget_oracle import WidgetOracle
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records

TEMPLATES = library().templates


def _same(widget, shown: Any, expected: Any, model) -> bool:
    """A shown number equals the expected one (averages to the places they are shown with)."""
    if expected is None or shown is None:
        return shown is None and expected is None
    if isinstance(expected, Decimal) and widget.aggregate.function is AggregateFunction.AVG:
        scale = model.entity(widget.entity).field(widget.aggregate.field).effective_scale
        places = 6 if scale is None else scale + 2  # two more than the field's own (floats: six)
        return abs(Decimal(str(shown)) - expected) <= Decimal(1).scaleb(-places)
    if isinstance(expected, Decimal):
        return Decimal(str(shown)) == expected
    return shown == expected


def _check(oracle: WidgetOracle, widget, shown: dict, rows: list[dict], *, now: datetime, who: str) -> None:
    expected = oracle.expected(widget, rows, now)
    where = f"{who}: {widget.id}"
    if widget.kind is WidgetKind.KPI:
        assert _same(widget, shown["value"], expected["value"], oracle.model), (
            where,
            shown["value"],
            expected["value"],
        )
        if "previous" in expected:
            assert _same(widget, shown["previous"], expected["previous"], oracle.model), (where, shown, expected)
        if widget.target is not None and isinstance(shown["value"], int | float):
            assert shown["attainment"] == pytest.approx(shown["value"] * 100 / widget.target, abs=0.05)
    elif widget.kind is WidgetKind.TABLE:
        assert [item["id"] for item in shown["items"]] == expected["ids"], where
    else:
        keys = [group["key"] for group in shown["groups"]]
        assert keys == [key for key, _ in expected["groups"]], (where, keys, expected["groups"])
        for group, (_key, value) in zip(shown["groups"], expected["groups"], strict=True):
            assert _same(widget, group["value"], value, oracle.model), (where, group, value)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_each_users_widgets_count_exactly_the_records_they_read(demo_instance, template):
    oracle = WidgetOracle(template.model)
    users = ["admin", *sorted({user for holders in template.demo_roles.values() for user in holders})]
    dashboards = [view for view in template.model.views if isinstance(view, DashboardView)]
    with time_machine.travel(datetime.now(UTC), tick=False):  # the same "today" for the widgets and the oracle
        now = datetime.now(UTC)
        for username in users:
            client = signed_in_client(demo_instance.app, username, is_admin=username == "admin")
            rows: dict[str, list[dict]] = {}
            for view in dashboards:
                body = client.get(f"/api/apps/{template.id}/views/{view.id}").get_json()
                for widget, shown in zip(view.widgets, body["widgets"], strict=True):
                    assert shown["id"] == widget.id
                    listed = client.get(f"/api/apps/{template.id}/{widget.entity}", query_string={"page_size": 1})
                    if listed.status_code == 403:  # no role of theirs reads the entity: the widget says so
                        assert shown["error"]["code"] == "access.denied", (username, widget.id)
                        continue
                    if widget.entity not in rows:
                        rows[widget.entity] = all_records(client, template.id, widget.entity)
                    _check(oracle, widget, shown, rows[widget.entity], now=now, who=username)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_every_widget_shows_something_to_the_administrator(demo_instance, template):
    admin = signed_in_client(demo_instance.app)
    for view in template.model.views:
        if not isinstance(view, DashboardView):
            continue
        for shown in admin.get(f"/api/apps/{template.id}/views/{view.id}").get_json()["widgets"]:
            if shown["kind"] == "kpi":
                assert shown["value"] not in (None, 0), (view.id, shown)
            elif shown["kind"] == "table":
                assert shown["items"], (view.id, shown["id"])
            else:
                assert len(shown["groups"]) >= 2 and any(group["value"] for group in shown["groups"]), shown["id"]


def test_one_widget_alone_is_what_the_dashboard_shows(demo_instance):
    admin = signed_in_client(demo_instance.app)
    with time_machine.travel(datetime.now(UTC), tick=False):
        dashboard = admin.get("/api/apps/contract_approval/views/approval_dashboard").get_json()
        for widget in dashboard["widgets"]:
            alone = admin.get(f"/api/apps/contract_approval/views/approval_dashboard/widgets/{widget['id']}")
            assert alone.get_json() == widget
    response = admin.get("/api/apps/contract_approval/views/approval_dashboard/widgets/nothing")
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "widget.not_found")
