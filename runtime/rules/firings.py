"""Firings: claiming an occasion once (the database's unique key decides), recording its outcome, and the SQL that
lets sweeps skip occasions already fired."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists, not_, text, update

from runtime.database import insert_unless_present
from runtime.live_apps import LiveApp
from runtime.rules.tables import FIRINGS

_F = FIRINGS.c
_OCCASION_KEY = ("app_number", "rule_id", "record_id", "window_key")
_RULE_LOCK_SPACE = 0x52554C45  # "RULE": the first key of the advisory locks on (rule, record)


@dataclass(frozen=True, slots=True)
class Occasion:
    """One reason for a rule to fire for one record; the rule, record and window key make it unique."""

    rule_id: str
    record_id: int
    window_key: str  # "created", "v3" (the write), "at:2024-03-11T01:00:00Z" (a slot), "last_follow_up:…" …
    marked: date | datetime | None = None  # the date or moment the window is tied to, when there is one


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What one action of a firing did, or why it failed."""

    kind: str
    ok: bool
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """As stored in the firing's results."""
        return {"action": self.kind, "ok": self.ok, **self.detail}


def lock_occasion(connection: Connection, app_number: int, rule_id: str, record_id: int) -> None:
    """PostgreSQL: take turns per (rule, record) until the transaction ends, so a re-check sees the other's firing."""
    # SQLite needs none: its writers take turns already (BEGIN IMMEDIATE).
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"),
            {"space": _RULE_LOCK_SPACE, "key": f"{app_number}:{rule_id}:{record_id}"},
        )


def claim(connection: Connection, live: LiveApp, entity_id: str, occasion: Occasion, now: datetime) -> int | None:
    """Record the firing in the caller's transaction; its id, or None when the occasion was fired already."""
    marked = occasion.marked
    return insert_unless_present(
        connection,
        FIRINGS,
        {
            "app_number": live.number,
            "version": live.version,
            "rule_id": occasion.rule_id,
            "entity": entity_id,
            "record_id": occasion.record_id,
            "window_key": occasion.window_key,
            "marked_on": marked if isinstance(marked, date) and not isinstance(marked, datetime) else None,
            "marked_at": marked if isinstance(marked, datetime) else None,
            "fired_at": now,
            "ok": True,
            "results": [],
        },
        unique_columns=_OCCASION_KEY,
    )


def finish(connection: Connection, firing_id: int, results: Sequence[ActionResult]) -> None:
    """Store what each action did; the firing is ok when every action was."""
    connection.execute(
        update(FIRINGS)
        .where(_F.id == firing_id)
        .values(ok=all(result.ok for result in results), results=[result.to_json() for result in results])
    )


def _fired(app_number: int, rule_id: str, record_id: Any, *more: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(_F.app_number == app_number, _F.rule_id == rule_id, _F.record_id == record_id, *more)


def not_fired_in_window(app_number: int, rule_id: str, record_id: Any, window_key: str) -> ColumnElement[bool]:
    """No firing of the rule for the record with this window key (a schedule slot)."""
    return not_(_fired(app_number, rule_id, record_id, _F.window_key == window_key))


def not_fired_for_mark(
    app_number: int, rule_id: str, record_id: Any, mark: Any, *, is_date: bool
) -> ColumnElement[bool]:
    """No firing of the rule for the record tied to this date or moment (a column of the same type)."""
    marked = _F.marked_on if is_date else _F.marked_at
    return not_(_fired(app_number, rule_id, record_id, marked == mark))


def not_fired_since(app_number: int, rule_id: str, record_id: Any, since: datetime) -> ColumnElement[bool]:
    """No firing of the rule for the record after `since`."""
    return not_(_fired(app_number, rule_id, record_id, _F.fired_at > since))
