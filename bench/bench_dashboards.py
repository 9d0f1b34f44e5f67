"""Dashboard refresh over a million records on SQLite (issue 7: a dashboard of four widgets, < 300 ms).

The app (bench/dashboards/definition.py) has one dashboard of four widgets over its deals: a KPI
(won this month against last month and a target), a bar chart of amounts by rep, a line chart of
monthly amounts and a stage funnel. 1,000,000 deals (200,000 with --quick) are inserted straight
into the entity's table, spread over 50 reps in 5 teams; the instance is kept in build/bench and
reused while its inputs are unchanged.

Each refresh is a real request through the Flask app (authentication, the access layer, JSON),
without a network: `GET /api/apps/<app>/views/<dashboard>`, all four widgets one after the other,
and the same four widgets requested at once from four threads as the live app's dashboard page does
(SQLite runs the queries side by side: it leaves the GIL while it reads). Each for three viewers:
the director (every deal), a manager (a team: a fifth of the deals) and a rep (their own: 1/50).
The figure is the median of the runs; the target applies to the director's refresh.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bench.dashboards.definition import APP_ID, DASHBOARD_ID, DEFINITION
from bench.dashboards.instances import seeded
from bench.dashboards.seeding import settings
from bench.harness import Measurement, measure_ms
from runtime.app import close_app, create_app

BENCHMARK = "dashboards"
TARGET_MS = 300.0
FULL = {"deals": 1_000_000, "runs": 9}
QUICK = {"deals": 200_000, "runs": 5}
WIDGETS = [widget["id"] for widget in DEFINITION["views"][0]["widgets"]]
PATH = f"/api/apps/{APP_ID}/views/{DASHBOARD_ID}"


def run(quick: bool = False) -> list[Measurement]:
    """Refresh times for the director, a manager and a rep, whole dashboard and widgets at once."""
    plan = QUICK if quick else FULL
    instance = seeded(plan["deals"])
    app = create_app(settings(instance.folder))
    try:
        viewers = {"director": instance.director, "manager": instance.managers[0], "rep": instance.reps[0]}
        measurements = []
        for role, username in viewers.items():
            client = _client(app, instance.tokens[username])
            _check(client)
            target = TARGET_MS if role == "director" else None
            details = {"deals": plan["deals"], "viewer": role}
            measurements.append(
                measure_ms(
                    BENCHMARK,
                    f"{role}: dashboard of 4 widgets, one request",
                    lambda client=client: client.get(PATH),
                    runs=plan["runs"],
                    target_ms=target,
                    **details,
                )
            )
            clients = [_client(app, instance.tokens[username]) for _ in WIDGETS]
            with ThreadPoolExecutor(len(WIDGETS)) as pool:
                measurements.append(
                    measure_ms(
                        BENCHMARK,
                        f"{role}: 4 widgets requested at once",
                        lambda pool=pool, clients=clients: list(pool.map(_widget, clients, WIDGETS)),
                        runs=plan["runs"],
                        target_ms=target,
                        **details,
                    )
                )
        return measurements
    finally:
        close_app(app)


def _client(app, token: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _widget(client, widget_id: str):
    response = client.get(f"{PATH}/widgets/{widget_id}")
    if response.status_code != 200:
        raise RuntimeError(f"{widget_id}: {response.status_code} {response.get_data(as_text=True)[:300]}")
    return response


def _check(client) -> None:
    """The dashboard answers with data in every widget (a benchmark of errors measures nothing)."""
    response = client.get(PATH)
    body = response.get_json()
    if response.status_code != 200 or any("error" in widget for widget in body["widgets"]):
        raise RuntimeError(f"the dashboard does not answer: {response.status_code} {str(body)[:500]}")
    funnel = next(widget for widget in body["widgets"] if widget["id"] == "funnel")
    if sum(group["value"] for group in funnel["groups"]) == 0:
        raise RuntimeError("the dashboard counts no deal")
