"""The thread that LISTENs for changes committed by every worker on the PostgreSQL database."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine

from runtime.events.model import ChangeEvent

log = logging.getLogger(__name__)
CHANNEL_SQL = "'dabble_' || left(md5(current_schema()), 16)"  # one channel per schema: one Dabble per schema
RETRY_SECONDS = 1.0


class PostgresListener:
    """Hands every event NOTIFYed on this schema's channel to `on_event`; `on_gap` after a lost connection."""

    def __init__(self, engine: Engine, on_event: Callable[[ChangeEvent], None], on_gap: Callable[[], None]) -> None:
        url = engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._on_event, self._on_gap = on_event, on_gap
        self._stopping = threading.Event()
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dabble-pg-listener", daemon=True)

    def start(self) -> None:
        """Start listening (returns at once; `listening` is set once LISTEN is in place)."""
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and close the connection."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        connected_before = False
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as connection:
                    channel = connection.execute(f"SELECT {CHANNEL_SQL}").fetchone()[0]
                    connection.execute(f'LISTEN "{channel}"')
                    self.listening.set()
                    if connected_before:
                        self._on_gap()  # what was committed while the connection was down was not heard
                    connected_before = True
                    self._listen(connection)
            except psycopg.Error:
                self.listening.clear()
                log.warning("the PostgreSQL event listener lost its connection; retrying", exc_info=True)
                self._stopping.wait(RETRY_SECONDS)

    def _listen(self, connection: psycopg.Connection) -> None:
        while not self._stopping.is_set():
            for notification in connection.notifies(timeout=0.5):
                try:
                    self._on_event(ChangeEvent.from_text(notification.payload))
                except (ValueError, TypeError):
                    log.warning("ignored an event that is not Dabble's: %r", notification.payload[:200])
