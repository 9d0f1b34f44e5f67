"""A record form preview for a draft that may be invalid: what can be compiled, with the validation report.

>>> amount = {"id": "amount", "type": "money", "label": "Amount"}  # no currency: left out
>>> name = {"id": "name", "type": "text", "label": "Name"}
>>> deal = {"id": "deal", "label": "Deal", "fields": [name, amount]}
>>> preview = form_preview({"format_version": 1, "id": "x", "label": "X", "entities": [deal]}, "deal", "en")
>>> list(preview["schema"]["properties"]), preview["validation"]["problems"][0]["path"]
(['name'], '/entities/0/fields/1/currency')
"""

from __future__ import annotations

from typing import Any

from builder.compile.forms import form_ui_schema
from builder.compile.records import record_input_schema, writable_fields
from builder.model import AppDefinition
from builder.model.parse import build_model
from builder.validation import validate_definition
from builder.validation.schema_layer import schema_problems

LANGUAGES = ("zh", "en")


def form_preview(document: Any, entity_id: str, language: str, form_id: str | None = None) -> dict[str, Any]:
    """{"entity", "form", "schema", "uiSchema", "validation"}; schema and uiSchema null when there is no such entity."""
    report = validate_definition(document)
    answer: dict[str, Any] = {"entity": entity_id, "form": None, "schema": None, "uiSchema": None}
    model = report.model or _lenient_model(document)
    entity = next((entity for entity in model.entities if entity.id == entity_id), None) if model else None
    if entity is not None:
        forms = [form for form in model.forms if form.entity == entity_id]
        form = next((form for form in forms if form.id == form_id), forms[0] if forms else None)
        schema = record_input_schema(entity)
        for field in writable_fields(entity):
            if field.default is not None:
                schema["properties"][field.id]["default"] = field.default
        answer |= {
            "form": form.id if form else None,
            "schema": schema,
            "uiSchema": form_ui_schema(entity, form, language),
        }
    return answer | {"validation": report.to_json()}


def _lenient_model(document: Any) -> AppDefinition | None:
    """The typed model of the parts that can be built (fields with schema errors are left out)."""
    if not isinstance(document, dict):
        return None
    structural = schema_problems(document)
    return build_model(
        document, (problem.path for problem in structural if problem.code != "schema.unknown_property")
    ).model
