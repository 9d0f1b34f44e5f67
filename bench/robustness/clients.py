"""Writer clients: threads creating and updating leads of the lead_response template through the records API.

Each writer signs in with its own bearer token (a demo sales rep), keeps one HTTP/1.1 connection
alive and only updates the records it created, so the last write it saw acknowledged (2xx) is what
the record must hold. Every acknowledged record goes into a Ledger; a write whose answer never
came (the server was killed) is kept as pending: the record may hold either state afterwards.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

HOST = "127.0.0.1"
APP = "lead_response"
ENTITY = "lead"
BASE = f"/api/apps/{APP}/{ENTITY}"
LOCKED = "database is locked"
SOURCES = ("website_demo", "trade_show", "referral", "webinar", "partner")
STATUSES = ("new", "contacted", "qualified")
EXAMPLES_KEPT = 5


class ServerGone(ConnectionError):
    """The connection failed or closed without an answer: the server was killed or is restarting."""


@dataclass
class Tally:
    """What the writers saw: answers by status, latencies of acknowledged writes, errors with examples."""

    statuses: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    locked: int = 0  # answers that mention "database is locked"
    unanswered: int = 0  # writes cut off by a crash
    examples: list[str] = field(default_factory=list)  # the first unexpected answers, for the report

    @property
    def acknowledged(self) -> int:
        """Writes answered with 2xx."""
        return sum(count for status, count in self.statuses.items() if 200 <= status < 300)

    @property
    def server_errors(self) -> int:
        """Answers with a 5xx status."""
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def refused(self) -> int:
        """Answers with a 4xx status: none is expected for these valid writes."""
        return sum(count for status, count in self.statuses.items() if 400 <= status < 500)

    def merge(self, other: Tally) -> None:
        """Add another writer's tally to this one."""
        self.statuses.update(other.statuses)
        self.latencies_ms += other.latencies_ms
        self.locked += other.locked
        self.unanswered += other.unanswered
        self.examples += other.examples[: max(0, EXAMPLES_KEPT - len(self.examples))]

    def percentile(self, fraction: float) -> float:
        """Latency (ms) at a fraction of the sorted latencies (nearest rank)."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
        return ordered[rank - 1]


class Ledger:
    """Every record a writer saw acknowledged, as the server answered it, and writes still unanswered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: dict[int, dict[str, Any]] = {}
        self.pending: dict[int, dict[str, Any]] = {}  # record id → the values of an update never answered

    def record(self, body: dict[str, Any]) -> None:
        """A write was acknowledged with this record."""
        with self.lock:
            self.acknowledged[body["id"]] = body
            self.pending.pop(body["id"], None)

    def unanswered(self, record_id: int, values: dict[str, Any]) -> None:
        """An update of a record was sent and its answer never came."""
        with self.lock:
            self.pending[record_id] = values

    def check(self, stored: dict[int, dict[str, Any]]) -> list[str]:
        """Compare what the server holds now with the ledger; settle the pending updates; the violations found."""
        problems = []
        with self.lock:
            for record_id, expected in self.acknowledged.items():
                found = stored.get(record_id)
                if found is None:
                    problems.append(f"acknowledged record {record_id} is missing")
                    continue
                if found == expected:
                    continue
                pending = self.pending.get(record_id)
                if pending is not None and _applied(expected, pending, found):
                    self.acknowledged[record_id] = found  # the unanswered update had committed
                    continue
                problems.append(f"record {record_id} holds {found}, acknowledged {expected}, unanswered {pending}")
            self.pending.clear()
        return problems


def _applied(before: dict[str, Any], values: dict[str, Any], found: dict[str, Any]) -> bool:
    """Whether `found` is `before` with the update `values` applied once."""
    if found.get("row_version") != before["row_version"] + 1:
        return False
    return all(found.get(name) == value for name, value in values.items() if name != "row_version")


def lead_values(chooser: random.Random, writer: int, number: int) -> dict[str, Any]:
    """The fields of a new lead, varied (Chinese and English text, money with cents, a time)."""
    month, day, hour = chooser.randrange(1, 13), chooser.randrange(1, 29), chooser.randrange(24)
    return {
        "company": f"W{writer}-{number} 客户公司 {chooser.randrange(10**6)}",
        "contact_name": chooser.choice(("张伟", "Li Na", "O'Brien", "王芳")),
        "source": chooser.choice(SOURCES),
        "intent_score": chooser.randrange(0, 101),
        "expected_value": chooser.randrange(0, 10**8) / 100,
        "received_at": f"2026-{month:02d}-{day:02d}T{hour:02d}:15:00Z",
        "status": "new",
    }


