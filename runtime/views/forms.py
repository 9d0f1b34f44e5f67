"""The record forms of a live version for react-jsonschema-form: data schemas for a create and an update, uiSchema."""

from __future__ import annotations

from typing import Any

from builder.compile.forms import form_ui_schema
from builder.compile.records import record_input_schema
from runtime.records.session import AppSession

LANGUAGES = ("zh", "en")


def form_json(session: AppSession, entity_id: str, form_id: str | None, language: str) -> dict[str, Any]:
    """The entity's form (its first form, or the one named): create and update schemas, uiSchema in a language."""
    records = session.records(entity_id)
    entity = records.entity.storage.entity
    model = session.live.model
    forms = [form for form in model.forms if form.entity == entity_id]
    form = next((form for form in forms if form.id == form_id), None) if form_id else (forms[0] if forms else None)
    return {
        "entity": entity_id,
        "form": None if form is None else form.id,
        "forms": [{"id": item.id, "label": None if item.label is None else item.label.to_json()} for item in forms],
        "schema": record_input_schema(entity),
        "update_schema": record_input_schema(entity, partial=True),
        "uiSchema": form_ui_schema(entity, form, language),
    }
