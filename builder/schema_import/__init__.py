"""Import a JSON Schema form (draft-07 or 2020-12, optional react-jsonschema-form uiSchema) as a Dabble entity.

>>> result = form_to_entity({"type": "object", "properties": {"name": {"type": "string", "title": "Name"}}})
>>> [field["id"] for field in result.entity["fields"]]
['name']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.schema_import.checks import drop_invalid_defaults
from builder.schema_import.convert import FormWalker, Section, root_node
from builder.schema_import.naming import ENTITY_RESERVED, IdAllocator
from builder.schema_import.result import SchemaImport, SchemaImportError, Unsupported
from builder.schema_import.texts import help_text, label_text

TITLE_TYPES = ("text", "email", "phone", "url")


def _entity_id(schema: Mapping[str, Any], entity_id: str | None) -> str:
    if entity_id is not None:
        return entity_id
    return IdAllocator("record", ENTITY_RESERVED, "_record").claim(
        IdAllocator("record").part(str(schema.get("title") or "record"))
    )


def _title_field(fields: list[dict[str, Any]]) -> str | None:
    candidates = [field for field in fields if field["type"] in TITLE_TYPES]
    required = [field for field in candidates if field.get("required")]
    return (required or candidates or [{"id": None}])[0]["id"]


def form_to_entity(
    schema: Any, ui_schema: Mapping[str, Any] | None = None, *, entity_id: str | None = None
) -> SchemaImport:
    """Turn a JSON Schema object form into an entity, its form, the unsupported keywords and the field map."""
    resolver, root = root_node(schema)
    ui = ui_schema if isinstance(ui_schema, Mapping) else {}
    if ui_schema is not None and not isinstance(ui_schema, Mapping):
        raise SchemaImportError("a uiSchema must be a JSON object")
    entity_id = _entity_id(root.schema, entity_id)
    walker = FormWalker(resolver, entity_id)
    walker.walk(root, ui, (), "", Section(walker.section_ids.claim("main"), None, _root_columns(ui)))
    if not walker.fields:
        raise SchemaImportError("no property of the schema can become a field")
    label = label_text(ui.get("ui:title"), root.schema.get("title"), entity_id) or entity_id
    entity: dict[str, Any] = {"id": entity_id, "label": label}
    description = help_text(root.schema.get("description"))
    if description:
        entity["description"] = description
    title_field = _title_field(walker.fields)
    if title_field:
        entity["title_field"] = title_field
    entity["fields"] = walker.fields
    form = {"id": f"{entity_id[:35]}_form", "entity": entity_id, "label": label, "sections": walker.form_sections()}
    result = SchemaImport(entity, form, (), walker.field_paths, walker.option_values)
    notes = walker.notes
    drop_invalid_defaults(result.app_definition(), walker.default_pointers, notes)
    return SchemaImport(entity, form, tuple(notes), walker.field_paths, walker.option_values)


def _root_columns(ui: Mapping[str, Any]) -> int:
    options = ui.get("ui:options")
    columns = options.get("columns") if isinstance(options, Mapping) else None
    return columns if type(columns) is int and 1 <= columns <= 4 else 1


__all__ = ["SchemaImport", "SchemaImportError", "Unsupported", "form_to_entity"]
