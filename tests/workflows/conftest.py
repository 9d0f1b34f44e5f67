"""Workflow fixtures: an app published by the administrator, the demo org with roles, a client per user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from runtime.database import ENGINE_KEY
from tests.support.apps import publish_new
from tests.support.auth import signed_in_client
from tests.workflows.flows import MANAGERS, REPS, seed_demo_people

ROLES = {"rep": REPS, "manager": MANAGERS, "director": ("zhang.wei",), "vp": ("zhang.wei",)}


class People:
    """A signed-in client per demo user, made on first use."""

    def __init__(self, app) -> None:
        self.app = app
        self._clients: dict[str, FlaskClient] = {}

    def __getitem__(self, username: str) -> FlaskClient:
        if username not in self._clients:
            self._clients[username] = signed_in_client(self.app, username, is_admin=False)
        return self._clients[username]


@pytest.fixture
def launch(app, client) -> Callable[[dict[str, Any]], People]:
    """Seed the demo org with the app's roles and publish the app; the people who use it."""

    def launched(document: dict[str, Any]) -> People:
        roles = {role: users for role, users in ROLES.items() if any(r["id"] == role for r in document["roles"])}
        seed_demo_people(app.extensions[ENGINE_KEY], document["id"], roles)  # first: the flows name its group
        publish_new(client, document)
        return People(app)

    return launched
