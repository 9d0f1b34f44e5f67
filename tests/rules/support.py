"""Shared pieces of the rules tests: an org chart, publishing, acting as users, reading notifications and firings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import time_machine
from flask import Flask
from sqlalchemy import select

from runtime.app import create_app
from runtime.database import ENGINE_KEY, transaction
from runtime.identity import org_admin
from runtime.rules.sweep import sweep
from runtime.rules.tables import FIRINGS
from runtime.settings import SETTINGS
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client

# East: director dan leads manager mei, who leads reps ann and bob. Lee is in legal. Nobody supervises dan.
PEOPLE = (("dan", None), ("mei", "dan"), ("ann", "mei"), ("bob", "mei"), ("lee", None))


def make_org(app: Flask, app_id: str, roles: dict[str, str]) -> None:
    """The people above, in department east (lee in legal), with a role each in the app where given."""
    engine = app.extensions[ENGINE_KEY]
    org_admin.create_department(engine, "east", {"zh": "华东", "en": "East"})
    org_admin.create_department(engine, "legal", {"zh": "法务", "en": "Legal"})
    for username, supervisor in PEOPLE:
        department = "legal" if username == "lee" else "east"
        org_admin.create_user(
            engine, username, display_name=username.title(), department=department, supervisor=supervisor
        )
    for username, role in roles.items():
        org_admin.grant_role(engine, username, app_id, role)


def publish_app(app: Flask, document: dict[str, Any], roles: dict[str, str]) -> None:
    """The org chart made, and the app published by the administrator."""
    make_org(app, document["id"], roles)
    publish_new(signed_in_client(app), document)


def user(app: Flask, username: str):
    """A test client signed in as a (non-admin) user of the org."""
    return signed_in_client(app, username, is_admin=False)


def create(app: Flask, username: str, app_id: str, entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Create a record as a user; fail the test unless it is created."""
    response = user(app, username).post(f"/api/apps/{app_id}/{entity}", json=values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def update(app: Flask, username: str, path: str, values: dict[str, Any]) -> dict[str, Any]:
    """Change a record as a user (at its current row_version); fail the test unless it is changed."""
    client = user(app, username)
    current = client.get(path).get_json()
    response = client.patch(path, json={"row_version": current["row_version"], **values})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def inbox(app: Flask, username: str, **arguments: str) -> list[dict[str, Any]]:
    """A user's notifications, newest first (all of them: one page of 100)."""
    response = user(app, username).get("/api/notifications", query_string={"page_size": "100", **arguments})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def messages(app: Flask, username: str, language: str = "en") -> list[str]:
    """The text of a user's notifications in one language, oldest first."""
    return [item["message"][language] for item in reversed(inbox(app, username))]


def firings(app: Flask, rule_id: str | None = None) -> list[dict[str, Any]]:
    """Every firing stored (of one rule, when given), oldest first."""
    query = select(FIRINGS).order_by(FIRINGS.c.id)
    if rule_id is not None:
        query = query.where(FIRINGS.c.rule_id == rule_id)
    with transaction(app.extensions[ENGINE_KEY]) as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


@contextmanager
def clock(start: datetime) -> Iterator[time_machine.Traveller]:
    """Time stands still at `start` until moved (traveller.move_to / shift)."""
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def sweep_at(traveller: time_machine.Traveller, moment: datetime, app: Flask) -> int:
    """Move the clock to `moment` and sweep there."""
    traveller.move_to(moment)
    return sweep(app)


@contextmanager
def restarted(app: Flask) -> Iterator[Flask]:
    """A new app instance on the same database: a restarted server, or a second worker."""
    again = create_app({setting.name: app.config[setting.name] for setting in SETTINGS})
    again.config["TESTING"] = True
    try:
        yield again
    finally:
        again.extensions[ENGINE_KEY].dispose()
