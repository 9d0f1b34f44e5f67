"""Conditions as WHERE clauses meaning exactly what the Python predicate means (two-valued, exact, bound values)."""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import Enum
from fractions import Fraction
from typing import Any

from sqlalchemy import Boolean, ColumnElement, and_, false, func, literal, not_, or_, select, true, type_coerce
from sqlalchemy.dialects.postgresql import JSONB

from builder.conditions import literals as lit
from builder.conditions.ast import Condition, ConditionRule
from builder.conditions.ast import Operator as Op
from builder.conditions.evaluate import ConditionCompileError
from builder.conditions.fold import Algebra, DefinitionLookup, UnresolvedDefinition, fold_condition
from builder.conditions.operators import operator_allowed
from builder.conditions.typecheck import convert_value
from builder.exact_numbers import exact
from builder.model import Field, FieldType
from runtime.storage.codecs import Codec, DateTimeCodec, FloatCodec, IntegerCodec, ScaledCodec
from runtime.storage.tables import EntityStorage

DIALECTS = ("sqlite", "postgresql")
Clause = ColumnElement[bool]

_SQL = Algebra(everything=true(), nothing=false(), meet=and_, join=or_, complement=not_)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_FIRST_MOMENT = datetime.min.replace(tzinfo=UTC)
_LAST_MOMENT = datetime.max.replace(tzinfo=UTC)
_COMPARE: dict[Op, Callable[[Any, Any], Clause]] = {
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
}


class SqlConditionError(ConditionCompileError):
    """A condition that cannot become SQL: unknown field or column, unresolved definition, unfit literal."""


def condition_clause(
    condition: Condition,
    storage: EntityStorage,
    definitions: DefinitionLookup,
    *,
    dialect: str,
    now: datetime,
    timezone: tzinfo,
) -> Clause:
    """A WHERE clause over `storage.table` selecting exactly the records the condition's predicate accepts."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}, not {dialect!r}")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rules = _RuleCompiler(storage, dialect, now, timezone)
    applicable = _definitions_of(storage.entity.id, definitions)
    try:
        return fold_condition(condition, rules.clause, _SQL, applicable)
    except UnresolvedDefinition as error:
        raise SqlConditionError(_unresolved(str(error), storage.entity.id, definitions)) from None


def _unresolved(definition_id: str, entity_id: str, definitions: DefinitionLookup) -> str:
    """Why a definition cannot be used in a condition on `entity_id`."""
    definition = definitions(definition_id)
    if definition is None:
        return f"there is no definition {definition_id!r}"
    if definition.entity != entity_id:
        return f"definition {definition_id!r} is about {definition.entity!r}, not {entity_id!r}"
    return f"definition {definition_id!r} has no condition or leads back to itself"


def _definitions_of(entity_id: str, definitions: DefinitionLookup) -> DefinitionLookup:
    """A lookup that only finds definitions about `entity_id` (others are unresolved, as in Python)."""

    def lookup(definition_id: str):
        definition = definitions(definition_id)
        return definition if definition is not None and definition.entity == entity_id else None

    return lookup


# Where literals fall among the values a column stores


class _Beyond(Enum):
    """A bound past every value a column can store."""

    BELOW = "below"
    ABOVE = "above"


class _Domain:
    """How literals map onto a column's stored values; identity by default (text, options, booleans, dates)."""

    def ceiling(self, value: Any) -> Any:
        """The least storable value >= `value` (ABOVE when there is none)."""
        return value

    def floor(self, value: Any) -> Any:
        """The greatest storable value <= `value` (BELOW when there is none)."""
        return value

    def exact(self, value: Any) -> Any:
        """The stored value equal to `value`, or None when no stored value can equal it."""
        low, high = self.ceiling(value), self.floor(value)
        return low if low == high and not isinstance(low, _Beyond) else None


