"""The uiSchema of an entity's record form for react-jsonschema-form: sections, columns, labels and widgets.

The data schema is `record_input_schema` (builder.compile.records); this module adds the presentation, in one
language, kept apart from it as react-jsonschema-form expects (data schema, uiSchema and theme are three inputs).

>>> from builder import parse_definition
>>> model = parse_definition({
...     "format_version": 1, "id": "leads", "label": "Leads",
...     "entities": [{"id": "lead", "label": {"zh": "线索", "en": "Lead"}, "fields": [
...         {"id": "name", "label": {"zh": "名称", "en": "Name"}, "type": "text"},
...         {"id": "notes", "label": "Notes", "type": "longtext"}]}],
...     "forms": [{"id": "f", "entity": "lead", "sections": [{"id": "main", "columns": 2, "fields": ["name"]}]}],
... })
>>> ui = form_ui_schema(model.entities[0], model.forms[0], "zh")
>>> ui["name"]["ui:title"], ui["notes"]["ui:widget"], ui["ui:options"]["sections"][0]["columns"]
('名称', 'hidden', 2)
"""

from __future__ import annotations

from typing import Any

from builder.compile.records import writable_fields
from builder.model import Entity, Field, FieldType
from builder.model.app import Form
from builder.model.common import Label

# react-jsonschema-form widget per field type (types not listed use the default widget of their JSON type).
WIDGETS: dict[FieldType, str] = {
    FieldType.LONGTEXT: "textarea",
    FieldType.EMAIL: "email",
    FieldType.URL: "uri",
    FieldType.INTEGER: "updown",
    FieldType.NUMBER: "updown",
    FieldType.MONEY: "updown",
    FieldType.PERCENT: "updown",
    FieldType.RATING: "updown",
    FieldType.REF: "updown",
    FieldType.BOOLEAN: "checkbox",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.CHOICE: "select",
    FieldType.MULTICHOICE: "checkboxes",
}
EMPTY_OPTION = "—"
DEFAULT_SECTION_ID = "main"


def form_ui_schema(entity: Entity, form: Form | None, language: str) -> dict[str, Any]:
    """The uiSchema of the entity's form (all writable fields in one section when there is no form)."""
    fields = writable_fields(entity)
    writable = {field.id for field in fields}
    sections = _sections(entity, form, writable, language)
    placed = [field_id for section in sections for field_id in section["fields"]]
    ui: dict[str, Any] = {
        "ui:order": [*placed, "*"],
        "ui:options": {"sections": sections, "form": form.id if form else None, "entity": entity.id},
    }
    for field in fields:
        ui[field.id] = field_ui_schema(field, language, hidden=field.id not in placed)
    return ui


def field_ui_schema(field: Field, language: str, *, hidden: bool = False) -> dict[str, Any]:
    """How one field is shown: its label and help in the language, its widget and Dabble's own hints."""
    ui: dict[str, Any] = {"ui:title": field.label.text(language)}
    if field.help is not None:
        ui["ui:description"] = field.help.text(language)
    hints: dict[str, Any] = {"type": field.type.value}
    if field.currency:
        hints["currency"] = field.currency
    if field.target_entity:
        hints["entity"] = field.target_entity
    ui["ui:options"] = {"dabble": hints}
    if field.type is FieldType.PHONE:
        ui["ui:options"]["inputType"] = "tel"
    if hidden:
        ui["ui:widget"] = "hidden"
        return ui
    widget = WIDGETS.get(field.type)
    if widget:
        ui["ui:widget"] = widget
    option_names = {option.id: option.label.text(language) for option in field.options}
    if field.type is FieldType.CHOICE:
        ui["ui:enumNames"] = option_names | {"null": EMPTY_OPTION}
    elif field.type is FieldType.MULTICHOICE:
        ui["items"] = {"ui:enumNames": option_names}
    return ui


def _sections(entity: Entity, form: Form | None, writable: set[str], language: str) -> list[dict[str, Any]]:
    if form is None:
        fields = [field.id for field in entity.fields if field.id in writable]
        return [{"id": DEFAULT_SECTION_ID, "title": None, "columns": 1, "fields": fields}]
    sections = []
    seen: set[str] = set()
    for section in form.sections:
        fields = [field_id for field_id in section.fields if field_id in writable and field_id not in seen]
        seen.update(fields)
        sections.append(
            {"id": section.id, "title": _text(section.label, language), "columns": section.columns, "fields": fields}
        )
    return sections


def _text(label: Label | None, language: str) -> str | None:
    return None if label is None else label.text(language)
