"""An instance for the dashboard benchmarks: the app published, a sales org, and many deals inserted in bulk."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask import Flask

from bench.dashboards.definition import APP_ID, DEFINITION, ENTITY_ID, STAGES
from runtime.app import create_app
from runtime.database import ENGINE_KEY, refresh_statistics, transaction
from runtime.identity import org_admin
from runtime.identity.tokens import create_token
from runtime.records.session import LIVE_APPS_KEY
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client

MANAGERS = 5
REPS_PER_MANAGER = 10
BATCH = 20_000


@dataclass(frozen=True)
class Instance:
    """A seeded instance: its folder (SQLite file), the people, and a bearer token per person."""

    folder: Path
    director: str
    managers: tuple[str, ...]
    reps: tuple[str, ...]
    tokens: dict[str, str]
    viewers: tuple[str, ...] = ()  # the listeners of the freshness benchmark: each reads every deal `writer` makes
    writer: str = ""

    def __post_init__(self) -> None:
        for name in ("managers", "reps", "viewers"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def settings(folder: Path) -> dict[str, str]:
    """The DABBLE_ settings of an instance in `folder` (embedded SQLite)."""
    return {"DABBLE_INSTANCE_PATH": str(folder / "instance"), "DABBLE_DATABASE_URL": "", "DABBLE_SECRET_KEY": "bench"}


def seed(folder: Path, deals: int, *, listeners: int = 0) -> Instance:
    """Publish the app, create the org (a director, managers and their reps), add deals; with `listeners`, a writer
    and that many people who read what the writer writes: half as directors (every deal), half as managers in a
    chain of supervisors above the writer (their team's deals: the access layer checks each of them)."""
    app = create_app(settings(folder))
    try:
        engine = app.extensions[ENGINE_KEY]
        publish_new(signed_in_client(app), DEFINITION)
        director = "director"
        managers = tuple(f"manager{m:02d}" for m in range(MANAGERS))
        reps = tuple(f"rep{m:02d}_{r:02d}" for m in range(MANAGERS) for r in range(REPS_PER_MANAGER))
        org_admin.create_user(engine, director)
        org_admin.grant_role(engine, director, APP_ID, "director")
        for manager in managers:
            org_admin.create_user(engine, manager, supervisor=director)
            org_admin.grant_role(engine, manager, APP_ID, "manager")
        for rep in reps:
            org_admin.create_user(engine, rep, supervisor=f"manager{rep[3:5]}")
            org_admin.grant_role(engine, rep, APP_ID, "rep")
        viewers, writer = _listeners(engine, listeners) if listeners else ((), "")
        people = (director, *managers, *reps, *viewers, *((writer,) if writer else ()))
        tokens = {user: create_token(engine, user, "bench")[1] for user in people}
        _insert_deals(app, reps, deals)
        with transaction(engine, write=True) as connection:
            refresh_statistics(connection)  # what `dabble serve` does within minutes of data growing
        return Instance(folder, director, managers, reps, tokens, viewers, writer)
    finally:
        app.extensions[ENGINE_KEY].dispose()


def _listeners(engine, count: int) -> tuple[tuple[str, ...], str]:
    """Directors, and a chain of managers above a writer: each reads the writer's deals."""
    directors = tuple(f"viewer{number:02d}" for number in range(count // 2))
    for viewer in directors:
        org_admin.create_user(engine, viewer)
        org_admin.grant_role(engine, viewer, APP_ID, "director")
    chain = tuple(f"chain{number:02d}" for number in range(count - len(directors)))
    for position, manager in enumerate(chain):
        org_admin.create_user(engine, manager, supervisor=chain[position - 1] if position else None)
        org_admin.grant_role(engine, manager, APP_ID, "manager")
    writer = "writer"
    org_admin.create_user(engine, writer, supervisor=chain[-1] if chain else None)
    org_admin.grant_role(engine, writer, APP_ID, "rep")
    return (*directors, *chain), writer


def _insert_deals(app: Flask, reps: tuple[str, ...], count: int) -> None:
    """Deals straight into the entity's table (the records API would take hours for a million)."""
    chooser = random.Random(2026)
    today = datetime.now(UTC).date()
    first_day = today - timedelta(days=730)
    now = datetime.now(UTC)
    engine = app.extensions[ENGINE_KEY]
    with transaction(engine, write=True) as connection:
        table = app.extensions[LIVE_APPS_KEY].current(connection, APP_ID).entity(ENTITY_ID).storage.table
    for start in range(0, count, BATCH):
        rows = []
        for number in range(start, min(count, start + BATCH)):
            owner = chooser.choice(reps)
            stage = chooser.choice(STAGES)
            signed = first_day + timedelta(days=chooser.randrange(731)) if stage == "won" else None
            rows.append(
                {
                    "owner": owner,
                    "created_at": now,
                    "created_by": owner,
                    "updated_at": now,
                    "updated_by": owner,
                    "row_version": 1,
                    "workflow_state": "draft",
                    "name": f"Deal {number}",
                    "amount": chooser.randrange(1_000_00, 5_000_000_00),  # stored in cents
                    "stage": stage,
                    "sign_date": signed if signed is None or signed <= today else date.today(),
                }
            )
        with transaction(engine, write=True) as connection:
            connection.execute(table.insert(), rows)