class _Text(_Domain):
    """Text and keys; PostgreSQL cannot store NUL, so a literal holding one equals nothing there."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect

    def exact(self, value: str) -> str | None:
        return None if self.dialect == "postgresql" and "\x00" in value else value


class _Scaled(_Domain):
    """Whole numbers of 10^-scale in a BIGINT: compare with floor/ceil of the exact scaled literal."""

    def __init__(self, scale: int) -> None:
        self.factor = 10**scale

    def ceiling(self, value: Any) -> int | _Beyond:
        units = math.ceil(exact(value) * self.factor)
        return _Beyond.ABOVE if units > _INT64_MAX else max(units, _INT64_MIN)

    def floor(self, value: Any) -> int | _Beyond:
        units = math.floor(exact(value) * self.factor)
        return _Beyond.BELOW if units < _INT64_MIN else min(units, _INT64_MAX)


class _Double(_Domain):
    """Doubles, which predicates read by their shortest decimal form (monotone in the double)."""

    def ceiling(self, value: Any) -> float | _Beyond:
        return _least_double_at_least(exact(value))

    def floor(self, value: Any) -> float | _Beyond:
        above = _least_double_at_least(-exact(value))
        return _Beyond.BELOW if above is _Beyond.ABOVE else -above


def _least_double_at_least(target: Fraction) -> float | _Beyond:
    """The least finite double whose shortest decimal form is >= target."""
    try:
        candidate = float(target)
    except OverflowError:
        candidate = math.inf if target > 0 else -math.inf
    if candidate == math.inf:
        return _Beyond.ABOVE
    candidate = max(candidate, -sys.float_info.max)
    while _shortest(candidate) < target:
        candidate = math.nextafter(candidate, math.inf)
        if candidate == math.inf:
            return _Beyond.ABOVE
    while (below := math.nextafter(candidate, -math.inf)) != -math.inf and _shortest(below) >= target:
        candidate = below
    return candidate


def _shortest(number: float) -> Fraction:
    """A double as predicates read it: its shortest decimal form."""
    return exact(number)


class _Moment(_Domain):
    """Aware datetimes stored in UTC (naive UTC text on SQLite, compared in one fixed format)."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect

    def ceiling(self, value: datetime) -> datetime | _Beyond:
        return _Beyond.ABOVE if value > _LAST_MOMENT else self._stored(max(value, _FIRST_MOMENT))

    def floor(self, value: datetime) -> datetime | _Beyond:
        return _Beyond.BELOW if value < _FIRST_MOMENT else self._stored(min(value, _LAST_MOMENT))

    def _stored(self, value: datetime) -> datetime:
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if self.dialect == "sqlite" else moment


def _domain(codec: Codec, dialect: str) -> _Domain:
    """The domain of a column from its codec."""
    if isinstance(codec, ScaledCodec):
        return _Scaled(codec.scale)
    if isinstance(codec, IntegerCodec):
        return _Scaled(0)
    if isinstance(codec, FloatCodec):
        return _Double()
    if isinstance(codec, DateTimeCodec):
        return _Moment(dialect)
    if codec.field.is_textual or codec.field.type in (FieldType.CHOICE, FieldType.USER):
        return _Text(dialect)
    return _Domain()


# Rules


class _RuleCompiler:
    """Turns each comparison of a condition into a two-valued clause over one table."""

    def __init__(self, storage: EntityStorage, dialect: str, now: datetime, timezone: tzinfo) -> None:
        self.storage = storage
        self.dialect = dialect
        self.now = now
        self.timezone = timezone

    def clause(self, rule: ConditionRule) -> Clause:
        """The clause of one comparison."""
        field, column, codec = self._resolve(rule)
        try:
            value = convert_value(rule, field, self.timezone)
        except lit.LiteralError as error:
            raise SqlConditionError(f"{error.code} for field {field.id!r}") from None
        if rule.operator in (Op.NULL, Op.NOT_NULL):
            holds = _holds_value(column, field, self.dialect)
            return holds if rule.operator is Op.NOT_NULL else not_(holds)
        if rule.operator is Op.CONTAINS and field.type is FieldType.MULTICHOICE:
            return _option_selected(column, value, self.dialect)
        if rule.operator in (Op.CONTAINS, Op.BEGINS_WITH):
            return _text_match(column, rule.operator, value, self.dialect)
        if rule.operator in (Op.WITHIN_LAST, Op.OLDER_THAN):
            return self._recency(column, field, codec, rule.operator, value.as_timedelta())
        return _compare(column, _domain(codec, self.dialect), rule.operator, value)

    def _resolve(self, rule: ConditionRule) -> tuple[Field, Any, Codec]:
        """The field, column and codec a rule compares, checked against what the field accepts."""
        entity = self.storage.entity
        field = entity.field(rule.field)
        column = self.storage.table.c.get(rule.field)
        codec = self.storage.codecs.get(rule.field)
        if field is None or column is None or codec is None:
            raise SqlConditionError(f"unknown field {rule.field!r} of entity {entity.id!r}")
        if not operator_allowed(lit.value_kind(field), rule.operator):
            raise SqlConditionError(f"operator {rule.operator.value!r} does not apply to field {field.id!r}")
        return field, column, codec

    def _recency(self, column, field: Field, codec: Codec, operator_: Op, span: timedelta) -> Clause:
        """withinLast / olderThan: relative to today in the app's time zone (dates) or to `now` (datetimes)."""
        end: date | datetime = self.now.astimezone(self.timezone).date() if field.type is FieldType.DATE else self.now
        start = end - span
        domain = _domain(codec, self.dialect)
        if operator_ is Op.OLDER_THAN:
            return _compare(column, domain, Op.LT, start)
        return _compare(column, domain, Op.BETWEEN, (start, end))


