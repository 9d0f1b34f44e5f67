"""Records API throughput: Dabble against a hand-written Flask + SQLModel app and Flask + raw sqlite3.

The same deal entity (bench/records_api/definition.py) is served three ways under the same
gunicorn settings (bench/records_api/servers.py: one worker, 4 threads, pinned to one core) and
driven by the same client with the same concurrency (bench/records_api/load.py: 4 keep-alive
connections, on the other core), for create, get (random existing ids) and list-50
(`?page_size=50&sort=-id`, after seeding). Before measuring, the three apps must answer the same
requests with the same JSON, refuse the same invalid bodies (422, same fields) and, once seeded,
list a full page of 50 newest first (during the runs only the status is checked). Runs are
interleaved (each round runs every app once, in rotating order) so drift on a shared machine
hits all three alike; the figure is the median of the rounds. Besides requests/s, the server
worker's CPU time per request is measured: it does not change when other processes take the
server's core, so its ratio confirms the throughput ratio on a busy machine.

All three check the same bearer token on every request (one query: a records API serves signed-in
users), and Dabble also applies its access layer (the token's user is an administrator here).
What differs by design: Dabble also writes an audit row per create and looks up the app's live
version on each request (it serves many apps); the hand-written apps do neither. The SQLModel app
refreshes the record after commit, as the SQLModel tutorial does (one more SELECT per create).

Target (issue): Dabble ≥ 0.9× the hand-written SQLModel app's throughput, reported as Dabble's
throughput shortfall against it (< 10 %). Profile with `python -m bench.records_api.profile_app`.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import Measurement
from bench.records_api import servers
from bench.records_api.definition import APP_ID, DEFINITION, ENTITY_ID, STAGES
from bench.records_api.load import LoadResult, Request, call, run_all, run_load

BENCHMARK = "records_api"
BASE = f"/api/apps/{APP_ID}/{ENTITY_ID}"
LIST_50 = f"{BASE}?page_size=50&sort=-id"
APPS = ("dabble", "sqlmodel", "raw_sqlite")
REFERENCE = "sqlmodel"
LABELS = {"dabble": "Dabble", "sqlmodel": "Flask + SQLModel (hand-written)", "raw_sqlite": "Flask + sqlite3"}
CONNECTIONS = 4
TARGET_RATIO = 0.9
FULL = {"seed": 2000, "rounds": 6, "seconds": 2.0, "warmup": 1.0}
QUICK = {"seed": 1000, "rounds": 2, "seconds": 1.2, "warmup": 0.4}
TIMESTAMPS = ("created_at", "updated_at")


def deal_bodies(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Valid deals with every field varied (some optional fields left empty)."""
    chooser = random.Random(seed)
    bodies = []
    for number in range(count):
        body: dict[str, Any] = {
            "name": f"Deal {number} 商机 {chooser.randrange(10**6)}",
            "amount": chooser.randrange(0, 10**9) / 100,
            "stage": chooser.choice(STAGES),
        }
        if chooser.random() < 0.8:
            body["quantity"] = chooser.randrange(1, 500)
        if chooser.random() < 0.7:
            body["closes_on"] = f"2026-{chooser.randrange(1, 13):02d}-{chooser.randrange(1, 29):02d}"
        bodies.append(body)
    return bodies


