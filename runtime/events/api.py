"""The event streams: GET /api/apps/<app>/events (changes to an app's records) and GET /api/events (my messages)."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, request

from runtime.database import ENGINE_KEY, transaction
from runtime.events.announce import announce
from runtime.events.hub import EventHub
from runtime.events.model import ChangeEvent, EventKind
from runtime.events.stream import event_stream
from runtime.identity import current_user
from runtime.identity.authentication import ORG_CACHE_KEY
from runtime.records.session import LIVE_APPS_KEY, acting_user
from runtime.records.view_as import VIEW_AS_HEADER
from runtime.records.write_events import RecordWrite, add_write_listener

blueprint = Blueprint("events", __name__)
EVENTS_KEY = "dabble.events"
LISTEN_TIMEOUT_SECONDS = 5.0


@blueprint.get("/api/apps/<app_id>/events")
def app_events(app_id: str):
    """Changes to the app's records the user may see, and its new versions (?view_as= stands for X-View-As)."""
    view_as = request.headers.get(VIEW_AS_HEADER) or request.args.get("view_as")
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        user = current_user(connection)
        live = current_app.extensions[LIVE_APPS_KEY].current(connection, app_id)
        if view_as is not None:
            acting_user(user, live, write=False, target=view_as)  # refused now rather than silently later
    ready = {"app": app_id, "version": live.version}
    return _stream(hub().subscribe(user.username, app_id, view_as), ready)


@blueprint.get("/api/events")
def my_events():
    """My notifications, from every app, as they are sent."""
    with transaction(current_app.extensions[ENGINE_KEY]) as connection:
        user = current_user(connection)
    return _stream(hub().subscribe(user.username, None), {"user": user.username})


def _stream(subscriber, ready) -> Response:
    """The SSE response; `ready` goes out once changes committed from then on will reach the subscriber."""
    keep_alive = float(current_app.config["DABBLE_EVENTS_KEEP_ALIVE_SECONDS"])
    events = hub()
    events.wait_until_listening(LISTEN_TIMEOUT_SECONDS)
    response = Response(event_stream(subscriber, ready, events.unsubscribe, keep_alive), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


def hub() -> EventHub:
    """The event hub of the current app."""
    return current_app.extensions[EVENTS_KEY]


class RecordEvents:
    """The write listener announcing every committed record write."""

    def __init__(self, events: EventHub) -> None:
        self.events = events

    def __call__(self, connection, write: RecordWrite) -> None:
        """Announce the write once its transaction commits."""
        event = ChangeEvent(
            kind=EventKind.RECORD,
            app_id=write.live.app_id,
            version=write.live.version,
            entity=write.entity,
            record_id=write.record_id,
            action=str(write.action),
            row_version=write.after["row_version"],
            before=self.events.scopes.before_values(write),
        )
        announce(connection, event)


def init_app(app: Flask) -> None:
    """Create the hub, announce record writes, serve the streams."""
    events = EventHub(app.extensions[ENGINE_KEY], app.extensions[LIVE_APPS_KEY], app.extensions[ORG_CACHE_KEY])
    app.extensions[EVENTS_KEY] = events
    add_write_listener(app, RecordEvents(events))
    app.register_blueprint(blueprint)
