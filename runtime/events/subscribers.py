"""One listener of the event stream: who they are, which app they follow, and the events waiting for them."""

from __future__ import annotations

import queue
from dataclasses import dataclass, field
from enum import Enum

from runtime.events.model import ChangeEvent

MAX_WAITING = 1000  # events kept for a listener who reads slowly; past that, they are told to reload


class Signal(Enum):
    """What a listener may be told besides an event."""

    RESET = "reset"  # events were lost (a slow reader, a lost database connection): reload what you show
    END = "end"  # the server stops: the stream ends (the browser reconnects by itself)


@dataclass(eq=False)
class Subscriber:
    """A user (or whom an administrator views the app as) following one app's changes, or their own messages."""

    username: str
    app_id: str | None  # None: the user's own stream (notifications from every app)
    view_as: str | None = None
    _waiting: queue.Queue[ChangeEvent | Signal] = field(default_factory=lambda: queue.Queue(MAX_WAITING))

    @property
    def identity(self) -> tuple[str, str | None]:
        """Whose view of the records decides what this listener is told."""
        return self.username, self.view_as

    def put(self, item: ChangeEvent | Signal) -> None:
        """Queue an event; when too many wait, drop them all and ask the listener to reload."""
        try:
            self._waiting.put_nowait(item)
        except queue.Full:
            self._drain()
            self._waiting.put_nowait(Signal.RESET)

    def take(self, timeout: float) -> list[ChangeEvent | Signal]:
        """What waits (at least one item, or none after `timeout` seconds)."""
        try:
            items = [self._waiting.get(timeout=timeout)]
        except queue.Empty:
            return []
        return items + self._drain()

    def _drain(self) -> list[ChangeEvent | Signal]:
        items = []
        while True:
            try:
                items.append(self._waiting.get_nowait())
            except queue.Empty:
                return items