INVALID_BODIES: tuple[dict[str, Any], ...] = (
    {},
    {"name": None, "amount": None, "stage": None},
    {"name": "", "amount": -1, "stage": "closed"},
    {"name": 123, "amount": "12", "quantity": 0, "closes_on": "2025-02-30", "color": "red"},
    {"amount": True, "quantity": 1.5, "closes_on": "2025-2-3", "owner": "someone"},
    {"amount": 1, "stage": "open"},
    {"name": "a", "stage": "open"},
    {"name": "a", "amount": 1},
    {"name": "", "amount": 1, "stage": "open"},
    {"name": "x" * 201, "amount": 1, "stage": "open"},
    {"name": 123, "amount": 1, "stage": "open"},
    {"name": "a", "amount": "12", "stage": "open"},
    {"name": "a", "amount": -1, "stage": "open"},
    {"name": "a", "amount": 1.005, "stage": "open"},
    {"name": "a", "amount": True, "stage": "open"},
    {"name": "a", "amount": 1, "stage": "closed"},
    {"name": "a", "amount": 1, "stage": "open", "quantity": 0},
    {"name": "a", "amount": 1, "stage": "open", "quantity": 1.5},
    {"name": "a", "amount": 1, "stage": "open", "closes_on": "2025-02-30"},
    {"name": "a", "amount": 1, "stage": "open", "closes_on": "2025-2-3"},
    {"name": "a", "amount": 1, "stage": "open", "owner": "someone"},
    {"name": "a", "amount": 1, "stage": "open", "color": "red"},
)
EDGE_BODIES: tuple[dict[str, Any], ...] = (
    {"name": "零", "amount": 0, "stage": "lost", "quantity": None, "closes_on": None},
    {"name": "a" * 200, "amount": 100, "stage": "won", "quantity": 1, "closes_on": "2024-02-29"},
    {"name": "b", "amount": 0.1, "stage": "open"},
    {"name": "c", "amount": 1234567.89, "stage": "open", "quantity": 3},
)


def _publish_dabble(port: int) -> None:
    """Create and publish the deal app through Dabble's HTTP API."""
    status, body = call(port, "POST", "/api/apps", DEFINITION)
    if status != 201 or not body["validation"]["valid"]:
        raise RuntimeError(f"creating the Dabble app failed ({status}): {body}")
    status, body = call(port, "POST", f"/api/apps/{APP_ID}/publish", {"message": "records API benchmark"})
    if status != 201 or not body.get("published"):
        raise RuntimeError(f"publishing the Dabble app failed ({status}): {body}")


def _without_timestamps(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in TIMESTAMPS}


def check_same_behaviour(ports: dict[str, int]) -> None:
    """The apps return the same JSON for the same requests and refuse the same invalid fields."""
    for body in EDGE_BODIES:
        created = {name: call(port, "POST", BASE, body) for name, port in ports.items()}
        fetched = {name: call(port, "GET", f"{BASE}/{created[name][1]['id']}") for name, port in ports.items()}
        for name in ports:
            status, record = created[name]
            if status != 201 or fetched[name] != (200, record):
                raise AssertionError(f"{name}: create/get of {body} gave {created[name]} then {fetched[name]}")
            if not all(isinstance(record[key], str) and record[key].endswith("Z") for key in TIMESTAMPS):
                raise AssertionError(f"{name}: timestamps are not UTC ISO 8601: {record}")
        shapes = {name: _without_timestamps(created[name][1]) for name in ports}
        if len({json.dumps(shape, sort_keys=True) for shape in shapes.values()}) != 1:
            raise AssertionError(f"the apps answer {body} differently: {shapes}")
    pages = {name: call(port, "GET", f"{BASE}?page_size=2&sort=-id")[1] for name, port in ports.items()}
    for page in pages.values():
        page["items"] = [_without_timestamps(item) for item in page["items"]]
    if len({json.dumps(page, sort_keys=True) for page in pages.values()}) != 1:
        raise AssertionError(f"the apps list differently: {pages}")
    for body in INVALID_BODIES:
        answers = {name: call(port, "POST", BASE, body) for name, port in ports.items()}
        paths = {}
        for name, (status, answer) in answers.items():
            if status != 422:
                raise AssertionError(f"{name} answered {body} with {status}, not 422: {answer}")
            paths[name] = sorted({problem["path"] for problem in answer["error"]["problems"]})
        if len({tuple(found) for found in paths.values()}) != 1:
            raise AssertionError(f"the apps find different problems in {body}: {paths}")


def check_full_pages(ports: dict[str, int], ids: dict[str, list[int]]) -> None:
    """Each seeded app lists 50 records, newest first, and counts every record it holds (seeds and edge cases)."""
    for name, port in ports.items():
        status, page = call(port, "GET", LIST_50)
        listed = [item["id"] for item in page["items"]] if status == 200 else []
        if len(listed) != 50 or listed != sorted(listed, reverse=True) or listed[0] != max(ids[name]):
            raise AssertionError(f"{name}: {LIST_50} gave {status} with ids {listed}")
        if page["total"] != len(ids[name]) + len(EDGE_BODIES):
            raise AssertionError(f"{name}: {LIST_50} counts {page['total']} records, not {len(ids[name])} + edges")


