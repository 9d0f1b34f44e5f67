"""API fuzzing: schemathesis against every template app's OpenAPI document on a real server (issue 12).

The ten templates are installed with their sample data; gunicorn (2 gthread workers) serves them;
for each app, schemathesis sends valid and invalid requests to every operation (bench/robustness/
fuzzing.py) until at least 1,000 requests (quick: 100) have gone to that app. Checks on every
answer: no 5xx, a documented status, content type, headers and body schema, and invalid requests
refused with 4xx. Known issues reported to their owners are counted apart.
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from pathlib import Path

from bench.harness import Measurement
from bench.robustness.databases import benchmark_databases, database
from bench.robustness.fuzzing import KNOWN_ISSUES, REQUEST_LINE, FuzzReport, Target, fuzz_app
from bench.robustness.instance import ADMIN, prepare
from bench.robustness.server import HOST, Launcher, Server

BENCHMARK = "fuzz"
REQUESTS_PER_APP = {"full": 1000, "quick": 100}


def fuzz_until(target: Target, app_id: str, wanted: int) -> list[FuzzReport]:
    """Fuzz an app in rounds (a new seed each) until `wanted` requests went to it."""
    reports: list[FuzzReport] = []
    while sum(report.total for report in reports) < wanted:
        sent = sum(report.total for report in reports)
        operations = reports[0].operations if reports else 50
        examples = max(1, math.ceil((wanted - sent) * 1.1 / (2 * operations)))
        reports.append(fuzz_app(target, app_id, examples=examples, random_seed=len(reports)))
    return reports


def run(quick: bool = False) -> list[Measurement]:
    """Fuzz every template app on each database; its figures."""
    wanted = REQUESTS_PER_APP["quick" if quick else "full"]
    measurements = []
    with Launcher() as launcher:
        for kind, url in benchmark_databases():
            with (
                tempfile.TemporaryDirectory(prefix="dabble-bench-fuzz-") as folder,
                database(kind, Path(folder), url) as fresh,
            ):
                instance = prepare(fresh)
                with Server(launcher, fresh, workers=2) as server:
                    target = Target(instance.tokens[ADMIN], base_url=f"http://{HOST}:{server.port}")
                    try:
                        per_app = {app_id: fuzz_until(target, app_id, wanted) for app_id in instance.apps}
                    finally:
                        target.close()
            measurements += _figures(kind, per_app)
    return measurements


def _figures(kind: str, per_app: dict[str, list[FuzzReport]]) -> list[Measurement]:
    requests = {app_id: sum(report.total for report in reports) for app_id, reports in per_app.items()}
    statuses: Counter = Counter()
    known: Counter = Counter()
    failures = []
    failure_count = server_errors = 0
    for reports in per_app.values():
        for report in reports:
            statuses.update(report.statuses)
            known.update(report.known)
            failures += report.failures
            failure_count += report.failure_count
            server_errors += report.server_errors
    details = {
        "database": kind,
        "requests_per_app": requests,
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "known_issues": {name: {"count": count, "issue": KNOWN_ISSUES.get(name, "")} for name, count in known.items()},
        "failures": [failure.__dict__ for failure in failures[:20]],
        "seconds": round(sum(report.seconds for reports in per_app.values() for report in reports), 1),
    }
    print(f"  {kind}: {sum(requests.values())} requests, failures {failure_count}, known {dict(known)}", flush=True)
    return [
        Measurement.single(
            BENCHMARK,
            f"{kind}: requests to the app fuzzed least ({len(requests)} template apps)",
            "requests",
            min(requests.values()),
            **details,
        ),
        Measurement.single(BENCHMARK, f"{kind}: requests in all", "requests", sum(requests.values())),
        Measurement.single(BENCHMARK, f"{kind}: 5xx answers", "answers", server_errors, target=1),
        Measurement.single(
            BENCHMARK,
            f"{kind}: answers failing a check (status, schema, invalid input accepted)",
            "answers",
            failure_count,
            target=1,
        ),
        Measurement.single(
            BENCHMARK,
            f"{kind}: URLs over gunicorn's request line limit, 414 in HTML (known issue, reported)",
            "answers",
            known.get(REQUEST_LINE, 0),
        ),
    ]
