"""Listeners of the freshness benchmark: each follows the event stream and refreshes a widget on every change.

A listener does what the live app's dashboard does: on a `record` event it refetches the widget, at most
one request in flight, with one more after it if events came meanwhile. It notes when each record's event
arrived and when a widget value including that record was first seen.
"""

from __future__ import annotations

import http.client
import json
import threading
import time

HOST = "127.0.0.1"


class Listener:
    """One viewer: an event stream read in a thread, and a refresher thread fetching the widget."""

    def __init__(self, port: int, token: str, stream_path: str, widget_path: str) -> None:
        self.port, self.token, self.widget_path = port, token, widget_path
        self.event_at: dict[int, float] = {}  # record id -> when its event arrived
        self.total_seen: list[tuple[float, int]] = []  # (when, widget total) after each refresh
        self.baseline = 0  # the widget total before the writes
        self.ready = threading.Event()
        self._wanted = threading.Condition()
        self._dirty = False
        self._stopping = False
        self._stream = http.client.HTTPConnection(HOST, port, timeout=120)
        self._stream.request("GET", stream_path, headers=self._headers())
        self._threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._refresh, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop refreshing and hang up."""
        with self._wanted:
            self._stopping = True
            self._wanted.notify()
        self._stream.close()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def _read(self) -> None:
        response = self._stream.getresponse()
        if response.status != 200:
            raise RuntimeError(f"the event stream answered {response.status}")
        name = ""
        try:
            for raw in response:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:") and name == "ready":
                    self.ready.set()
                elif line.startswith("data:") and name == "record":
                    arrived = time.monotonic()
                    self.event_at.setdefault(json.loads(line[5:])["id"], arrived)
                    with self._wanted:
                        self._dirty = True
                        self._wanted.notify()
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            return  # hung up

    def widget_total(self, connection: http.client.HTTPConnection | None = None) -> int:
        """The widget's total now (its groups' values added)."""
        own = connection is None
        connection = connection or http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            connection.request("GET", self.widget_path, headers=self._headers())
            response = connection.getresponse()
            body = json.loads(response.read())
            if response.status != 200:
                raise RuntimeError(f"the widget answered {response.status}: {body}")
            return sum(group["value"] for group in body["groups"])
        finally:
            if own:
                connection.close()

    def _refresh(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            while True:
                with self._wanted:
                    while not self._dirty and not self._stopping:
                        self._wanted.wait()
                    if self._stopping:
                        return
                    self._dirty = False
                total = self.widget_total(connection)
                self.total_seen.append((time.monotonic(), total))
        finally:
            connection.close()
