"""Load: concurrent writers against gunicorn with several gthread workers, then every acknowledged write checked."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bench.robustness.clients import Ledger, Tally, Writer, run_writers, stored_leads
from bench.robustness.instance import ADMIN, REPS, Instance
from bench.robustness.server import Launcher, Server

WRITERS = 8
WORKERS = 4
THREADS = 4


@dataclass(frozen=True)
class LoadReport:
    """What a load run saw: the writers' tally over `seconds`, and the acknowledged writes missing afterwards."""

    database: str
    writers: int
    workers: int
    threads: int
    seconds: float
    tally: Tally
    records_checked: int
    problems: list[str]

    @property
    def writes_per_second(self) -> float:
        """Acknowledged writes per second over the run."""
        return self.tally.acknowledged / self.seconds


def run_load(
    launcher: Launcher, instance: Instance, *, seconds: float, writers: int = WRITERS, workers: int = WORKERS
) -> LoadReport:
    """`writers` clients (demo reps, round robin) create and update leads for `seconds` on `workers` workers."""
    ledger = Ledger()
    with Server(launcher, instance.database, workers=workers, threads=THREADS) as server:
        clients = [
            Writer(server.port, instance.tokens[REPS[index % len(REPS)]], index, ledger, seed=index)
            for index in range(writers)
        ]
        started = time.perf_counter()
        tally = run_writers(clients, seconds=seconds)
        elapsed = time.perf_counter() - started
        problems = ledger.check(stored_leads(server.port, instance.tokens[ADMIN]))
    return LoadReport(
        instance.database.kind, writers, workers, THREADS, elapsed, tally, len(ledger.acknowledged), problems
    )
