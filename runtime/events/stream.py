"""Server-Sent Events: the text a listener reads, and the generator that writes it until they leave."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from runtime.events.model import ChangeEvent
from runtime.events.subscribers import Signal, Subscriber

RETRY_MILLISECONDS = 3000  # how long a browser waits before it reconnects


def frame(name: str, data: dict[str, Any]) -> str:
    """One SSE event: its name and a JSON line of data."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


def event_stream(
    subscriber: Subscriber, ready: dict[str, Any], leave: Callable[[Subscriber], None], keep_alive: float
) -> Iterator[str]:
    """`ready`, then every event the subscriber is given (several at once when they come together)."""
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n" + frame("ready", ready)
        while True:
            items = subscriber.take(timeout=keep_alive)
            if not items:
                yield ": keep-alive\n\n"
                continue
            frames = []
            for item in items:
                if item is Signal.END:
                    if frames:
                        yield "".join(frames)
                    return
                frames.append(_frame(item))
            yield "".join(frames)
    finally:
        leave(subscriber)


def _frame(item: ChangeEvent | Signal) -> str:
    if isinstance(item, Signal):
        return frame(item.value, {})
    return frame(str(item.kind), item.public_json())
