"""Crash safety: 100 SIGKILLs of the whole server while 4 clients write and publishes run (issue 12).

bench/robustness/crash.py: at each crash point 4 writers create and update leads and, at every
other point, new versions of the app are published one after another (a field added, the previous
one renamed); gunicorn (master and 2 workers) is killed with SIGKILL at a random moment (at the
publishing points, within 0.6 s of a publish request leaving). Then: SQLite's integrity and
foreign-key checks (PostgreSQL: every table read in full) with the server down; after a restart,
every acknowledged write present with its acknowledged values, the app wholly at the last
acknowledged version or the one cut off, its table's columns exactly that version's fields.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench.harness import Measurement
from bench.robustness.crash import run_crashes
from bench.robustness.databases import benchmark_databases, database
from bench.robustness.instance import prepare
from bench.robustness.server import Launcher

BENCHMARK = "crash"
POINTS = {"full": 100, "quick": 10}


def run(quick: bool = False) -> list[Measurement]:
    """Crash and check on each database; its figures."""
    points = POINTS["quick" if quick else "full"]
    measurements = []
    with Launcher() as launcher:
        for kind, url in benchmark_databases():
            with (
                tempfile.TemporaryDirectory(prefix="dabble-bench-crash-") as folder,
                database(kind, Path(folder), url) as fresh,
            ):
                report = run_crashes(launcher, prepare(fresh, ["lead_response"]), points=points, seed=2026)
            details = {
                "database": kind,
                "crash_points": report.crash_points,
                "kills_during_publish": report.kills_during_publish,
                "publish_outcomes_after_restart": dict(report.versions_after_restart),
                "publishes_acknowledged": report.publishes_acknowledged,
                "writes_acknowledged": report.writes_acknowledged,
                "writes_cut_off": report.writes_cut_off,
                "records_checked": report.records_checked,
                "problems": report.problems[:20],
            }
            print(f"  {kind}: {details}", flush=True)
            restart_ms = [seconds * 1000 for seconds in report.restart_seconds]
            measurements += [
                Measurement.single(BENCHMARK, f"{kind}: SIGKILL crash points", "kills", report.crash_points, **details),
                Measurement.single(
                    BENCHMARK,
                    f"{kind}: kills that cut a publish off (app then wholly old or new)",
                    "kills",
                    report.kills_during_publish,
                ),
                Measurement.single(
                    BENCHMARK,
                    f"{kind}: writes acknowledged (all checked after every restart)",
                    "writes",
                    report.writes_acknowledged,
                ),
                Measurement.single(
                    BENCHMARK,
                    f"{kind}: problems found (integrity, lost or changed writes, half migrations)",
                    "problems",
                    len(report.problems),
                    target=1,
                ),
                Measurement.single(
                    BENCHMARK, f"{kind}: 4xx/5xx answers to writes", "answers", report.server_errors, target=1
                ),
                Measurement(
                    BENCHMARK,
                    f"{kind}: restart until the server answers",
                    "ms",
                    statistics.median(restart_ms),
                    min(restart_ms),
                    max(restart_ms),
                    len(restart_ms),
                ),
            ]
    return measurements
