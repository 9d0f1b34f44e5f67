"""Entities, their fields, a form and a table view per entity, as the definition writes them."""

from __future__ import annotations

from typing import Any

from builder.model.fields import FieldType
from voice_intake.drafting.draft_fields import DraftEntity, DraftField
from voice_intake.drafting.texts import Text

TABLE_COLUMNS = 6


def field_json(draft_field: DraftField) -> dict[str, Any]:
    """A field with the properties its type needs: currency and bounds, options, the ref target."""
    made: dict[str, Any] = {"id": draft_field.id, "type": draft_field.type.value, "label": draft_field.label.to_json()}
    if draft_field.required:
        made["required"] = True
    if draft_field.type is FieldType.MONEY:
        made["currency"] = draft_field.currency or "CNY"
        made["min"] = 0
    elif draft_field.type is FieldType.PERCENT:
        made["min"], made["max"] = 0, 100
    elif draft_field.type is FieldType.INTEGER:
        made["min"] = 0
    elif draft_field.type is FieldType.BOOLEAN:
        made["default"] = False
    elif draft_field.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
        made["options"] = [option.to_json() for option in draft_field.options]
    elif draft_field.type is FieldType.REF:
        made["entity"] = draft_field.ref_entity
    if draft_field.visibility is not None:
        made["visibility"] = draft_field.visibility.value
    return made


def entity_json(entity: DraftEntity) -> dict[str, Any]:
    """An entity with all its fields and its title field."""
    made: dict[str, Any] = {"id": entity.id, "label": entity.label.to_json()}
    title = entity.title_field()
    if title is not None:
        made["title_field"] = title.id
    made["fields"] = [field_json(draft_field) for draft_field in entity.fields]
    return made


def form_json(form_id: str, entity: DraftEntity, fields: list[DraftField]) -> dict[str, Any]:
    """A two-column form with every field of the entity."""
    label = Text.both(f"{entity.label.get('zh')}表单", f"{entity.label.get('en')} form")
    return {
        "id": form_id,
        "entity": entity.id,
        "label": label.to_json(),
        "sections": [{"id": "main", "columns": 2, "fields": [draft_field.id for draft_field in fields]}],
    }


def table_json(view_id: str, entity: DraftEntity) -> dict[str, Any]:
    """A list of the entity's records: its first fields and the owner."""
    label = Text.both(f"{entity.label.get('zh')}列表", f"{entity.label.get('en')} list")
    columns = [f.id for f in entity.fields if f.type is not FieldType.LONGTEXT][:TABLE_COLUMNS]
    return {
        "id": view_id,
        "kind": "table",
        "label": label.to_json(),
        "entity": entity.id,
        "columns": [*columns, "owner"],
    }
