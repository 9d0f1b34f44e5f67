"""APScheduler runs the rule sweep every DABBLE_RULES_SWEEP_SECONDS: inside `dabble serve` on the embedded SQLite
default, in `dabble worker` processes on PostgreSQL (DABBLE_SCHEDULER says which). Sweeps are idempotent, so a
restart or several workers never fire an occasion twice."""

from __future__ import annotations

import logging
import os
import signal
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from runtime.database import ENGINE_KEY, refresh_statistics, transaction
from runtime.rules.sweep import sweep

log = logging.getLogger(__name__)
SWEEP_JOB = "dabble-rules-sweep"
STATISTICS_JOB = "dabble-statistics"
STATISTICS_MINUTES = 10  # data grows between publishes: the query planner's statistics are renewed this often
SCHEDULER_CHOICES = ("auto", "serve", "worker")


def sweeps_in_serve(app: Flask) -> bool:
    """Whether `dabble serve` should sweep rules itself: DABBLE_SCHEDULER, where auto means on SQLite only."""
    choice = app.config["DABBLE_SCHEDULER"]
    if choice not in SCHEDULER_CHOICES:
        raise ValueError(f"DABBLE_SCHEDULER must be one of {', '.join(SCHEDULER_CHOICES)}, not {choice!r}")
    if choice == "auto":
        return app.extensions[ENGINE_KEY].dialect.name == "sqlite"
    return choice == "serve"


def sweep_seconds(app: Flask) -> int:
    """Seconds between sweeps (DABBLE_RULES_SWEEP_SECONDS, at least 1)."""
    raw = app.config["DABBLE_RULES_SWEEP_SECONDS"]
    if not str(raw).isdigit() or int(raw) < 1:
        raise ValueError(f"DABBLE_RULES_SWEEP_SECONDS must be a whole number of seconds >= 1, not {raw!r}")
    return int(raw)


def _add_sweep_job(scheduler: BaseScheduler, app: Flask) -> None:
    """Sweep now, then every few seconds; one sweep at a time, missed runs merged into one."""
    scheduler.add_job(
        _sweep_job,
        IntervalTrigger(seconds=sweep_seconds(app)),
        args=(app,),
        id=SWEEP_JOB,
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),
    )


def _add_statistics_job(scheduler: BaseScheduler, app: Flask) -> None:
    """Renew the database's planner statistics now and every few minutes (SQLite; a no-op on PostgreSQL)."""
    scheduler.add_job(
        _statistics_job,
        IntervalTrigger(minutes=STATISTICS_MINUTES),
        args=(app,),
        id=STATISTICS_JOB,
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),
    )


def _statistics_job(app: Flask) -> None:
    with transaction(app.extensions[ENGINE_KEY], write=True) as connection:
        refresh_statistics(connection)


def _sweep_job(app: Flask) -> None:
    fired = sweep(app)
    if fired:
        log.info("rules: %d firing(s)", fired)


class BackgroundSweeper:
    """The sweep on a background thread of this process (`dabble serve`); stop() waits for a running sweep."""

    def __init__(self, app: Flask) -> None:
        self.scheduler = BackgroundScheduler(timezone=UTC)
        _add_sweep_job(self.scheduler, app)
        _add_statistics_job(self.scheduler, app)

    def start(self) -> None:
        """Start sweeping."""
        self.scheduler.start()

    def stop(self) -> None:
        """Stop sweeping, after the sweep under way (if any) ends."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)


def sweeper_for_serve(app: Flask, *, debug: bool) -> BackgroundSweeper | None:
    """The sweeper `dabble serve` runs (see sweeps_in_serve), or None; with --debug only in the reloader's child."""
    reloader_parent = debug and os.environ.get("WERKZEUG_RUN_MAIN") != "true"
    return BackgroundSweeper(app) if sweeps_in_serve(app) and not reloader_parent else None


def run_worker(app: Flask) -> None:
    """Sweep in the foreground until SIGTERM or Ctrl-C (`dabble worker`)."""
    scheduler = BlockingScheduler(timezone=UTC)
    _add_sweep_job(scheduler, app)
    _add_statistics_job(scheduler, app)
    signal.signal(signal.SIGTERM, lambda _signal, _frame: scheduler.shutdown(wait=False))
    try:
        scheduler.start()
    except KeyboardInterrupt:
        if scheduler.running:
            scheduler.shutdown(wait=False)
