"""A Server-Sent Events client for tests: reads a real HTTP stream in a thread, event by event."""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ServerEvent:
    """One event read from the stream."""

    name: str
    data: dict[str, Any]


class EventListener:
    """Listens to an event stream until closed; `next()` hands the events over in order."""

    def __init__(self, base_url: str, path: str, token: str, headers: dict[str, str] | None = None) -> None:
        address = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        self._connection.request(
            "GET", path, headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream", **(headers or {})}
        )
        self._socket = self._connection.sock  # http.client forgets it once a response says it ends the connection
        self.response = self._connection.getresponse()
        self._events: queue.Queue[ServerEvent | None] = queue.Queue()
        self.comments = 0
        self._thread = threading.Thread(target=self._read, daemon=True)
        if self.response.status == 200:
            self._thread.start()

    def next(self, timeout: float = 10.0) -> ServerEvent:
        """The next event (AssertionError when none comes within `timeout` seconds)."""
        try:
            event = self._events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s") from None
        if event is None:
            raise AssertionError("the stream ended")
        return event

    def next_named(self, name: str, timeout: float = 10.0) -> ServerEvent:
        """The next event of that name, skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            event = self.next(max(0.01, deadline - time.monotonic()))
            if event.name == name:
                return event

    def nothing_more(self, wait: float) -> list[ServerEvent]:
        """The events that arrive within `wait` seconds (a test asserts this list is empty)."""
        arrived = []
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self._events.get(timeout=left)
            except queue.Empty:
                break
            if event is not None:
                arrived.append(event)
        return arrived

    def close(self) -> None:
        """Hang up: end the connection under the reader, wait for it to stop, then close."""
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.response.close()
        self._connection.close()

    def _read(self) -> None:
        name, data = "message", []
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith(":"):
                    self.comments += 1
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    self._events.put(ServerEvent(name, json.loads("\n".join(data))))
                    name, data = "message", []
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            pass  # the stream ended under the reader (http.client drops its file mid-chunk: AttributeError)
        finally:
            self._events.put(None)