def update_values(chooser: random.Random, row_version: int) -> dict[str, Any]:
    """A change to a lead at its row version."""
    return {
        "row_version": row_version,
        "intent_score": chooser.randrange(0, 101),
        "status": chooser.choice(STATUSES),
        "notes": f"跟进 follow-up {chooser.randrange(10**9)}",
    }


class Writer:
    """One client: creates leads and updates its own, on one keep-alive connection, until told to stop."""

    def __init__(self, port: int, token: str, index: int, ledger: Ledger, *, seed: int, create_share: float = 0.4):
        self.port = port
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        self.index = index
        self.ledger = ledger
        self.chooser = random.Random(seed)
        self.create_share = create_share
        self.mine: list[int] = []  # ids of the records this writer created (acknowledged)
        self.created = 0
        self.tally = Tally()
        self.connection: http.client.HTTPConnection | None = None

    def run(self, stop: threading.Event, deadline: float | None = None) -> None:
        """Write until `stop` is set, `deadline` (monotonic) passes, or the server goes away."""
        try:
            while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
                self.write_once()
        except ServerGone:
            self.tally.unanswered += 1
        finally:
            self.close()

    def write_once(self) -> None:
        """Create a lead or update one of this writer's leads; raise ServerGone when no answer comes."""
        with self.ledger.lock:
            known = [self.ledger.acknowledged[record_id] for record_id in self.mine[-50:]]
        if not known or self.chooser.random() < self.create_share:
            self.created += 1
            self._send("POST", BASE, lead_values(self.chooser, self.index, self.created), None)
        else:
            record = self.chooser.choice(known)
            values = update_values(self.chooser, record["row_version"])
            self._send("PATCH", f"{BASE}/{record['id']}", values, record["id"])

    def _send(self, method: str, path: str, values: dict[str, Any], record_id: int | None) -> None:
        payload = json.dumps(values).encode()
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.connection.request(method, path, payload, self.headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            if record_id is not None:
                self.ledger.unanswered(record_id, values)
            self.close()
            raise ServerGone(str(error)) from None
        elapsed = (time.perf_counter() - started) * 1000
        status = response.status
        self.tally.statuses[status] += 1
        text = data.decode(errors="replace")
        if LOCKED in text:
            self.tally.locked += 1
        if 200 <= status < 300:
            self.tally.latencies_ms.append(elapsed)
            body = json.loads(data)
            self.ledger.record(body)
            if method == "POST":
                self.mine.append(body["id"])
        elif len(self.tally.examples) < EXAMPLES_KEPT:
            self.tally.examples.append(f"{method} {path} {payload[:300]!r} → {status}: {text[:500]}")

    def close(self) -> None:
        """Close the connection (a new one is opened on the next write)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def run_writers(writers: list[Writer], *, seconds: float | None = None, stop: threading.Event | None = None) -> Tally:
    """Run writers in threads for `seconds` (or until `stop`); their merged tally."""
    stop = stop or threading.Event()
    deadline = None if seconds is None else time.monotonic() + seconds
    threads = [threading.Thread(target=writer.run, args=(stop, deadline), daemon=True) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally = Tally()
    for writer in writers:
        tally.merge(writer.tally)
    return tally


def stored_leads(port: int, token: str) -> dict[int, dict[str, Any]]:
    """Every live lead as the records API lists it to `token`'s user (an administrator sees all), by id."""
    headers = {"Authorization": f"Bearer {token}"}
    found: dict[int, dict[str, Any]] = {}
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        page = 1
        while True:
            connection.request("GET", f"{BASE}?page_size=500&sort=id&page={page}", headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200:
                raise RuntimeError(f"listing leads gave {response.status}: {data[:500]!r}")
            body = json.loads(data)
            found.update((item["id"], item) for item in body["items"])
            if page * body["page_size"] >= body["total"]:
                return found
            page += 1
    finally:
        connection.close()
