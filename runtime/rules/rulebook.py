"""The enabled rules of one live app version, indexed the ways the engine looks them up; conditions compiled once."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from builder.conditions.evaluate import Predicate, compile_predicate
from builder.model.rules import AggregateTrigger, FieldChanged, RecordCreated, RecordUpdated, Rule
from runtime.live_apps import LiveApp
from runtime.storage.tables import EntityStorage

WRITE_TRIGGERS = (RecordCreated, RecordUpdated, FieldChanged)


@dataclass(frozen=True, slots=True)
class RuleBook:
    """What the engine asks of a version's rules: by entity written, timed ones, aggregates by source."""

    app_id: str
    number: int
    version: int
    on_write: Mapping[str, tuple[Rule, ...]]  # entity -> rules with a write trigger
    timed: tuple[Rule, ...]  # time_elapsed, schedule and aggregate rules, for sweeps
    aggregates_touched_by: Mapping[str, tuple[Rule, ...]]  # entity -> aggregate rules its writes may change
    by_id: Mapping[str, Rule] = field(repr=False)
    predicates: Mapping[str, Predicate] = field(repr=False)  # rule id -> its condition, for write triggers

    def rule(self, rule_id: str) -> Rule | None:
        """An enabled rule by id."""
        return self.by_id.get(rule_id)

    def holds(self, rule: Rule, record: Mapping[str, Any], storage: EntityStorage, now: datetime) -> bool:
        """Whether a write-triggered rule's condition holds for stored values (no condition: it does)."""
        predicate = self.predicates.get(rule.id)
        if predicate is None:
            return True
        values = {name: codec.to_model(record.get(name)) for name, codec in storage.codecs.items()}
        return predicate(values, now)


def build_rulebook(live: LiveApp) -> RuleBook:
    """Index and compile the enabled rules of a version."""
    model = live.model
    on_write: dict[str, list[Rule]] = {}
    timed: list[Rule] = []
    touched: dict[str, list[Rule]] = {}
    predicates = {}
    enabled = {rule.id: rule for rule in model.rules if rule.enabled and rule.entity in live.entities}
    for rule in enabled.values():
        if isinstance(rule.trigger, WRITE_TRIGGERS):
            on_write.setdefault(rule.entity, []).append(rule)
            if rule.condition is not None:
                entity = live.entity(rule.entity).storage.entity
                predicates[rule.id] = compile_predicate(rule.condition, entity, model.definition, live.timezone)
            continue
        timed.append(rule)
        if isinstance(rule.trigger, AggregateTrigger):
            for entity_id in dict.fromkeys((rule.entity, rule.trigger.source.entity)):
                touched.setdefault(entity_id, []).append(rule)
    return RuleBook(
        app_id=live.app_id,
        number=live.number,
        version=live.version,
        on_write={entity: tuple(rules) for entity, rules in on_write.items()},
        timed=tuple(timed),
        aggregates_touched_by={entity: tuple(rules) for entity, rules in touched.items()},
        by_id=enabled,
        predicates=predicates,
    )


class RuleBooks:
    """The rule book of each app version in use, built once per version (the least recently built go first)."""

    KEEP = 64  # versions: every app's live one, and those pinned workflow instances still write with

    def __init__(self) -> None:
        self._books: dict[tuple[int, int], RuleBook] = {}
        self._lock = threading.Lock()

    def of(self, live: LiveApp) -> RuleBook:
        """The rule book of a version."""
        key = (live.number, live.version)
        book = self._books.get(key)
        if book is not None:
            return book
        with self._lock:
            book = self._books.get(key)
            if book is None:
                book = self._books[key] = build_rulebook(live)
                while len(self._books) > self.KEEP:
                    del self._books[next(iter(self._books))]
        return book
