"""Record writes announced to listeners inside the writing transaction (rules, workflows, the event stream)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

if TYPE_CHECKING:
    from flask import Flask

    from runtime.live_apps import LiveApp

WRITE_LISTENERS_KEY = "dabble.write_listeners"


class WriteAction(StrEnum):
    """What happened to the record."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


@dataclass(frozen=True, slots=True)
class RecordWrite:
    """One record written in the current transaction, with its stored values before and after."""

    live: LiveApp
    entity: str
    record_id: int
    action: WriteAction
    before: Mapping[str, Any] | None  # None for a create
    after: Mapping[str, Any]
    actor: str
    at: datetime
    source: str = "api"  # "api": a user's request through the records API; else the engine that wrote it

    def changed(self) -> frozenset[str]:
        """The columns whose stored value differs from before (every column for a create)."""
        if self.before is None:
            return frozenset(self.after)
        return frozenset(name for name, value in self.after.items() if self.before.get(name) != value)


WriteListener = Callable[[Connection, RecordWrite], None]


def add_write_listener(app: Flask, listener: WriteListener) -> None:
    """Have `listener` called for every record write, inside the transaction (it may write too, or refuse)."""
    app.extensions.setdefault(WRITE_LISTENERS_KEY, []).append(listener)


def write_listeners(app: Flask) -> tuple[WriteListener, ...]:
    """The listeners registered on an app, in registration order."""
    return tuple(app.extensions.get(WRITE_LISTENERS_KEY, ()))