def _present(column) -> Clause:
    """The column holds a value (always true for NOT NULL columns)."""
    return column.is_not(None) if getattr(column, "nullable", True) else true()  # a masked value may be NULL


def _holds_value(column, field: Field, dialect: str) -> Clause:
    """The record has a value for the field (an empty multichoice has none), as predicates see it."""
    return _options_present(column, dialect) if field.type is FieldType.MULTICHOICE else _present(column)


def _bind(column, value: Any):
    """A bound parameter of the column's type."""
    return literal(value, column.type)


def _compare(column, domain: _Domain, operator_: Op, value: Any) -> Clause:
    """=, !=, <, <=, >, >=, in, notIn and between, with literals mapped onto stored values."""
    if operator_ in (Op.EQ, Op.NE):
        stored = domain.exact(value)
        equal = false() if stored is None else and_(_present(column), column == _bind(column, stored))
        return equal if operator_ is Op.EQ else not_(equal)
    if operator_ in (Op.IN, Op.NOT_IN):
        members = [stored for stored in dict.fromkeys(map(domain.exact, value)) if stored is not None]
        member = and_(_present(column), column.in_(members)) if members else false()
        return member if operator_ is Op.IN else not_(member)
    if operator_ is Op.BETWEEN:
        low, high = value
        return and_(_present(column), _order(column, Op.GE, low, domain), _order(column, Op.LE, high, domain))
    return and_(_present(column), _order(column, operator_, value, domain))


def _order(column, operator_: Op, value: Any, domain: _Domain) -> Clause:
    """column <op> value for a present value: < and >= meet the ceiling of the literal, <= and > its floor."""
    bound = domain.ceiling(value) if operator_ in (Op.LT, Op.GE) else domain.floor(value)
    if isinstance(bound, _Beyond):
        below = operator_ in (Op.LT, Op.LE)
        return true() if below == (bound is _Beyond.ABOVE) else false()
    return _COMPARE[operator_](column, _bind(column, bound))


def _text_match(column, operator_: Op, needle: str, dialect: str) -> Clause:
    """Case-sensitive substring or prefix test by the needle's first position (instr/strpos), never LIKE."""
    if dialect == "postgresql" and "\x00" in needle:
        return false()
    # Unlike substr, instr compares bytes past a NUL, which SQLite text may hold.
    position = func.instr(column, needle) if dialect == "sqlite" else func.strpos(column, needle)
    return and_(_present(column), position == 1 if operator_ is Op.BEGINS_WITH else position > 0)


def _option_selected(column, option: str, dialect: str) -> Clause:
    """A multichoice array holds the option."""
    if dialect == "postgresql":
        return and_(_present(column), type_coerce(column, JSONB()).contains([option]))
    elements = func.json_each(column).table_valued("value")
    return select(elements.c.value).where(elements.c.value == option).exists()


def _options_present(column, dialect: str) -> Clause:
    """A multichoice holds at least one option (SQL NULL, JSON null and [] are all empty)."""
    if dialect == "postgresql":
        is_array = func.jsonb_typeof(column) == "array"
        nonempty = and_(is_array, column != literal([], JSONB()))
        return func.coalesce(nonempty, false(), type_=Boolean())
    return func.coalesce(func.json_array_length(column), 0) > 0


__all__ = ["DIALECTS", "SqlConditionError", "condition_clause"]
