"""JSON Schemas (draft-07) for the records of an entity: what the API accepts and what it returns."""

# The same schemas drive react-jsonschema-form in the designer and the record validator of the
# runtime (compiled once per app version). Checks JSON Schema cannot express (real calendar
# dates, decimal places, existing ref targets, uniqueness) are made by the runtime after it.

from __future__ import annotations

from fractions import Fraction
from typing import Any

from builder.conditions.literals import USER_PATTERN
from builder.field_values import EMAIL_PATTERN, PHONE_PATTERN, URL_PATTERN
from builder.model import Entity, Field, FieldType
from builder.model.fields import SYSTEM_FIELDS

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
SAFE_INTEGER = 2**53 - 1  # the largest whole number every JSON client reads exactly
MAX_RECORD_ID = SAFE_INTEGER


def writable_fields(entity: Entity) -> list[Field]:
    """The fields a client may set: own fields that are neither computed nor read-only."""
    return [field for field in entity.fields if field.type is not FieldType.COMPUTED and not field.read_only]


def record_input_schema(entity: Entity, *, partial: bool = False) -> dict[str, Any]:
    """What a create (partial=False) or update (partial=True, with row_version) request may hold."""
    properties = {field.id: value_schema(field, nullable=not field.required) for field in writable_fields(entity)}
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": entity.label.text("en"),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if partial:
        properties["row_version"] = {"type": "integer", "minimum": 1}
        schema["required"] = ["row_version"]
    else:
        required = [field.id for field in writable_fields(entity) if field.needs_input]
        if required:
            schema["required"] = required
    return schema


def record_output_schema(entity: Entity) -> dict[str, Any]:
    """A record as the API returns it: every field (null when empty) and the system fields."""
    properties: dict[str, Any] = {field.id: value_schema(field, nullable=False) for field in SYSTEM_FIELDS}
    properties["id"] = {"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID}
    properties["row_version"] = {"type": "integer", "minimum": 1}
    for field in entity.fields:
        properties[field.id] = value_schema(field, nullable=True)
    return {"type": "object", "properties": properties, "required": sorted(properties), "additionalProperties": False}


def value_schema(field: Field, *, nullable: bool) -> dict[str, Any]:
    """The JSON Schema of one field's value."""
    schema = _base_schema(field)
    schema["title"] = field.label.text("en")
    if field.help is not None:
        schema["description"] = field.help.text("en")
    if not nullable:
        return schema
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    else:
        schema["type"] = [schema["type"], "null"]
    return schema


def _base_schema(field: Field) -> dict[str, Any]:
    kind = field.type
    if kind is FieldType.EMAIL:
        return {"type": "string", "maxLength": field.effective_max_length, "pattern": EMAIL_PATTERN}
    if kind is FieldType.PHONE:
        return {"type": "string", "maxLength": field.effective_max_length, "pattern": PHONE_PATTERN}
    if kind is FieldType.URL:
        return {"type": "string", "maxLength": field.effective_max_length, "pattern": URL_PATTERN}
    if field.is_textual:
        return {"type": "string", "minLength": 1, "maxLength": field.effective_max_length}
    if kind is FieldType.BOOLEAN:
        return {"type": "boolean"}
    if kind is FieldType.DATE:
        return {"type": "string", "pattern": DATE_PATTERN}
    if kind is FieldType.DATETIME:
        return {"type": "string", "pattern": DATETIME_PATTERN}
    if kind is FieldType.CHOICE:
        return {"enum": list(field.option_ids)}
    if kind is FieldType.MULTICHOICE:
        return {
            "type": "array",
            "items": {"enum": list(field.option_ids)},
            "uniqueItems": True,
            "maxItems": len(field.options),
        }
    if kind is FieldType.USER:
        return {"type": "string", "pattern": USER_PATTERN}
    if kind is FieldType.REF:
        return {"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID}
    return _number_schema(field)


def _number_schema(field: Field) -> dict[str, Any]:
    """Numbers within the field's bounds, and within what storage holds exactly (15 significant digits)."""
    scale = field.effective_scale
    limit = Fraction(SAFE_INTEGER) if scale == 0 else Fraction(10) ** (15 - (scale or 0))
    low = max(field.lower_bound, -limit) if field.lower_bound is not None else -limit
    high = min(field.upper_bound, limit) if field.upper_bound is not None else limit
    return {"type": "integer" if scale == 0 else "number", "minimum": _plain(low), "maximum": _plain(high)}


def _plain(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)
