"""Crash safety: SIGKILL the server at random moments while clients write and an app is published, then check.

Each crash point: 4 writers create and update leads (bench/robustness/clients.py) and, at every
other point, a publisher publishes new versions of the same app one after another, each adding a
field to `follow_up_task` and renaming the one the previous version added. After a random delay
(at a publishing point: 0–0.6 s after a publish request is sent) the whole server
(gunicorn master and workers) is killed with SIGKILL. With the server down the database must pass
its integrity check; after a restart every acknowledged write must be there with its acknowledged
values, and the app must be wholly at one version — the last acknowledged publish or the one in
flight — with its tables exactly as that version describes them.
"""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import create_engine, func, inspect, literal_column, select
from sqlalchemy import table as sql_table

from bench.robustness.clients import APP, HOST, Ledger, ServerGone, Writer, stored_leads
from bench.robustness.databases import Database
from bench.robustness.instance import ADMIN, REPS, Instance
from bench.robustness.server import Launcher, Server
from builder.identifiers import SYSTEM_COLUMNS
from builder.service.platform_tables import AppRow, AppVersionRow
from runtime.storage.tables import table_name

MIGRATED_ENTITY = "follow_up_task"
WRITERS = 4
WORKERS = 2


@dataclass
class CrashReport:
    """What a crash run did and found."""

    database: str
    crash_points: int = 0
    kills_during_publish: int = 0  # kills while a publish request was in flight
    publishes_acknowledged: int = 0
    writes_acknowledged: int = 0
    writes_cut_off: int = 0
    records_checked: int = 0  # acknowledged records compared after the last restart
    versions_after_restart: Counter = field(default_factory=Counter)  # "old" / "new": where in-flight publishes ended
    restart_seconds: list[float] = field(default_factory=list)
    server_errors: int = 0
    problems: list[str] = field(default_factory=list)


class Publisher:
    """Publishes the next version of the app, over and over, through the designer API, until the server goes."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        self.acknowledged = 0  # the highest version whose publish was answered 201 (or found live)
        self.published = 0  # publishes answered 201
        self.in_flight: int | None = None  # the version being published when the server went away
        self.errors: list[str] = []

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """One request; ServerGone when no answer comes."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            connection.request(method, path, None if body is None else json.dumps(body).encode(), self.headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise ServerGone(str(error)) from None
        finally:
            connection.close()
        return response.status, json.loads(data) if data else None

    def live(self) -> tuple[int, dict[str, Any]]:
        """The live version number and its definition."""
        status, app = self.call("GET", f"/api/apps/{APP}")
        if status != 200:
            raise RuntimeError(f"GET the app gave {status}: {app}")
        number = app["current_version"]
        status, version = self.call("GET", f"/api/apps/{APP}/versions/{number}")
        if status != 200:
            raise RuntimeError(f"GET version {number} gave {status}: {version}")
        return number, version["definition"]

    def run(self, stop: threading.Event) -> None:
        """Publish versions until `stop` or until the server goes away (the version in flight is remembered)."""
        try:
            while not stop.is_set():
                number, definition = self.live()
                self.in_flight = number + 1
                status, body = self.call("POST", f"/api/apps/{APP}/publish", next_version(definition, number))
                if status != 201:
                    self.errors.append(f"publishing version {number + 1} gave {status}: {json.dumps(body)[:800]}")
                    return
                self.acknowledged = max(self.acknowledged, number + 1)
                self.published += 1
                self.in_flight = None
        except ServerGone:
            pass


def next_version(definition: dict[str, Any], number: int) -> dict[str, Any]:
    """The publish request of version number + 1: add `extra_<n+1>`, rename `extra_<n>` to `renamed_<n>`."""
    document = json.loads(json.dumps(definition))
    entity = next(entity for entity in document["entities"] if entity["id"] == MIGRATED_ENTITY)
    renames = {}
    for item in entity["fields"]:
        if item["id"] == f"extra_{number}":
            item["id"] = f"renamed_{number}"
            renames[f"{MIGRATED_ENTITY}.extra_{number}"] = f"renamed_{number}"
    added = number + 1
    entity["fields"].append(
        {"id": f"extra_{added}", "type": "text", "label": {"zh": f"附加{added}", "en": f"Extra {added}"}}
    )
    return {"definition": document, "renames": {"fields": renames}, "message": f"crash test version {added}"}


def integrity_problems(database: Database) -> list[str]:
    """With the server down: SQLite's integrity and foreign-key checks; on PostgreSQL every table read in full."""
    if database.kind == "sqlite":
        connection = sqlite3.connect(database.instance / "dabble.sqlite3")
        try:
            verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
        problems = [] if verdict == ["ok"] else [f"integrity_check: {verdict[:5]}"]
        return problems + ([f"foreign_key_check: {dangling[:5]}"] if dangling else [])
    engine = create_engine(database.sqlalchemy_url)
    try:
        with engine.connect() as connection:
            problems = []
            for name in inspect(connection).get_table_names():
                table = sql_table(name)
                rows = connection.execute(select(literal_column("*")).select_from(table)).fetchall()
                counted = connection.execute(select(func.count()).select_from(table)).scalar_one()
                if counted != len(rows):
                    problems.append(f"{name}: count(*) says {counted}, a full read gives {len(rows)}")
            return problems
    finally:
        engine.dispose()


