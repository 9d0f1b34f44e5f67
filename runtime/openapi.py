"""OpenAPI 3.1 documents of published apps: what the records API really sends and accepts, errors in the one shape."""

from __future__ import annotations

import copy
from typing import Any

from builder.compile.records import (
    DATETIME_PATTERN,
    USER_PATTERN,
    record_input_schema,
    record_output_schema,
)
from builder.definition_schema import definition_schema
from builder.model import AppDefinition, Entity, FieldType, Visibility
from runtime.openapi_paths import SCHEMAS, bilingual, entity_paths, schema_names
from runtime.records.list_limits import MAX_PAGE, MAX_PAGE_SIZE

OPENAPI_VERSION = "3.1.0"
HISTORY_ACTIONS = ("create", "update", "delete", "restore")
# The condition language (filter=...) as the definition schema states it: its name there -> component name.
CONDITION_SCHEMAS = {
    "condition": "Condition",
    "condition_item": "ConditionItem",
    "condition_rule": "ConditionRule",
    "definition_reference": "DefinitionReference",
    "identifier": "Identifier",
}


def openapi_document(app_id: str, version: int, model: AppDefinition) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the records API of one published version of an app."""
    schemas = shared_schemas()
    paths: dict[str, Any] = {}
    for entity in model.entities:
        schemas.update(entity_schemas(entity))
        paths.update(entity_paths(app_id, entity))
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": model.label.text(model.default_language),
            "version": str(version),
            "description": _app_description(app_id, version, model),
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": entity.id, "description": _entity_description(entity)} for entity in model.entities],
        "paths": paths,
        "components": {"schemas": schemas},
    }


# -- schemas ---------------------------------------------------------------------------------------------


def to_2020_12(schema: Any, ref_names: dict[str, str] | None = None) -> Any:
    """A draft-07 schema as JSON Schema 2020-12 (OpenAPI 3.1), copied: no $schema, tuple items as prefixItems.

    >>> to_2020_12({"$schema": "x", "type": ["integer", "null"], "items": [{"type": "string"}], "const": {"items": []}})
    {'type': ['integer', 'null'], 'prefixItems': [{'type': 'string'}], 'const': {'items': []}}
    """
    if isinstance(schema, list):
        return [to_2020_12(item, ref_names) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$schema":
            continue
        if key in ("enum", "const", "default", "examples"):  # values, not schemas
            converted[key] = copy.deepcopy(value)
        elif key == "$ref" and ref_names is not None:
            converted[key] = SCHEMAS + ref_names[value.removeprefix("#/definitions/")]
        elif key == "items" and isinstance(value, list):
            converted["prefixItems"] = to_2020_12(value, ref_names)
        elif key == "additionalItems":
            converted["items"] = to_2020_12(value, ref_names)
        elif key in ("properties", "definitions", "patternProperties"):
            converted["$defs" if key == "definitions" else key] = {
                name: to_2020_12(item, ref_names) for name, item in value.items()
            }
        else:
            converted[key] = to_2020_12(value, ref_names)
    return converted


def shared_schemas() -> dict[str, Any]:
    """The components every document has: the error shape, pages, history and the condition language."""
    moment = {"type": "string", "pattern": DATETIME_PATTERN}
    schemas: dict[str, Any] = {
        "Problem": {
            "description": "One problem: where (a JSON pointer), a stable code and a message in zh and en.",
            "type": "object",
            "required": ["path", "code", "severity", "message", "details"],
            "additionalProperties": False,
            "properties": {
                "path": {"type": "string", "description": "JSON pointer into the request body or query."},
                "code": {"type": "string", "examples": ["record.required"]},
                "severity": {"enum": ["error", "warning"]},
                "message": {
                    "type": "object",
                    "required": ["zh", "en"],
                    "additionalProperties": False,
                    "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
                },
                "details": {"type": "object", "description": "The values the message names (field, limit, ...)."},
            },
        },
        "Error": {
            "description": "The one error shape of every HTTP error.",
            "type": "object",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "problems"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"type": "string", "examples": ["record.not_found"]},
                        "message": {"type": "string"},
                        "problems": {"type": "array", "items": {"$ref": SCHEMAS + "Problem"}},
                    },
                }
            },
        },
        "RecordPage": {
            "description": "One page of records, with the number of records matching the query.",
            "type": "object",
            "required": ["items", "total", "page", "page_size"],
            "additionalProperties": False,
            "properties": {
                "items": {"type": "array", "items": {"type": "object"}},
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        },
        "Shares": {
            "description": "The users a record's owner shared it with, in the order shared.",
            "type": "object",
            "required": ["items"],
            "additionalProperties": False,
            "properties": {
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["username", "shared_by", "at"],
                        "additionalProperties": False,
                        "properties": {
                            "username": {"type": "string"},
                            "shared_by": {"type": "string"},
                            "at": moment,
                        },
                    },
                }
            },
        },
        "ShareRequest": {
            "type": "object",
            "required": ["username"],
            "properties": {"username": {"type": "string", "pattern": USER_PATTERN}},
        },
        "Visibility": {
            "description": "Each field's visibility level on a record, and whether its owner may narrow it.",
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["level", "may_narrow"],
                "additionalProperties": False,
                "properties": {
                    "level": {"enum": [level.value for level in Visibility]},
                    "may_narrow": {"type": "boolean"},
                },
            },
        },
        "History": {
            "description": "Every write to a record, oldest first. Changes are [old, new] pairs by field id "
            "(as the field was when the write was made; fields the user may not read are left out).",
            "type": "object",
            "required": ["items"],
            "additionalProperties": False,
            "properties": {
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["action", "actor", "at", "version", "changes"],
                        "additionalProperties": False,
                        "properties": {
                            "action": {"enum": list(HISTORY_ACTIONS)},
                            "actor": {"type": "string"},
                            "at": moment,
                            "version": {"type": "integer", "minimum": 1, "description": "The app version."},
                            "changes": {
                                "type": "object",
                                "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2},
                            },
                        },
                    },
                }
            },
        },
    }
    definitions = definition_schema()["definitions"]
    for name, component in CONDITION_SCHEMAS.items():
        schemas[component] = to_2020_12(definitions[name], CONDITION_SCHEMAS)
    return schemas


def entity_schemas(entity: Entity) -> dict[str, Any]:
    """The record (output), create input and patch input schemas of an entity."""
    names = schema_names(entity)
    output = to_2020_12(record_output_schema(entity))
    hidden = {
        field.id for field in entity.fields if field.visibility is not Visibility.EVERYONE or field.owner_may_narrow
    }
    output["required"] = [name for name in output["required"] if name not in hidden]
    output["title"] = entity.label.text("en")
    output["description"] = (
        f"A {bilingual(entity.label)} record as the API returns it: the system fields and every field "
        f"(null when empty). Fields with restricted visibility ({', '.join(sorted(hidden)) or 'none'}) are left "
        "out for users who may not read them."
    )
    patch = to_2020_12(record_input_schema(entity, partial=True))
    for field in entity.fields:
        if field.required and field.id in patch["properties"]:
            patch["properties"][field.id] = _not_null(patch["properties"][field.id])
    patch["description"] = (
        "The fields to change and the row_version the change is based on (409 record.stale when the record "
        "changed since). Required fields cannot be cleared."
    )
    create = to_2020_12(record_input_schema(entity))
    create["description"] = "A new record: its writable fields (system, computed and read-only fields are not)."
    for schema in (create, patch):
        _accept_empty_texts(entity, schema)
    for schema in (output, create, patch):
        _describe_refs(entity, schema)
    return {names["record"]: output, names["create"]: create, names["patch"]: patch}


def _describe_refs(entity: Entity, schema: dict[str, Any]) -> None:
    """Say which entity each ref field points at (its value is the id of a live record of that entity)."""
    for field in entity.fields:
        if field.type is FieldType.REF and field.id in schema["properties"]:
            value = schema["properties"][field.id]
            note = f"The id of a {field.target_entity} record."
            value["description"] = f"{value['description']} {note}" if "description" in value else note


def _accept_empty_texts(entity: Entity, schema: dict[str, Any]) -> None:
    """An optional text field also takes "", which the API stores as null (a required one reports it missing)."""
    for field in entity.fields:
        if field.is_textual and not field.required and field.id in schema["properties"]:
            value = schema["properties"][field.id]
            empty = {"const": "", "description": "No value: stored as null."}
            schema["properties"][field.id] = {"title": value.get("title", field.id), "anyOf": [value, empty]}


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    narrowed = dict(schema)
    if isinstance(narrowed.get("type"), list):
        kinds = [kind for kind in narrowed["type"] if kind != "null"]
        narrowed["type"] = kinds[0] if len(kinds) == 1 else kinds
    if "enum" in narrowed:
        narrowed["enum"] = [value for value in narrowed["enum"] if value is not None]
    return narrowed


# -- texts -----------------------------------------------------------------------------------------------


def _entity_description(entity: Entity) -> str:
    description = f"{bilingual(entity.label)} ({entity.id})"
    if entity.description is not None:
        description += f"\n\n{bilingual(entity.description)}"
    return description


def _app_description(app_id: str, version: int, model: AppDefinition) -> str:
    lines = [f"The records API of {bilingual(model.label)} ({app_id}), published version {version}."]
    if model.description is not None:
        lines += [text for text in (model.description.plain, model.description.zh, model.description.en) if text]
    lines.append(
        'Every error is {"error": {"code", "message", "problems": [...]}} (the Error schema); '
        "each problem has a JSON-pointer path, a stable code, a severity and a message in zh and en."
    )
    return "\n\n".join(lines)
