"""Timed rules (time_elapsed, schedule, aggregate): which occasions are due, and firing them once each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from builder.model.rules import AggregateTrigger, Rule, Schedule, TimeElapsed
from runtime.live_apps import LiveApp
from runtime.rules.firings import Occasion, lock_occasion
from runtime.rules.measures import aggregate_occasions
from runtime.rules.runner import fire
from runtime.rules.schedules import schedule_occasions
from runtime.rules.scope import FiringScope
from runtime.rules.time_elapsed import elapsed_occasions


def due_occasions(
    connection: Connection, live: LiveApp, rule: Rule, now: datetime, only: int | None = None
) -> list[Occasion]:
    """The occasions of a timed rule due at `now` and not fired yet (for one record, when `only` is given)."""
    trigger = rule.trigger
    if isinstance(trigger, TimeElapsed):
        return elapsed_occasions(connection, live, rule, now, only)
    if isinstance(trigger, Schedule):
        return schedule_occasions(connection, live, rule, now, only)
    if isinstance(trigger, AggregateTrigger):
        return aggregate_occasions(connection, live, rule, now, only)
    return []


def fire_due(scope: FiringScope, rule: Rule, record_id: int) -> list[int]:
    """Fire what is due for one record, re-checked under its (rule, record) lock in the scope's transaction."""
    lock_occasion(scope.connection, scope.live.number, rule.id, record_id)
    fired = []
    for occasion in due_occasions(scope.connection, scope.live, rule, scope.now, only=record_id):
        firing_id = fire(scope, rule, occasion)
        if firing_id is not None:
            fired.append(firing_id)
    return fired
