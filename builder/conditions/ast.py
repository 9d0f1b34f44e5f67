"""The condition language as typed objects (react-querybuilder shape, DESIGN.md decision 4)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Operator(StrEnum):
    """Comparison operators of a condition rule."""

    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    NOT_IN = "notIn"
    BETWEEN = "between"
    CONTAINS = "contains"
    BEGINS_WITH = "beginsWith"
    NULL = "null"
    NOT_NULL = "notNull"
    WITHIN_LAST = "withinLast"
    OLDER_THAN = "olderThan"


VALUELESS_OPERATORS = frozenset({Operator.NULL, Operator.NOT_NULL})
ORDER_OPERATORS = frozenset({Operator.LT, Operator.LE, Operator.GT, Operator.GE})


class Combinator(StrEnum):
    """How the rules of a group combine."""

    AND = "and"
    OR = "or"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConditionRule:
    """A comparison of one field with a literal value: amount >= 50000."""

    field: str
    operator: Operator
    value: Any = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class DefinitionReference:
    """A named semantic definition used as a condition: {"definition": "valid_lead"}."""

    definition: str
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConditionGroup:
    """Rules joined by and/or, optionally negated; an empty 'and' holds, an empty 'or' does not."""

    combinator: Combinator
    rules: tuple[Condition, ...]
    negated: bool = False
    path: str = dataclasses.field(default="", compare=False)


Condition = ConditionGroup | ConditionRule | DefinitionReference


def iter_rules(condition: Condition):
    """Yield every rule and definition reference inside a condition, depth first."""
    if not isinstance(condition, ConditionGroup):
        yield condition
        return
    for item in condition.rules:
        if isinstance(item, ConditionGroup):
            yield from iter_rules(item)  # leaves are yielded here, sparing a generator each
        else:
            yield item


def referenced_definitions(condition: Condition) -> set[str]:
    """The definition ids a condition uses directly."""
    return {item.definition for item in iter_rules(condition) if isinstance(item, DefinitionReference)}
