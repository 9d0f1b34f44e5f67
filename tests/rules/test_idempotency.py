"""Every occasion fires once: twice-run sweeps, a restart, and two workers sweeping at once — the database's unique
key on (app, rule, record, window) decides."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from runtime.database import ENGINE_KEY, transaction
from runtime.records.api import LIVE_APPS_KEY
from runtime.rules.firings import Occasion, claim
from runtime.rules.sweep import sweep
from runtime.rules.tables import FIRINGS
from tests.rules.example_apps import condition, leads_app
from tests.rules.support import clock, create, firings, inbox, publish_app, restarted

START = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
DUE = START + timedelta(hours=97)  # both lead rules are due


def _leads_with_weekly_digest() -> dict:
    document = leads_app()
    document["rules"].append(
        {
            "id": "monday_digest",
            "label": "Monday digest",
            "entity": "lead",
            "trigger": {"kind": "schedule", "frequency": "weekly", "weekday": "fri", "time": "10:00"},
            "condition": condition({"field": "followed_up_at", "operator": "null"}),
            "actions": [{"kind": "alert", "to": [{"kind": "owner"}], "message": "Still open: {name}"}],
        }
    )
    return document


@pytest.fixture
def stale_leads(app):
    """Two high-intent leads of ann, never followed up, and a clock 97 hours later (Friday 10:00 in Shanghai)."""
    with clock(START) as traveller:
        publish_app(app, _leads_with_weekly_digest(), {"ann": "rep", "mei": "manager"})
        for name in ("Acme", "Bolt"):
            create(app, "ann", "leads", "lead", {"name": name, "intent": "high"})
        traveller.move_to(DUE)
        yield app


EXPECTED_FIRINGS = 6  # two leads x (72 h reminder, 96 h escalation, Friday digest)


def test_sweeping_twice_fires_each_occasion_once(stale_leads):
    assert sweep(stale_leads) == EXPECTED_FIRINGS
    assert sweep(stale_leads) == 0
    assert len(firings(stale_leads)) == EXPECTED_FIRINGS
    assert len(inbox(stale_leads, "ann")) == 4 and len(inbox(stale_leads, "mei")) == 2


def test_a_restarted_server_does_not_fire_again(stale_leads):
    assert sweep(stale_leads) == EXPECTED_FIRINGS
    with restarted(stale_leads) as again:
        assert sweep(again) == 0
        assert len(inbox(again, "ann")) == 4
    assert len(firings(stale_leads)) == EXPECTED_FIRINGS


def test_two_workers_sweeping_at_once_fire_each_occasion_once(stale_leads):
    with restarted(stale_leads) as first, restarted(stale_leads) as second:
        start_together = threading.Barrier(2)

        def work(worker):
            start_together.wait()
            return sweep(worker)

        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = list(pool.map(work, (first, second)))
    assert sum(counts) == EXPECTED_FIRINGS
    assert len(firings(stale_leads)) == EXPECTED_FIRINGS
    assert sorted(item["message"]["en"] for item in inbox(stale_leads, "ann")) == sorted(
        [f"High-intent lead {name} has waited 72 hours (budget: —)" for name in ("Acme", "Bolt")]
        + [f"Still open: {name}" for name in ("Acme", "Bolt")]
    )


def test_the_database_refuses_a_second_firing_of_an_occasion(stale_leads):
    engine = stale_leads.extensions[ENGINE_KEY]
    occasion = Occasion("remind_rep", 1, "created_at:2025-03-03T01:00:00Z")
    with transaction(engine, write=True) as connection:
        live = stale_leads.extensions[LIVE_APPS_KEY].current(connection, "leads")
        assert claim(connection, live, "lead", occasion, DUE) is not None
        assert claim(connection, live, "lead", occasion, DUE) is None
    row = {key: value for key, value in firings(stale_leads)[0].items() if key != "id"}
    with pytest.raises(IntegrityError), transaction(engine, write=True) as connection:
        connection.execute(insert(FIRINGS).values(**row))
