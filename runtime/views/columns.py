"""What a view tells its client about each field it shows: id, label, type, and what the type needs to render."""

from __future__ import annotations

from typing import Any

from builder.model import Entity, Field, FieldType


def column_json(field: Field) -> dict[str, Any]:
    """One column: id, label, type, plus options, scale, currency or target entity when the type has them."""
    column: dict[str, Any] = {"id": field.id, "label": field.label.to_json(), "type": str(field.type)}
    if field.options:
        column["options"] = [
            {"id": option.id, "label": option.label.to_json()} | ({"color": option.color} if option.color else {})
            for option in field.options
        ]
    if field.is_numeric and field.effective_scale is not None:
        column["scale"] = field.effective_scale
    if field.currency:
        column["currency"] = field.currency
    if field.type is FieldType.REF:
        column["target_entity"] = field.target_entity
    if field.format:
        column["format"] = field.format
    return column


def columns_json(entity: Entity, field_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The columns of the fields named, in order (the validator made sure each exists)."""
    return [column_json(field) for field in (entity.field(field_id) for field_id in field_ids) if field is not None]


def shown_fields(entity: Entity, field_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The fields a view lists, or every own field when it lists none."""
    return field_ids or tuple(field.id for field in entity.fields)
