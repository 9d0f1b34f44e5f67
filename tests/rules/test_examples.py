"""The three example rules of issue 6 fire exactly once each, at the right time, into the recipients' notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.rules.example_apps import customers_app, leads_app, stock_app
from tests.rules.support import clock, create, firings, inbox, messages, publish_app, sweep_at, update, user

START = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
HOUR = timedelta(hours=1)


def test_a_high_intent_lead_reminds_the_rep_after_72_hours_and_the_supervisor_after_96(app):
    with clock(START) as traveller:
        publish_app(app, leads_app(), {"ann": "rep", "bob": "rep", "mei": "manager"})
        create(app, "ann", "leads", "lead", {"name": "Acme", "intent": "high", "budget_note": "2M"})
        create(app, "ann", "leads", "lead", {"name": "Slow Co", "intent": "low"})
        handled = create(app, "bob", "leads", "lead", {"name": "Quick Co", "intent": "high"})
        traveller.shift(10 * HOUR)
        update(app, "bob", f"/api/apps/leads/lead/{handled['id']}", {"followed_up_at": "2025-03-03T19:00:00+08:00"})

        assert sweep_at(traveller, START + 72 * HOUR - timedelta(seconds=1), app) == 0
        assert inbox(app, "ann") == []
        assert sweep_at(traveller, START + 72 * HOUR, app) == 1
        assert sweep_at(traveller, START + 80 * HOUR, app) == 0
        assert messages(app, "ann") == ["High-intent lead Acme has waited 72 hours (budget: 2M)"]
        assert messages(app, "ann", "zh") == ["高意向线索Acme已超过72小时未跟进（预算：2M）"]
        assert inbox(app, "mei") == []

        assert sweep_at(traveller, START + 96 * HOUR, app) == 1
        assert sweep_at(traveller, START + 200 * HOUR, app) == 0
    # The budget note is the owner's only: her supervisor's alert shows *** in its place.
    assert messages(app, "mei") == ["Ann's high-intent lead Acme has waited 96 hours (budget: ***)"]
    (alert,) = inbox(app, "mei")
    assert (alert["severity"], alert["app"], alert["entity"], alert["kind"]) == (
        "critical",
        "leads",
        "lead",
        "rule_alert",
    )
    assert alert["created_at"] == "2025-03-07T01:00:00Z"
    assert len(messages(app, "ann")) == 1
    assert inbox(app, "bob") == []
    assert [firing["rule_id"] for firing in firings(app)] == ["remind_rep", "tell_supervisor"]


def test_a_longer_purchase_cycle_with_a_same_line_inquiry_attaches_the_play_once(app):
    with clock(START) as traveller:
        publish_app(app, customers_app(), {"ann": "rep", "mei": "manager"})
        bolt = create(app, "ann", "customers", "customer", {"name": "Bolt"})
        steady = create(app, "ann", "customers", "customer", {"name": "Steady", "same_line_inquiry": True})
        for customer, dates in (
            (bolt, ("2024-06-01", "2024-09-09", "2024-12-18")),
            (steady, ("2024-06-01", "2024-09-09", "2024-12-18")),
        ):
            for day in dates:
                create(
                    app, "ann", "customers", "purchase", {"title": day, "customer": customer["id"], "ordered_on": day}
                )
        assert firings(app) == []  # every cycle so far is 100 days

        traveller.move_to(datetime(2025, 4, 27, 2, 0, tzinfo=UTC))
        create(
            app, "ann", "customers", "purchase", {"title": "late", "customer": bolt["id"], "ordered_on": "2025-04-27"}
        )
        create(
            app,
            "ann",
            "customers",
            "purchase",
            {"title": "on time", "customer": steady["id"], "ordered_on": "2025-03-30"},
        )
        assert firings(app) == []  # Bolt's cycle is 30% longer, but Bolt has not asked about the same line yet

        traveller.shift(HOUR)
        update(app, "ann", f"/api/apps/customers/customer/{bolt['id']}", {"same_line_inquiry": True})
        (fired,) = firings(app)
        assert (fired["rule_id"], fired["record_id"], fired["ok"]) == ("longer_cycle", bolt["id"], True)
        assert fired["window_key"] == "purchase.ordered_on:2025-04-27"

        assert sweep_at(traveller, datetime(2025, 4, 28, 2, 0, tzinfo=UTC), app) == 0
        update(app, "ann", f"/api/apps/customers/customer/{bolt['id']}", {"name": "Bolt Ltd"})
    assert len(firings(app)) == 1
    suggestions = user(app, "ann").get(f"/api/apps/customers/customer/{bolt['id']}/suggestions").get_json()["items"]
    assert [(item["title"]["en"], item["message"]["en"]) for item in suggestions] == [
        (
            "Recommended play",
            "Bolt Ltd buys 15% more slowly than before: offer longer payment terms and free on-site training",
        )
    ]
    assert suggestions[0]["message"]["zh"] == "Bolt Ltd的采购周期比上次长15%以上：建议延长账期并提供免费上门培训"
    assert user(app, "ann").get(f"/api/apps/customers/customer/{bolt['id']}").get_json()["needs_care"] is True
    assert messages(app, "ann") == ["Recommended play for Bolt: longer terms + training"]
    assert user(app, "ann").get(f"/api/apps/customers/customer/{steady['id']}/suggestions").get_json()["items"] == []


def test_stock_below_two_weeks_of_sales_alerts_the_account_manager_once_per_drop(app):
    with clock(START):
        publish_app(app, stock_app(), {"ann": "rep", "mei": "manager"})
        item = create(
            app,
            "ann",
            "stock",
            "stock_item",
            {"product": "Widget", "on_hand": 500, "weekly_sales": 100, "account_manager": "mei"},
        )
        path = f"/api/apps/stock/stock_item/{item['id']}"
        update(app, "ann", path, {"on_hand": 300})
        assert inbox(app, "mei") == []
        update(app, "ann", path, {"on_hand": 150})  # 1.5 weeks of cover
        update(app, "ann", path, {"note": "dealer called"})
        update(app, "ann", path, {"on_hand": 120})  # still low: no new alert
        assert messages(app, "mei") == ["Widget: stock covers 1.5 weeks of sales (150 on hand)"]
        assert messages(app, "mei", "zh") == ["Widget 库存仅够 1.5 周销售（库存 150）"]
        update(app, "ann", path, {"on_hand": 400})
        update(app, "ann", path, {"on_hand": 100})  # a new drop below two weeks
    assert messages(app, "mei")[1:] == ["Widget: stock covers 1.0 weeks of sales (100 on hand)"]
    assert inbox(app, "ann") == []
