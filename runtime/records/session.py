"""One request's use of a live app: its transaction, the live version and the user's access to its records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app, request
from sqlalchemy import Connection

from runtime.database import ENGINE_KEY, transaction
from runtime.identity import current_user
from runtime.identity.actor import Actor
from runtime.identity.authentication import request_chart
from runtime.live_apps import LiveApp
from runtime.records.access import RecordAccess
from runtime.records.service import Records
from runtime.records.view_as import VIEW_AS_HEADER, viewed_as
from runtime.records.write_events import WriteListener, write_listeners

LIVE_APPS_KEY = "dabble.live_apps"


@dataclass(frozen=True, slots=True)
class AppSession:
    """The signed-in user (or whom they view the app as) on an app's live version, inside one transaction."""

    connection: Connection
    live: LiveApp
    access: RecordAccess
    listeners: tuple[WriteListener, ...]

    def records(self, entity_id: str) -> Records:
        """The records of one entity as this user sees them (404 for an entity the version lacks)."""
        return Records(self.connection, self.live, self.live.entity(entity_id), self.access, self.listeners)


@contextmanager
def app_session(app_id: str, *, write: bool = False, view_as: str | None = None) -> Iterator[AppSession]:
    """The current request's session on an app's live version (as `view_as`, else the X-View-As header)."""
    with transaction(current_app.extensions[ENGINE_KEY], write=write) as connection:
        user = current_user(connection)  # first: nothing about the app before the caller is known
        live = current_app.extensions[LIVE_APPS_KEY].current(connection, app_id)
        access = RecordAccess(acting_user(user, live, write=write, target=view_as), live, connection.dialect.name)
        yield AppSession(connection, live, access, write_listeners(current_app))


def acting_user(user: Actor, live: LiveApp, *, write: bool, target: str | None = None) -> Actor:
    """The signed-in user, or the user or role they view the app as (`target`, else the X-View-As header)."""
    target = request.headers.get(VIEW_AS_HEADER) if target is None else target
    return user if target is None else viewed_as(user, target, live, request_chart(), write=write)
