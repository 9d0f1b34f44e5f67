"""The event hub of one worker: hears committed changes and hands each listener those they may see."""

from __future__ import annotations

import logging
import queue
import threading
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Engine

from builder.service.errors import ApiError
from runtime.database import transaction
from runtime.events.announce import register_hub
from runtime.events.audience import ScopeRules, readable_ids
from runtime.events.model import ChangeEvent, EventKind
from runtime.events.postgres_listener import PostgresListener
from runtime.events.subscribers import Signal, Subscriber
from runtime.identity.actor import Actor
from runtime.identity.org_cache import OrgCache
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp, LiveApps
from runtime.records.access import RecordAccess
from runtime.records.view_as import viewed_as

log = logging.getLogger(__name__)
MAX_BATCH = 500  # events handled together: one access query per listener and entity for the lot


class EventHub:
    """Subscribers, the events committed on this worker (SQLite) or on any worker (PostgreSQL), and their delivery."""

    def __init__(self, engine: Engine, live_apps: LiveApps, org: OrgCache) -> None:
        self.engine, self.live_apps, self.org = engine, live_apps, org
        self.scopes = ScopeRules()
        self._subscribers: set[Subscriber] = set()
        self._inbound: queue.Queue[ChangeEvent | Signal] = queue.Queue()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._dispatcher: threading.Thread | None = None
        self._listener: PostgresListener | None = None
        register_hub(engine, self)

    @property
    def has_listeners(self) -> bool:
        """Whether anybody follows a stream on this worker."""
        return bool(self._subscribers)

    def subscribe(self, username: str, app_id: str | None, view_as: str | None = None) -> Subscriber:
        """Follow an app's changes (or, with no app, one's own notifications); starts the hub on first use."""
        subscriber = Subscriber(username=username, app_id=app_id, view_as=view_as)
        with self._lock:
            self._start()
            self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Stop following."""
        with self._lock:
            self._subscribers.discard(subscriber)

    def wait_until_listening(self, timeout: float) -> bool:
        """Whether the hub hears other workers' changes (at once on SQLite: it has no other workers)."""
        return self._listener is None or self._listener.listening.wait(timeout)

    def receive(self, event: ChangeEvent) -> None:
        """A change committed: deliver it to whoever may see it (in the dispatcher thread)."""
        if self._subscribers:
            self._inbound.put(event)

    def close(self) -> None:
        """Stop the threads and end every stream."""
        self._stopping.set()
        if self._listener is not None:
            self._listener.stop()
        if self._dispatcher is not None:
            self._inbound.put(Signal.END)
            self._dispatcher.join(timeout=5)
        with self._lock:
            subscribers, self._subscribers = list(self._subscribers), set()
        for subscriber in subscribers:
            subscriber.put(Signal.END)

    def _start(self) -> None:
        """The dispatcher thread, and on PostgreSQL the listener thread (called with the lock held)."""
        if self._dispatcher is not None or self._stopping.is_set():
            return
        self._dispatcher = threading.Thread(target=self._run, name="dabble-events", daemon=True)
        self._dispatcher.start()
        if self.engine.dialect.name == "postgresql":
            self._listener = PostgresListener(self.engine, self.receive, lambda: self._inbound.put(Signal.RESET))
            self._listener.start()

    def _run(self) -> None:
        while not self._stopping.is_set():
            batch = [self._inbound.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._inbound.get_nowait())
                except queue.Empty:
                    break
            if Signal.END in batch:
                return
            try:
                self._deliver(batch)
            except Exception:  # a failure must not stop the deliveries that follow
                log.exception("delivering %d event(s) failed", len(batch))

    def _deliver(self, batch: list[ChangeEvent | Signal]) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        if Signal.RESET in batch:
            for subscriber in subscribers:
                subscriber.put(Signal.RESET)
        events = [item for item in batch if isinstance(item, ChangeEvent)]
        by_app: dict[str, list[ChangeEvent]] = defaultdict(list)
        for event in events:
            if event.kind is EventKind.NOTIFICATION:
                for subscriber in subscribers:
                    if subscriber.app_id is None and subscriber.username == event.recipient:
                        subscriber.put(event)
            elif event.app_id is not None:
                by_app[event.app_id].append(event)
        for app_id, app_events in by_app.items():
            followers = [subscriber for subscriber in subscribers if subscriber.app_id == app_id]
            if followers:
                self._deliver_to_app(app_id, app_events, followers)

    def _deliver_to_app(self, app_id: str, events: list[ChangeEvent], followers: list[Subscriber]) -> None:
        """New versions to every follower; record events to those who may read the record, or could before."""
        records = [event for event in events if event.kind is EventKind.RECORD]
        chart = self.org.current() if records else None
        with transaction(self.engine) as connection:
            try:
                live = self.live_apps.current(connection, app_id)
            except ApiError:  # no longer published: nothing to tell
                return
            by_identity: dict[tuple[str, str | None], list[Subscriber]] = defaultdict(list)
            for subscriber in followers:
                by_identity[subscriber.identity].append(subscriber)
            for (username, view_as), group in by_identity.items():
                actor = None if chart is None else _actor(chart, username, view_as, live)
                told = _audience_events(self, connection, live, actor, records) if actor is not None else set()
                for event in events:
                    if event.kind is EventKind.VERSION or id(event) in told:
                        for subscriber in group:
                            subscriber.put(event)


def _audience_events(hub: EventHub, connection, live: LiveApp, actor: Actor, events: list[ChangeEvent]) -> set[int]:
    """The ids (id()) of the record events the user may be told of, with one access query per entity."""
    access = RecordAccess(actor, live, connection.dialect.name)
    by_entity: dict[str, list[ChangeEvent]] = defaultdict(list)
    for event in events:
        if event.entity in live.entities:
            by_entity[event.entity].append(event)
    told = set()
    for entity_id, entity_events in by_entity.items():
        storage = live.entity(entity_id).storage
        if access.reads_every_record(storage):
            told.update(id(event) for event in entity_events)  # deleted ones too: no query needed
            continue
        visible = (
            readable_ids(connection, access, entity_id, _record_ids(entity_events))
            if access.may(storage, "read")
            else set()
        )
        for event in entity_events:
            if event.record_id in visible or (
                event.before is not None and hub.scopes.could_read(actor, live, entity_id, event.before)
            ):
                told.add(id(event))
    return told


def _record_ids(events: Iterable[ChangeEvent]) -> list[int]:
    return [event.record_id for event in events if event.record_id is not None]


def _actor(chart: OrgChart, username: str, view_as: str | None, live: LiveApp) -> Actor | None:
    """The user whose view decides, as of the org chart now (None: deactivated, or no longer allowed to view as)."""
    user = chart.actor(username)
    if user is None or view_as is None:
        return user
    try:
        return viewed_as(user, view_as, live, chart, write=False)
    except ApiError:
        return None
