"""Model values in their JSON form, so a diff compares and reports what the document says."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from enum import Enum
from typing import Any

from builder.conditions.ast import ConditionGroup, ConditionRule, DefinitionReference
from builder.diff.model import PropertyChange
from builder.model.common import Duration, Label

_SKIPPED = frozenset({"path"})


def plain(value: Any) -> Any:
    """The JSON form of a model value: labels, conditions, enums, durations and parts of the model."""
    if value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Label):
        return value.plain if value.plain is not None else {k: v for k, v in (("zh", value.zh), ("en", value.en)) if v}
    if isinstance(value, ConditionGroup):
        group: dict[str, Any] = {"combinator": value.combinator.value, "rules": [plain(item) for item in value.rules]}
        return group | ({"not": True} if value.negated else {})
    if isinstance(value, ConditionRule):
        return {"field": value.field, "operator": value.operator.value, "value": plain(value.value)}
    if isinstance(value, DefinitionReference):
        return {"definition": value.definition}
    if isinstance(value, Duration):
        return {"amount": value.amount, "unit": value.unit.value}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        return _plain_part(value)
    return value


def _plain_part(part: Any) -> dict[str, Any]:
    """A part of the model as an object of the properties it sets (defaults left out), with its kind."""
    data: dict[str, Any] = {}
    kind = getattr(type(part), "kind", None)
    if isinstance(kind, Enum):
        data["kind"] = kind.value
    for item in dataclasses.fields(part):
        if item.name in _SKIPPED or item.name.startswith("_"):
            continue
        value = getattr(part, item.name)
        if item.default is not dataclasses.MISSING and value is item.default:
            continue
        if item.default is not dataclasses.MISSING and value == item.default:
            continue
        data[item.name] = plain(value)
    return data


def property_changes(old: Any, new: Any, names: Iterable[str]) -> tuple[PropertyChange, ...]:
    """The named properties whose JSON forms differ between two versions of a part, down to the leaf that changed."""
    changes: list[PropertyChange] = []
    for name in names:
        changes += _leaf_changes(name, plain(getattr(old, name, None)), plain(getattr(new, name, None)))
    return tuple(changes)


def _leaf_changes(name: str, before: Any, after: Any) -> list[PropertyChange]:
    """`trigger.after` 72 hours → 48 hours rather than the whole trigger; labels and conditions stay whole."""
    if before == after:
        return []
    if _is_record(before) and _is_record(after) and before.get("kind") == after.get("kind"):
        keys = list(before) + [key for key in after if key not in before]
        return [item for key in keys for item in _leaf_changes(f"{name}.{key}", before.get(key), after.get(key))]
    lists = isinstance(before, list) and isinstance(after, list) and len(before) == len(after)
    if lists and all(_is_record(item) for item in before + after):
        pairs = enumerate(zip(before, after, strict=True))
        return [item for index, (was, now) in pairs for item in _leaf_changes(f"{name}.{index}", was, now)]
    return [PropertyChange(name, before, after)]


def _is_record(value: Any) -> bool:
    """A JSON object that is a part of the model, not a label, condition or duration (those are shown whole)."""
    if not isinstance(value, dict) or is_label(value) or is_condition(value):
        return False
    return set(value) != {"amount", "unit"}


def is_label(value: Any) -> bool:
    """Whether a JSON value is a per-language label."""
    return isinstance(value, dict) and bool(value) and set(value) <= {"zh", "en"}


def is_condition(value: Any) -> bool:
    """Whether a JSON value is a condition group."""
    return isinstance(value, dict) and "combinator" in value and "rules" in value


def own_properties(part: Any, *left_out: str) -> tuple[str, ...]:
    """The names of a part's properties (not its id, path or private index), for a property-by-property diff."""
    skipped = _SKIPPED | {"id", *left_out}
    names = tuple(item.name for item in dataclasses.fields(part))
    return ("kind", *(name for name in names if name not in skipped and not name.startswith("_")))