def migration_problems(database: Database, publisher: Publisher, report: CrashReport) -> list[str]:
    """After a restart: the app is wholly at the last acknowledged version or the one in flight, tables to match."""
    number, definition = publisher.live()
    expected = {publisher.acknowledged}
    if publisher.in_flight is not None:
        expected.add(publisher.in_flight)
        report.versions_after_restart["new" if number == publisher.in_flight else "old"] += 1
    problems = []
    if number not in expected:
        problems.append(f"the app is at version {number}, expected one of {sorted(expected)}")
    entity = next(entity for entity in definition["entities"] if entity["id"] == MIGRATED_ENTITY)
    fields = {item["id"] for item in entity["fields"]}
    engine = create_engine(database.sqlalchemy_url)
    try:
        with engine.connect() as connection:
            app = connection.execute(select(AppRow.number, AppRow.current_version).where(AppRow.app_id == APP)).one()
            newest = connection.execute(
                select(AppVersionRow.version)
                .where(AppVersionRow.app_number == app.number)
                .order_by(AppVersionRow.version.desc())
            ).first()
            columns = {
                column["name"] for column in inspect(connection).get_columns(table_name(app.number, MIGRATED_ENTITY))
            }
    finally:
        engine.dispose()
    if app.current_version != number or newest[0] != number:
        problems.append(f"the app row says version {app.current_version}, the newest version row is {newest[0]}")
    data_columns = {name for name in columns if not name.startswith("archived_")} - {*SYSTEM_COLUMNS, "deleted_at"}
    if data_columns != fields:
        problems.append(
            f"version {number}: {MIGRATED_ENTITY} has columns {sorted(data_columns - fields)} not in the version "
            f"and lacks {sorted(fields - data_columns)}"
        )
    status, page = publisher.call("GET", f"/api/apps/{APP}/{MIGRATED_ENTITY}?page_size=1")
    if status != 200 or (page["items"] and not fields <= set(page["items"][0])):
        problems.append(f"the records API serves {MIGRATED_ENTITY} at another version than {number}: {status} {page}")
    return problems


def _wait_for_a_publish(publisher: Publisher, timeout: float) -> None:
    """Wait until a publish request is on its way."""
    deadline = time.monotonic() + timeout
    while publisher.in_flight is None and time.monotonic() < deadline:
        time.sleep(0.005)


def run_crashes(launcher: Launcher, instance: Instance, *, points: int, seed: int = 0) -> CrashReport:
    """Kill and restart the server `points` times under write load and publishes; what was found."""
    database = instance.database
    report = CrashReport(database.kind)
    chooser = random.Random(seed)
    ledger = Ledger()
    server = Server(launcher, database, workers=WORKERS)
    server.start()
    publisher = Publisher(server.port, instance.tokens[ADMIN])
    publisher.acknowledged = publisher.live()[0]
    try:
        for point in range(points):
            stop = threading.Event()
            writers = [
                Writer(
                    server.port, instance.tokens[REPS[index]], index, ledger, seed=seed * 100_000 + point * 10 + index
                )
                for index in range(WRITERS)
            ]
            threads = [threading.Thread(target=writer.run, args=(stop,), daemon=True) for writer in writers]
            if point % 2:
                threads.append(threading.Thread(target=publisher.run, args=(stop,), daemon=True))
            for thread in threads:
                thread.start()
            if point % 2:
                _wait_for_a_publish(publisher, timeout=10)
                time.sleep(chooser.uniform(0.0, 0.6))  # inside the publish, or just after it
            else:
                time.sleep(chooser.uniform(0.05, 0.8))
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
            report.crash_points += 1
            report.kills_during_publish += publisher.in_flight is not None
            for writer in writers:
                report.writes_acknowledged += writer.tally.acknowledged
                report.writes_cut_off += writer.tally.unanswered
                report.server_errors += writer.tally.server_errors + writer.tally.refused
                report.problems += [f"point {point}: {example}" for example in writer.tally.examples]
            report.problems += [f"point {point}: {problem}" for problem in integrity_problems(database)]
            report.problems += [f"point {point}: {error}" for error in publisher.errors]
            publisher.errors.clear()
            started = time.perf_counter()
            server.start()
            report.restart_seconds.append(time.perf_counter() - started)
            stored = stored_leads(server.port, instance.tokens[ADMIN])
            report.problems += [f"point {point}: {problem}" for problem in ledger.check(stored)]
            report.problems += [
                f"point {point}: {problem}" for problem in migration_problems(database, publisher, report)
            ]
            publisher.acknowledged = max(publisher.acknowledged, publisher.live()[0])
            publisher.in_flight = None
            report.records_checked = len(ledger.acknowledged)
    finally:
        server.stop()
    report.publishes_acknowledged = publisher.published
    return report
