"""Compile a condition once into a Python predicate over records."""

# Two-valued logic: an empty (null) value matches no comparison except != and notIn, which hold for it.

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import Any

from builder.conditions import literals as lit
from builder.conditions.ast import Combinator, Condition, ConditionGroup, DefinitionReference
from builder.conditions.ast import Operator as Op
from builder.conditions.fold import DefinitionLookup
from builder.conditions.typecheck import convert_value
from builder.model.entities import Entity
from builder.model.fields import Field, FieldType

Record = Mapping[str, Any]
Test = Callable[[Record, "Clock"], bool]


class ConditionCompileError(ValueError):
    """A condition that cannot be compiled (unknown field, wrong literal, definition cycle)."""


class Clock:
    """The moment a predicate is evaluated at, in the app's time zone."""

    __slots__ = ("now", "today")

    def __init__(self, now: datetime, timezone: tzinfo) -> None:
        self.now = now
        self.today = now.astimezone(timezone).date()


class Predicate:
    """A compiled condition: call it with a record (and optionally the current time)."""

    __slots__ = ("_test", "_timezone")

    def __init__(self, test: Test, timezone: tzinfo) -> None:
        self._test = test
        self._timezone = timezone

    def __call__(self, record: Record, now: datetime | None = None) -> bool:
        """Whether the condition holds for the record at `now` (default: the current time)."""
        moment = now if now is not None else datetime.now(UTC)
        if moment.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return self._test(record, Clock(moment, self._timezone))


def compile_predicate(
    condition: ConditionGroup, entity: Entity, definitions: DefinitionLookup, timezone: tzinfo = UTC
) -> Predicate:
    """Compile a type-checked condition on records of `entity` into a predicate."""
    return Predicate(_Compiler(entity, definitions, timezone).compile(condition, ()), timezone)


class _Compiler:
    def __init__(self, entity: Entity, definitions: DefinitionLookup, timezone: tzinfo) -> None:
        self.entity = entity
        self.definitions = definitions
        self.timezone = timezone

    def compile(self, condition: Condition, using: tuple[str, ...]) -> Test:
        if isinstance(condition, ConditionGroup):
            return self._group(condition, using)
        if isinstance(condition, DefinitionReference):
            return self._reference(condition, using)
        field = self.entity.field(condition.field)
        if field is None:
            raise ConditionCompileError(f"unknown field {condition.field!r} of entity {self.entity.id!r}")
        try:
            value = convert_value(condition, field, self.timezone)
        except lit.LiteralError as error:
            raise ConditionCompileError(f"{error.code} for field {field.id!r}") from None
        return _rule_test(condition.operator, value, field)

    def _group(self, group: ConditionGroup, using: tuple[str, ...]) -> Test:
        tests = tuple(self.compile(item, using) for item in group.rules)
        combine = all if group.combinator is Combinator.AND else any
        if group.negated:
            return lambda record, clock: not combine(test(record, clock) for test in tests)
        if len(tests) == 1:
            return tests[0]
        return lambda record, clock: combine(test(record, clock) for test in tests)

    def _reference(self, reference: DefinitionReference, using: tuple[str, ...]) -> Test:
        if reference.definition in using:
            raise ConditionCompileError(f"definition cycle through {reference.definition!r}")
        definition = self.definitions(reference.definition)
        if definition is None or definition.entity != self.entity.id or definition.condition is None:
            raise ConditionCompileError(f"definition {reference.definition!r} does not apply to {self.entity.id!r}")
        return self.compile(definition.condition, (*using, reference.definition))


def record_value(field: Field) -> Callable[[Record], Any]:
    """A reader of a field's value from a record, normalised for exact comparison."""
    key = field.id
    kind = lit.value_kind(field)
    if kind is lit.NUMBER:
        return lambda record: _number_or_none(record.get(key))
    if kind is lit.DATE:
        return lambda record: None if (value := record.get(key)) is None else lit.parse_date(value)
    if kind is lit.DATETIME:
        return lambda record: None if (value := record.get(key)) is None else lit.parse_datetime(value, UTC)
    if field.type is FieldType.MULTICHOICE:
        return lambda record: record.get(key) or None
    return lambda record: record.get(key)


def _number_or_none(value: Any) -> int | Decimal | None:
    if value is None:
        return None
    if type(value) is int or type(value) is Decimal:
        return value
    return lit.to_number(value)


def _rule_test(operator: Op, value: Any, field: Field) -> Test:  # noqa: C901 - one branch per operator
    read = record_value(field)
    if operator is Op.NULL:
        return lambda record, clock: read(record) is None
    if operator is Op.NOT_NULL:
        return lambda record, clock: read(record) is not None
    if operator is Op.EQ:
        return lambda record, clock: (x := read(record)) is not None and x == value
    if operator is Op.NE:
        return lambda record, clock: (x := read(record)) is None or x != value
    if operator is Op.LT:
        return lambda record, clock: (x := read(record)) is not None and x < value
    if operator is Op.LE:
        return lambda record, clock: (x := read(record)) is not None and x <= value
    if operator is Op.GT:
        return lambda record, clock: (x := read(record)) is not None and x > value
    if operator is Op.GE:
        return lambda record, clock: (x := read(record)) is not None and x >= value
    if operator is Op.IN:
        members = frozenset(value)
        return lambda record, clock: (x := read(record)) is not None and x in members
    if operator is Op.NOT_IN:
        members = frozenset(value)
        return lambda record, clock: (x := read(record)) is None or x not in members
    if operator is Op.BETWEEN:
        low, high = value
        return lambda record, clock: (x := read(record)) is not None and low <= x <= high
    if operator is Op.CONTAINS:
        return lambda record, clock: (x := read(record)) is not None and value in x
    if operator is Op.BEGINS_WITH:
        return lambda record, clock: (x := read(record)) is not None and x.startswith(value)
    span = value.as_timedelta()
    if field.type is FieldType.DATE:
        if operator is Op.WITHIN_LAST:
            return lambda record, clock: (x := read(record)) is not None and clock.today - span <= x <= clock.today
        return lambda record, clock: (x := read(record)) is not None and x < clock.today - span
    if operator is Op.WITHIN_LAST:
        return lambda record, clock: (x := read(record)) is not None and clock.now - span <= x <= clock.now
    return lambda record, clock: (x := read(record)) is not None and x < clock.now - span
