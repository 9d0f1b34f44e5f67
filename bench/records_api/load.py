"""The load client: keep-alive HTTP connections in threads, requests/s and latency percentiles.

Every app is driven by this same client with the same number of connections. Any response
outside 2xx stops the run and raises `RequestFailed` with the status and body: a benchmark that
counts errors as throughput measures nothing.
"""

from __future__ import annotations

import http.client
import json
import random
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

HOST = "127.0.0.1"
# Every app gets the same bearer token and checks it: a records API is for signed-in users.
TOKEN = "dbl_" + secrets.token_urlsafe(32)
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {TOKEN}"}

# What one request sends: method, path and body (bytes or None).
Request = tuple[str, str, bytes | None]


class RequestFailed(RuntimeError):
    """A request got a response outside 2xx (or no response at all)."""


@dataclass(frozen=True)
class LoadResult:
    """What a timed run did: completed requests, wall-clock seconds, each request's latency."""

    requests: int
    seconds: float
    latencies_ms: list[float]  # sorted

    @property
    def requests_per_second(self) -> float:
        """Throughput over the whole run."""
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        """Latency (ms) at a fraction (0.5, 0.99) of the sorted latencies, nearest rank."""
        if not self.latencies_ms:
            return float("nan")
        rank = max(1, min(len(self.latencies_ms), round(fraction * len(self.latencies_ms) + 0.5)))
        return self.latencies_ms[rank - 1]


def call(port: int, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """One request on a fresh connection; the status and the decoded JSON body (None when empty)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        payload = None if body is None else json.dumps(body).encode()
        connection.request(method, path, payload, JSON_HEADERS)
        response = connection.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if data else None)
    finally:
        connection.close()


def _send(connection: http.client.HTTPConnection, request: Request) -> tuple[int, bytes]:
    method, path, body = request
    connection.request(method, path, body, JSON_HEADERS)
    response = connection.getresponse()
    return response.status, response.read()


def _failure(request: Request, status: int, data: bytes) -> RequestFailed:
    method, path, body = request
    sent = "" if body is None else f" with {body[:200].decode(errors='replace')}"
    return RequestFailed(f"{method} {path}{sent} → {status}: {data[:500].decode(errors='replace')}")


def run_load(
    port: int,
    next_request: Callable[[random.Random], Request],
    *,
    seconds: float,
    connections: int,
    seed: int = 0,
) -> LoadResult:
    """Send requests on `connections` keep-alive connections for `seconds`; raise on any non-2xx."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[BaseException] = []
    stop = threading.Event()
    ready = threading.Barrier(connections + 1)
    finished = [0.0] * connections

    def worker(index: int) -> None:
        chooser = random.Random(seed * 1000 + index)
        mine = latencies[index]
        clock = time.perf_counter
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            connection.connect()
            ready.wait()
            deadline = clock() + seconds
            while not stop.is_set():
                request = next_request(chooser)
                began = clock()
                status, data = _send(connection, request)
                ended = clock()
                if not 200 <= status < 300:
                    raise _failure(request, status, data)
                mine.append((ended - began) * 1000)
                finished[index] = ended
                if ended >= deadline:
                    break
        except BaseException as error:
            errors.append(error)
            stop.set()
            ready.abort()  # a worker that never reached the barrier must not keep the others waiting
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,), daemon=True) for index in range(connections)]
    for thread in threads:
        thread.start()
    try:
        ready.wait(timeout=60)
    except threading.BrokenBarrierError:
        stop.set()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    elapsed = max(finished) - started
    merged = sorted(latency for mine in latencies for latency in mine)
    return LoadResult(requests=len(merged), seconds=elapsed, latencies_ms=merged)


def run_all(port: int, requests: Sequence[Request], *, connections: int) -> list[Any]:
    """Send every request once, spread over `connections` keep-alive connections; the decoded bodies in order."""
    results: list[Any] = [None] * len(requests)
    errors: list[BaseException] = []
    position = iter(range(len(requests)))
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            while not errors:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                status, data = _send(connection, requests[index])
                if not 200 <= status < 300:
                    raise _failure(requests[index], status, data)
                results[index] = json.loads(data) if data else None
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