@dataclass(frozen=True)
class Run:
    """One timed run of one app: what the client saw, and the server worker's CPU time per request."""

    load: LoadResult
    cpu_ms_per_request: float

    @property
    def requests_per_second(self) -> float:
        """Throughput seen by the client."""
        return self.load.requests_per_second

    @property
    def server_busy(self) -> float:
        """Share of the run the server worker spent on the CPU (well under 1: something else had its core)."""
        return self.requests_per_second * self.cpu_ms_per_request / 1000


def _percentiles(runs: list[Run]) -> tuple[float, float]:
    """p50 and p99 over every request of every round."""
    merged = LoadResult(0, 1.0, sorted(latency for run in runs for latency in run.load.latencies_ms))
    return merged.percentile(0.5), merged.percentile(0.99)


def _paired_median(values: dict[str, list[float]], name: str, compare: Callable[[float, float], float]) -> float:
    """The median over rounds of compare(app's value, reference's value) within each round."""
    return statistics.median(
        compare(mine, theirs) for mine, theirs in zip(values[name], values[REFERENCE], strict=True)
    )


def _measurements(operation: str, results: dict[str, list[Run]], settings: dict[str, Any]) -> list[Measurement]:
    rounds = settings["rounds"]
    per_round = {name: [run.requests_per_second for run in runs] for name, runs in results.items()}
    cpu = {name: [run.cpu_ms_per_request for run in runs] for name, runs in results.items()}
    ratios = {name: _paired_median(per_round, name, lambda mine, theirs: mine / theirs) for name in results}
    cpu_ratios = {name: _paired_median(cpu, name, lambda mine, theirs: theirs / mine) for name in results}
    common = {
        "connections": CONNECTIONS,
        "seconds_per_run": settings["seconds"],
        "seeded_records": settings["seed"],
        "server": "gunicorn " + " ".join(servers.GUNICORN_SETTINGS),
    }
    measurements = []
    for name, runs in results.items():
        p50, p99 = _percentiles(runs)
        cpu_ms = statistics.median(cpu[name])
        ratio = "" if name == REFERENCE else f"; {ratios[name]:.2f}x hand-written"
        measurements.append(
            Measurement(
                BENCHMARK,
                f"{operation}: {LABELS[name]} (p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
                f"server CPU {cpu_ms:.2f} ms/request{ratio})",
                "req/s",
                statistics.median(per_round[name]),
                max(per_round[name]),
                min(per_round[name]),
                rounds,
                None,
                common
                | {
                    "app": name,
                    "operation": operation,
                    "p50_ms": round(p50, 3),
                    "p99_ms": round(p99, 3),
                    "server_cpu_ms_per_request": round(cpu_ms, 4),
                    "server_busy_share": [round(run.server_busy, 3) for run in runs],
                    "requests": [run.load.requests for run in runs],
                    "requests_per_second": [round(value, 1) for value in per_round[name]],
                    "ratio_to_handwritten": round(ratios[name], 3),
                    "cpu_ratio_to_handwritten": round(cpu_ratios[name], 3),
                },
            )
        )
    shortfalls = [
        100 * (1 - mine / theirs) for mine, theirs in zip(per_round["dabble"], per_round[REFERENCE], strict=True)
    ]
    cpu_shortfalls = [100 * (1 - theirs / mine) for mine, theirs in zip(cpu["dabble"], cpu[REFERENCE], strict=True)]
    details = common | {
        "operation": operation,
        "ratio_dabble_to_handwritten": round(ratios["dabble"], 3),
        "cpu_ratio_dabble_to_handwritten": round(cpu_ratios["dabble"], 3),
    }
    measurements.append(
        Measurement(
            BENCHMARK,
            f"{operation}: Dabble's throughput shortfall vs hand-written "
            f"(Dabble = {ratios['dabble']:.2f}x; target ≥ {TARGET_RATIO}x)",
            "%",
            statistics.median(shortfalls),
            min(shortfalls),
            max(shortfalls),
            rounds,
            round(100 * (1 - TARGET_RATIO), 6),
            details,
        )
    )
    measurements.append(
        Measurement(
            BENCHMARK,
            f"{operation}: the same by server CPU per request, unaffected by other load "
            f"(Dabble = {cpu_ratios['dabble']:.2f}x)",
            "%",
            statistics.median(cpu_shortfalls),
            min(cpu_shortfalls),
            max(cpu_shortfalls),
            rounds,
            None,
            details,
        )
    )
    return measurements


