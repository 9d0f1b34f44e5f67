"""Load: 8 concurrent writers against gunicorn with 4 gthread workers, on SQLite and PostgreSQL (issue 12).

Each writer is a demo sales rep with its own bearer token and keep-alive connection, creating leads
of the lead_response template and updating its own (bench/robustness/clients.py), as fast as the
server answers, for 60 s (quick: 5 s). Figures: acknowledged writes per second, p50/p99 latency of
acknowledged writes, and the counts that must be zero: answers mentioning "database is locked",
5xx answers, 4xx answers to these valid writes, and acknowledged writes missing or changed when
every lead is read back afterwards. Client and server share the machine's cores.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import Measurement
from bench.robustness.databases import benchmark_databases, database
from bench.robustness.instance import prepare
from bench.robustness.load import run_load
from bench.robustness.server import Launcher

BENCHMARK = "load"
SECONDS = {"full": 60.0, "quick": 5.0}


def run(quick: bool = False) -> list[Measurement]:
    """Run the load on each database; its figures."""
    seconds = SECONDS["quick" if quick else "full"]
    measurements = []
    with Launcher() as launcher:
        for kind, url in benchmark_databases():
            with (
                tempfile.TemporaryDirectory(prefix="dabble-bench-load-") as folder,
                database(kind, Path(folder), url) as fresh,
            ):
                report = run_load(launcher, prepare(fresh, ["lead_response"]), seconds=seconds)
            tally = report.tally
            setup = f"{report.writers} writers, {report.workers} gthread workers × {report.threads} threads"
            details = {
                "database": kind,
                "seconds": round(report.seconds, 2),
                "writers": report.writers,
                "workers": report.workers,
                "threads": report.threads,
                "statuses": {str(status): count for status, count in sorted(tally.statuses.items())},
                "acknowledged": tally.acknowledged,
                "records_checked": report.records_checked,
                "problems": report.problems[:20],
                "unexpected_answers": tally.examples,
            }
            print(
                f"  {kind}: {report.writes_per_second:.1f} writes/s, p50 {tally.percentile(0.5):.1f} ms, "
                f"p99 {tally.percentile(0.99):.1f} ms, statuses {dict(tally.statuses)}, locked {tally.locked}",
                flush=True,
            )
            measurements += [
                Measurement.single(
                    BENCHMARK,
                    f"{kind}: acknowledged writes per second ({setup})",
                    "req/s",
                    report.writes_per_second,
                    **details,
                ),
                Measurement.single(BENCHMARK, f"{kind}: write latency p50", "ms", tally.percentile(0.5), **details),
                Measurement.single(BENCHMARK, f"{kind}: write latency p99", "ms", tally.percentile(0.99), **details),
                Measurement.single(
                    BENCHMARK, f"{kind}: answers saying 'database is locked'", "answers", tally.locked, target=1
                ),
                Measurement.single(BENCHMARK, f"{kind}: 5xx answers", "answers", tally.server_errors, target=1),
                Measurement.single(
                    BENCHMARK, f"{kind}: 4xx answers to valid writes", "answers", tally.refused, target=1
                ),
                Measurement.single(
                    BENCHMARK,
                    f"{kind}: acknowledged writes missing or changed afterwards",
                    "writes",
                    len(report.problems),
                    target=1,
                ),
            ]
    return measurements
