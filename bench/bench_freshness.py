"""Write-to-dashboard freshness (issue 7): 50 listeners on the event stream, 20 writes/s, p95 < 1 s.

Dabble runs under gunicorn as `dabble serve` would on SQLite: one worker process (the in-process event bus
lives there) with threads for the streams, pinned to one core; the writer and the 50 listeners run in
this process on the other core. 50 people, each a different user, follow `GET /api/apps/<app>/events`:
25 directors (every deal) and 25 managers in a chain of supervisors above the writer (their team's deals:
the hub checks each one's access to each change in SQL). The writer creates 20 deals a second through the
records API; each listener, on each event, refetches the stage funnel widget like the live app's
dashboard (bench/dashboards/listeners.py) — its total counts the deals the listener reads, so a refresh
showing at least N more deals than at the start includes the N-th write.

Two latencies per (viewer, write), from the moment the write's HTTP response arrived: until the
viewer's stream brought the event, and until the viewer held a widget value including the write
(event, then a widget request). The figures are percentiles over every pair.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import time
from pathlib import Path

from bench.dashboards.definition import APP_ID, DASHBOARD_ID, ENTITY_ID
from bench.dashboards.instances import seeded
from bench.dashboards.listeners import HOST, Listener
from bench.harness import Measurement
from bench.records_api.servers import cpu_plan
from bench.robustness.databases import Database
from bench.robustness.server import Launcher, Server

ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = "freshness"
TARGET_MS = 1000.0
LISTENERS = 50
WRITES_PER_SECOND = 20
FULL = {"deals": 2000, "seconds": 30}
QUICK = {"deals": 2000, "seconds": 10}
DRAIN_SECONDS = 5.0


def run(quick: bool = False) -> list[Measurement]:
    """Event and widget freshness percentiles with 50 listeners and 20 writes/s."""
    plan = QUICK if quick else FULL
    instance = seeded(plan["deals"], listeners=LISTENERS)
    viewers = list(instance.viewers)
    server_cpu, client_cpus = cpu_plan()
    scratch = ROOT / "build" / "bench" / "freshness"  # kept after the run: gunicorn.log is there
    shutil.rmtree(scratch, ignore_errors=True)
    with Launcher() as launcher:
        database = Database("sqlite", "", _copy(instance.folder, scratch))
        server = Server(launcher, database, workers=1, threads=LISTENERS * 2 + 16)
        with server:
            if server_cpu is not None:
                _pin_group(server.pid, {server_cpu})
                os.sched_setaffinity(0, client_cpus)
            try:
                listeners = _listen(server.port, instance, viewers)
                writes = _write(server.port, instance.tokens[instance.writer], plan["seconds"])
                time.sleep(DRAIN_SECONDS)
                for listener in listeners:
                    listener.stop()
            finally:
                if server_cpu is not None:
                    os.sched_setaffinity(0, client_cpus | {server_cpu})
    return _figures(listeners, writes, plan)


def _copy(folder: Path, scratch: Path) -> Path:
    """A copy of the seeded instance to write into (the cached one stays as seeded)."""
    target = scratch / "instance"
    shutil.copytree(folder / "instance", target)
    return target


def _pin_group(group: int, cpus: set[int]) -> None:
    """Pin every process of a process group (gunicorn's master and workers) to the CPUs."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    os.sched_setaffinity(int(entry.name), cpus)
            except (ProcessLookupError, PermissionError):
                continue


def _listen(port: int, instance, viewers: list[str]) -> list[Listener]:
    stream = f"/api/apps/{APP_ID}/events"
    widget = f"/api/apps/{APP_ID}/views/{DASHBOARD_ID}/widgets/funnel"
    listeners = [Listener(port, instance.tokens[viewer], stream, widget) for viewer in viewers]
    for listener in listeners:
        if not listener.ready.wait(30):
            raise RuntimeError("a listener's stream never became ready")
        listener.baseline = listener.widget_total()
    return listeners


def _write(port: int, token: str, seconds: float) -> list[tuple[int, float, int]]:
    """Create deals at a steady rate; (record id, response time, deals written so far) for each."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    writes = []
    started = time.monotonic()
    for number in range(int(seconds * WRITES_PER_SECOND)):
        due = started + number / WRITES_PER_SECOND
        time.sleep(max(0.0, due - time.monotonic()))
        body = json.dumps({"name": f"Fresh {number}", "amount": 1000, "stage": "lead"})
        connection.request("POST", f"/api/apps/{APP_ID}/{ENTITY_ID}", body, headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        if response.status != 201:
            raise RuntimeError(f"a write answered {response.status}: {answer}")
        writes.append((answer["id"], time.monotonic(), number + 1))
    connection.close()
    return writes


def _figures(listeners: list[Listener], writes, plan) -> list[Measurement]:
    event_ms, widget_ms, missed = [], [], 0
    for listener in listeners:
        for record_id, answered, written in writes:
            arrived = listener.event_at.get(record_id)
            shown = next((when for when, seen in listener.total_seen if seen >= listener.baseline + written), None)
            if arrived is None or shown is None:
                missed += 1
                continue
            event_ms.append((arrived - answered) * 1000)
            widget_ms.append((shown - answered) * 1000)
    details = {"listeners": len(listeners), "writes": len(writes), "writes_per_second": WRITES_PER_SECOND}
    details |= {"deals": plan["deals"], "pairs": len(event_ms), "missed": missed}
    figures = []
    for name, values in (("event", event_ms), ("widget value", widget_ms)):
        values.sort()
        details_for = details | {"p50_ms": _rank(values, 0.5), "max_ms": values[-1] if values else None}
        figures.append(
            Measurement.single(
                BENCHMARK,
                f"{name}: p95 from write response",
                "ms",
                _rank(values, 0.95),
                target=TARGET_MS,
                **details_for,
            )
        )
        figures.append(Measurement.single(BENCHMARK, f"{name}: p50 from write response", "ms", _rank(values, 0.5)))
    figures.append(Measurement.single(BENCHMARK, "missed (viewer, write) pairs", "pairs", missed, target=1))
    return figures


def _rank(values: list[float], fraction: float) -> float:
    """The value at a fraction of the sorted values (nearest rank)."""
    if not values:
        return float("nan")
    return values[max(0, min(len(values) - 1, round(fraction * len(values) + 0.5) - 1))]
