"""Choice options from `enum` (+ `enumNames`) or `oneOf`/`anyOf` lists of `const` + `title`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.schema_import.naming import IdAllocator
from builder.schema_import.texts import label_text


@dataclass(frozen=True)
class Choices:
    """The option values of a schema, their labels, and which keywords said so."""

    values: tuple[str, ...]
    labels: tuple[str | None, ...]
    keywords: frozenset[str]


def _const_list(items: Any) -> list[tuple[str, Any]] | None:
    """(value, title) pairs of a list of `{"const", "title"}` schemas; None when it is not such a list."""
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        return None
    pairs = []
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("const"), str):
            return None
        if set(item) - {"const", "title", "description", "type"}:
            return None
        pairs.append((item["const"], item.get("title")))
    return pairs


def choices_of(schema: Mapping[str, Any], ui: Mapping[str, Any]) -> Choices | None:
    """The choices a schema offers, or None when it is not a list of string values (null is skipped)."""
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        kept = [(index, value) for index, value in enumerate(enum) if value is not None]
        if not kept or not all(isinstance(value, str) for _, value in kept):
            return None
        names = schema.get("enumNames", ui.get("ui:enumNames"))
        names = names if isinstance(names, list) else []
        labels = tuple(names[index] if index < len(names) else None for index, _ in kept)
        keywords = {"enum"} | ({"enumNames"} if "enumNames" in schema else set())
        return Choices(tuple(value for _, value in kept), labels, frozenset(keywords))
    for keyword in ("oneOf", "anyOf"):
        pairs = _const_list(schema.get(keyword))
        if pairs is not None:
            return Choices(tuple(v for v, _ in pairs), tuple(t for _, t in pairs), frozenset({keyword}))
    return None


def build_options(choices: Choices) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Options with valid, unique ids (labels from the titles, else the values) and the value → option id map."""
    ids = IdAllocator("option")
    options, value_map = [], {}
    for value, title in zip(choices.values, choices.labels, strict=True):
        if value in value_map:
            continue
        option_id = ids.allocate(value)
        options.append({"id": option_id, "label": label_text(title, value) or option_id})
        value_map[value] = option_id
    return options, value_map