def _measure(
    operation: str,
    running: dict[str, servers.Server],
    requests: dict[str, Callable[[random.Random], Request]],
    settings: dict[str, Any],
) -> dict[str, list[Run]]:
    """Warm each app up, then run `rounds` interleaved rounds, rotating which app goes first."""
    for name in APPS:
        run_load(running[name].port, requests[name], seconds=settings["warmup"], connections=CONNECTIONS, seed=99)
    results: dict[str, list[Run]] = {name: [] for name in APPS}
    for index in range(settings["rounds"]):
        for name in APPS[index % len(APPS) :] + APPS[: index % len(APPS)]:
            server = running[name]
            cpu_before = server.cpu_seconds()
            load = run_load(
                server.port, requests[name], seconds=settings["seconds"], connections=CONNECTIONS, seed=index
            )
            run = Run(load, (server.cpu_seconds() - cpu_before) * 1000 / load.requests)
            results[name].append(run)
            print(
                f"  {operation:8} {name:10} round {index + 1}: {load.requests_per_second:7.1f} req/s, "
                f"p50 {load.percentile(0.5):.2f} ms, p99 {load.percentile(0.99):.2f} ms, "
                f"server CPU {run.cpu_ms_per_request:.2f} ms/request (busy {100 * run.server_busy:.0f} %)",
                flush=True,
            )
    return results


def run(quick: bool = False) -> list[Measurement]:
    """Start the three servers, check they behave alike, seed, then measure get, list-50 and create."""
    settings = QUICK if quick else FULL
    started = time.perf_counter()
    server_cpu, client_cpus = servers.cpu_plan()
    own_cpus = os.sched_getaffinity(0) if client_cpus else None
    bodies = [json.dumps(body).encode() for body in deal_bodies(settings["seed"] + 5000)]
    running: dict[str, servers.Server] = {}
    with tempfile.TemporaryDirectory(prefix="dabble-bench-records-") as folder:
        try:
            for name in APPS:
                running[name] = servers.start(name, Path(folder) / name, cpu=server_cpu)
            if client_cpus:
                os.sched_setaffinity(0, client_cpus)
            ports = {name: server.port for name, server in running.items()}
            _publish_dabble(ports["dabble"])
            check_same_behaviour(ports)
            seed_requests = [("POST", BASE, body) for body in bodies[: settings["seed"]]]
            ids = {
                name: [record["id"] for record in run_all(port, seed_requests, connections=CONNECTIONS)]
                for name, port in ports.items()
            }
            check_full_pages(ports, ids)
            print(f"  servers up, checked and seeded in {time.perf_counter() - started:.1f} s", flush=True)
            operations = {
                "get": {
                    name: (lambda chooser, ids=ids[name]: ("GET", f"{BASE}/{chooser.choice(ids)}", None))
                    for name in APPS
                },
                "list-50": {name: (lambda chooser: ("GET", LIST_50, None)) for name in APPS},
                "create": {name: (lambda chooser: ("POST", BASE, chooser.choice(bodies))) for name in APPS},
            }
            measurements = []
            for operation, requests in operations.items():
                measurements += _measurements(operation, _measure(operation, running, requests, settings), settings)
        finally:
            if own_cpus:
                os.sched_setaffinity(0, own_cpus)
            for server in running.values():
                server.stop()
    print(f"  records API benchmark took {time.perf_counter() - started:.1f} s", flush=True)
    return measurements
