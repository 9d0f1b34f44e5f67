"""Fast versions of the load and crash benchmarks: real gunicorn workers, real SQLite and PostgreSQL, SIGKILL."""

from __future__ import annotations

from bench.robustness.crash import run_crashes
from bench.robustness.instance import prepare
from bench.robustness.load import run_load

LOAD_SECONDS = 2.0
CRASH_POINTS = 10


def test_eight_writers_on_four_workers_see_no_lock_error_and_no_5xx(launcher, robust_database):
    report = run_load(launcher, prepare(robust_database, ["lead_response"]), seconds=LOAD_SECONDS)
    tally = report.tally
    assert tally.acknowledged > 0 and tally.statuses.keys() <= {200, 201}, tally.statuses
    assert tally.locked == 0 and tally.server_errors == 0 and tally.refused == 0
    assert report.problems == []
    assert report.records_checked > 0


def test_every_acknowledged_write_survives_sigkill_and_no_half_migration_is_seen(launcher, robust_database):
    report = run_crashes(launcher, prepare(robust_database, ["lead_response"]), points=CRASH_POINTS, seed=12)
    assert report.problems == []
    assert report.crash_points == CRASH_POINTS
    assert report.server_errors == 0
    assert report.writes_acknowledged > 0 and report.records_checked > 0
    assert report.kills_during_publish > 0  # kills that cut a publish off: the app was then wholly old or new
    assert sum(report.versions_after_restart.values()) == report.kills_during_publish
