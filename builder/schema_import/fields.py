"""One Dabble field from one leaf property of a JSON Schema (string, number, boolean, enum array)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from builder.schema_import.keywords import note_rest, schema_types
from builder.schema_import.options import build_options, choices_of
from builder.schema_import.refs import Node
from builder.schema_import.result import Unsupported
from builder.schema_import.texts import help_text, label_text

TEXT_MAX_LENGTH = 200
FORMATS = {"email": "email", "idn-email": "email", "uri": "url", "iri": "url", "date": "date", "date-time": "datetime"}
_COMMON = ("type", "title", "description", "default", "readOnly")


@dataclass
class Leaf:
    """A field being built, the keywords it used, and the value → option id map of a choice."""

    field: dict[str, Any]
    used: set[str] = field(default_factory=set)
    value_map: dict[str, str] | None = None


def _number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _choice(node: Node, ui: Mapping[str, Any], kind: str, schema: Mapping[str, Any]) -> Leaf | None:
    choices = choices_of(schema, ui)
    if choices is None:
        return None
    options, value_map = build_options(choices)
    return Leaf({"type": kind, "options": options}, set(choices.keywords), value_map)


def _string(node: Node, ui: Mapping[str, Any]) -> Leaf:
    schema = node.schema
    choice = _choice(node, ui, "choice", schema)
    if choice is not None:
        return choice
    leaf = Leaf({"type": FORMATS.get(schema.get("format"), "text")})
    if leaf.field["type"] != "text":
        leaf.used.add("format")
    max_length = schema.get("maxLength")
    if leaf.field["type"] == "text":
        if ui.get("ui:widget") == "textarea" or (type(max_length) is int and max_length > TEXT_MAX_LENGTH):
            leaf.field["type"] = "longtext"
        if type(max_length) is int and 1 <= max_length <= 100_000:
            leaf.field["max_length"] = max_length
            leaf.used.add("maxLength")
    return leaf


def _bound(schema: Mapping[str, Any], keyword: str, exclusive: str, integer: bool, leaf: Leaf) -> None:
    """`min`/`max` from `minimum`/`maximum`, and from exclusive bounds where the conversion is exact."""
    lower = keyword == "minimum"
    target = "min" if lower else "max"
    value, strict = schema.get(keyword), schema.get(exclusive)
    if _number(value):
        if strict is True:  # draft-04 style: a boolean beside the bound
            if not integer:
                return
            leaf.used.add(exclusive)
            value = math.floor(value) + 1 if lower else math.ceil(value) - 1
        elif integer:
            value = math.ceil(value) if lower else math.floor(value)
        leaf.field[target] = value
        leaf.used.add(keyword)
    if _number(strict) and integer:
        exact = math.floor(strict) + 1 if lower else math.ceil(strict) - 1
        current = leaf.field.get(target)
        leaf.field[target] = exact if current is None else (max if lower else min)(current, exact)
        leaf.used.add(exclusive)


def _numeric(node: Node, integer: bool) -> Leaf:
    leaf = Leaf({"type": "integer" if integer else "number"})
    _bound(node.schema, "minimum", "exclusiveMinimum", integer, leaf)
    _bound(node.schema, "maximum", "exclusiveMaximum", integer, leaf)
    step = node.schema.get("multipleOf")
    if _number(step) and integer and step == 1:
        leaf.used.add("multipleOf")
    elif _number(step) and not integer:
        exponent = Decimal(str(step)).normalize().as_tuple()
        if exponent.digits == (1,) and isinstance(exponent.exponent, int) and -10 <= exponent.exponent <= 0:
            leaf.field["scale"] = -exponent.exponent  # 0.01 → two decimal places, exactly
            leaf.used.add("multipleOf")
    return leaf


def _array(node: Node, ui: Mapping[str, Any], notes: list[Unsupported], entity_id: str, name: str) -> Leaf | None:
    items = node.schema.get("items")
    leaf = _choice(node, ui, "multichoice", items) if isinstance(items, Mapping) else None
    if leaf is None:
        objects = isinstance(items, Mapping) and ("properties" in items or items.get("type") == "object")
        reason = (
            f"an array of objects: Dabble records are flat; make a child entity for '{name}' "
            f"with a ref field to '{entity_id}'"
            if objects
            else "a list of values: only a list of enum strings (a multichoice) is supported"
        )
        notes.append(Unsupported("items", node.at("items"), reason))
        return None
    leaf.used = {"items", "type"} | ({"uniqueItems"} if node.schema.get("uniqueItems") is True else set())
    return leaf


def leaf_field(node: Node, ui: Mapping[str, Any], name: str, notes: list[Unsupported], entity_id: str) -> Leaf | None:
    """The field a property becomes (without id), or None when it becomes none (the reason is noted)."""
    types = schema_types(node)
    kind = types[0] if len(types) == 1 else None
    if kind is None and not types and choices_of(node.schema, ui) is not None:
        kind = "string"
    if kind is None or kind not in ("string", "integer", "number", "boolean", "array"):
        where = "type" if "type" in node.schema else next(iter(node.schema), "type")
        reason = "a field needs exactly one of string, number, integer, boolean"
        notes.append(Unsupported(where, node.at(where), reason))
        return None
    if kind == "array":
        leaf = _array(node, ui, notes, entity_id, name)
    elif kind == "string":
        leaf = _string(node, ui)
    elif kind == "boolean":
        leaf = Leaf({"type": "boolean"})
    else:
        leaf = _numeric(node, integer=kind == "integer")
    if leaf is None:
        return None
    leaf.used |= set(_COMMON) - {"default", "readOnly"}
    leaf.field["label"] = label_text(ui.get("ui:title"), node.schema.get("title"), name)
    help_value = help_text(node.schema.get("description"), ui.get("ui:description"), ui.get("ui:help"))
    if help_value:
        leaf.field["help"] = help_value
    if node.schema.get("readOnly") is True or ui.get("ui:readonly") is True or ui.get("ui:disabled") is True:
        leaf.field["read_only"] = True
        leaf.used.add("readOnly")
    if "default" in node.schema:
        leaf.field["default"] = _mapped_default(node.schema["default"], leaf.value_map)
        leaf.used.add("default")
    note_rest(node, leaf.used, notes)
    return leaf


def _mapped_default(value: Any, value_map: dict[str, str] | None) -> Any:
    """A default in option ids when the field has options."""
    if value_map is None:
        return value
    if isinstance(value, list):
        return [value_map.get(item, item) if isinstance(item, str) else item for item in value]
    return value_map.get(value, value) if isinstance(value, str) else value
