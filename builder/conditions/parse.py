"""Turn the JSON form of a condition into typed objects, skipping malformed parts."""

from __future__ import annotations

from typing import Any

from builder.conditions.ast import (
    Combinator,
    Condition,
    ConditionGroup,
    ConditionRule,
    DefinitionReference,
    Operator,
)

_OPERATORS = {operator.value: operator for operator in Operator}
_AND, _OR = Combinator.AND, Combinator.OR  # enum members are slow to look up on their class
MAX_NESTING = 20


class ConditionTooDeep(ValueError):
    """Groups nested more than MAX_NESTING deep."""


def parse_condition(raw: Any, path: str) -> ConditionGroup | None:
    """Parse a top-level condition (always a group); None when it is not a group at all."""
    try:
        parsed = _parse_item(raw, path, 1)
    except ConditionTooDeep:
        raise ConditionTooDeep(path) from None
    return parsed if isinstance(parsed, ConditionGroup) else None


def _parse_item(raw: Any, path: str, depth: int) -> Condition | None:
    if not isinstance(raw, dict):
        return None
    if "rules" in raw:
        return _parse_group(raw, path, depth)
    if "definition" in raw:
        definition = raw["definition"]
        return DefinitionReference(definition=definition, path=path) if isinstance(definition, str) else None
    field_id, operator_name = raw.get("field"), raw.get("operator")
    operator = _OPERATORS.get(operator_name) if type(operator_name) is str else None
    if type(field_id) is not str or operator is None:
        return None
    return ConditionRule(field=field_id, operator=operator, value=raw.get("value"), path=path)


def _parse_group(raw: dict[str, Any], path: str, depth: int) -> ConditionGroup | None:
    items = raw["rules"]
    if not isinstance(items, list):
        return None
    if depth > MAX_NESTING:
        raise ConditionTooDeep(path)
    combinator = _OR if raw.get("combinator") == "or" else _AND
    prefix, depth = f"{path}/rules/", depth + 1
    rules = []
    for index, item in enumerate(items):
        if (parsed := _parse_item(item, f"{prefix}{index}", depth)) is not None:
            rules.append(parsed)
    return ConditionGroup(combinator=combinator, rules=tuple(rules), negated=raw.get("not") is True, path=path)
