"""Rules set off by a record write, inside the writing transaction: write triggers, and aggregate rules whose
measure the write may change. A rule's failure is recorded or logged; it never refuses the user's save."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection

from builder.model.rules import FieldChanged, RecordCreated, RecordUpdated, Rule
from builder.moments import as_utc
from runtime.records.write_events import RecordWrite, WriteAction
from runtime.rules.due import fire_due
from runtime.rules.engine import RulesEngine
from runtime.rules.firings import Occasion
from runtime.rules.runner import fire
from runtime.rules.scope import FiringScope, cascade_step
from runtime.storage.codecs import Codec

log = logging.getLogger(__name__)
_BOOKKEEPING = frozenset({"row_version", "updated_at", "updated_by"})  # change on every update


class WriteRules:
    """The write listener of the rules engine."""

    def __init__(self, engine: RulesEngine) -> None:
        self.engine = engine

    def __call__(self, connection: Connection, write: RecordWrite) -> None:
        """Fire the rules this write sets off."""
        book = self.engine.books.of(write.live)
        written = book.on_write.get(write.entity, ())
        aggregates = book.aggregates_touched_by.get(write.entity, ())
        if not written and not aggregates:
            return
        scope = self.engine.scope(connection, write.live, as_utc(write.at))
        with cascade_step():
            for rule in written:
                occasion = _write_occasion(scope, rule, write)
                if occasion is not None:
                    _guarded(scope, rule, lambda rule=rule, occasion=occasion: fire(scope, rule, occasion))
            for rule in aggregates:
                for record_id in _measured_records(rule, write):
                    _guarded(scope, rule, lambda rule=rule, record_id=record_id: fire_due(scope, rule, record_id))


def _guarded(scope: FiringScope, rule: Rule, step) -> None:
    """Run a rule's step in a savepoint; a failure of the engine itself is logged, and the save goes on."""
    try:
        with scope.connection.begin_nested():
            step()
    except Exception:  # rules must not break the write that set them off
        log.exception("rule %s of app %s failed", rule.id, scope.live.app_id)


def _write_occasion(scope: FiringScope, rule: Rule, write: RecordWrite) -> Occasion | None:
    """The occasion this write gives a write-triggered rule, when its trigger happened and its condition holds."""
    trigger = rule.trigger
    storage = scope.live.entity(write.entity).storage

    def holds(values: Mapping[str, Any]) -> bool:
        return scope.book.holds(rule, values, storage, scope.now)

    window = f"v{write.after['row_version']}"
    if isinstance(trigger, RecordCreated):
        happened, window = write.action is WriteAction.CREATE, "created"
    elif isinstance(trigger, RecordUpdated):
        changed = write.action is WriteAction.UPDATE and bool(write.changed() - _BOOKKEEPING)
        # With a condition, an update counts when it makes the condition hold: "is updated so that …".
        happened = changed and (rule.condition is None or not holds(write.before or {}))
    elif isinstance(trigger, FieldChanged):
        happened = write.action in (WriteAction.CREATE, WriteAction.UPDATE) and _moved(
            trigger, storage.codecs[trigger.field], write
        )
    else:
        return None
    return Occasion(rule.id, write.record_id, window) if happened and holds(write.after) else None


def _moved(trigger: FieldChanged, codec: Codec, write: RecordWrite) -> bool:
    """The field changed, from and to the values the trigger names (a new record's fields change from empty)."""
    old = None if write.before is None else write.before.get(trigger.field)
    new = write.after.get(trigger.field)
    if _same(codec, old, new):
        return False
    if trigger.has_from and not _same(codec, old, _stored(codec, trigger.from_value)):
        return False
    return not trigger.has_to or _same(codec, new, _stored(codec, trigger.to_value))


def _stored(codec: Codec, value: Any) -> Any:
    return None if value is None else codec.to_database(value)


def _same(codec: Codec, left: Any, right: Any) -> bool:
    """Two stored values are the same value (JSON forms; a multichoice's options in any order)."""
    left, right = codec.to_json(left), codec.to_json(right)
    if isinstance(left, list) and isinstance(right, list):
        return sorted(left) == sorted(right)
    return left == right or (left in (None, []) and right in (None, []))


def _measured_records(rule: Rule, write: RecordWrite) -> Iterator[int]:
    """The records of an aggregate rule whose measure or condition this write may change."""
    trigger = rule.trigger
    if write.entity == rule.entity:
        yield write.record_id
    if write.entity == trigger.source.entity:  # the related record, and the record it pointed at before
        pointed = {(write.before or {}).get(trigger.source.via), write.after.get(trigger.source.via)}
        yield from sorted(record_id for record_id in pointed if isinstance(record_id, int))
