"""OpenAPI 3.1 documents of published apps: what the records API really sends and accepts, errors in the one shape."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from builder.compile.records import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    MAX_RECORD_ID,
    USER_PATTERN,
    record_input_schema,
    record_output_schema,
)
from builder.conditions.literals import MAX_LIST_LENGTH, MAX_TEXT_LITERAL
from builder.definition_schema import definition_schema
from builder.model import SYSTEM_FIELDS, AppDefinition, Entity, Field, FieldType, Label, Visibility
from builder.model.fields import UNSORTABLE_TYPES
from runtime.records.list_limits import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_SEARCH

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
SCHEMAS = "#/components/schemas/"
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
    names = _schema_names(entity)
    output = to_2020_12(record_output_schema(entity))
    hidden = {field.id for field in entity.fields if field.visibility is not Visibility.EVERYONE}
    output["required"] = [name for name in output["required"] if name not in hidden]
    output["title"] = entity.label.text("en")
    output["description"] = (
        f"A {_bilingual(entity.label)} record as the API returns it: the system fields and every field "
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


def _schema_names(entity: Entity) -> dict[str, str]:
    """Component names: '<entity>.Record', '.Create', '.Patch' (entity ids have no dots, so no clashes)."""
    return {kind: f"{entity.id}.{kind.capitalize()}" for kind in ("record", "create", "patch")}


# -- paths -----------------------------------------------------------------------------------------------


def entity_paths(app_id: str, entity: Entity) -> dict[str, Any]:
    """The seven operations on an entity's records, by path."""
    base = f"/api/apps/{app_id}/{entity.id}"
    names = _schema_names(entity)
    record = {"$ref": SCHEMAS + names["record"]}
    english, chinese = entity.label.text("en"), entity.label.text("zh")
    record_id = {
        "name": "record_id",
        "in": "path",
        "required": True,
        "description": "The record id.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID},
    }
    page_schema = {
        "allOf": [{"$ref": SCHEMAS + "RecordPage"}],
        "properties": {"items": {"items": record}},
    }

    def operation(name: str, summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "tags": [entity.id],
            "operationId": f"{name}_{entity.id}",
            "summary": summary,
            **extra,
            "responses": responses,
        }

    def body(component: str) -> dict[str, Any]:
        return {"required": True, "content": {JSON: {"schema": {"$ref": SCHEMAS + component}}}}

    found = _json("The record.", record)
    created = _json("The record was created.", record) | {
        "headers": {
            "Location": {
                "description": "The URL of the new record.",
                "required": True,
                "schema": {"type": "string", "format": "uri-reference"},
            }
        }
    }
    return {
        base: {
            "get": operation(
                "list",
                f"List {english} records / 列出{chinese}",
                {
                    "200": _json("One page of records.", page_schema),
                    **_errors(400, 401, 404, 500, notes={400: _QUERY_INVALID}),
                },
                description="Records matching every filter given, sorted, one page at a time.",
                parameters=list(list_parameters(entity)),
            ),
            "post": operation(
                "create",
                f"Create a {english} record / 新建{chinese}",
                {"201": created, **_errors(400, 401, 404, 409, 413, 422, 500)},
                requestBody=body(names["create"]),
            ),
        },
        f"{base}/{{record_id}}": {
            "parameters": [record_id],
            "get": operation(
                "get",
                f"Get a {english} record / 查看{chinese}",
                {"200": found, **_errors(401, 404, 500, notes={404: _RECORD_NOT_FOUND})},
            ),
            "patch": operation(
                "update",
                f"Change a {english} record / 修改{chinese}",
                {
                    "200": _json("The changed record.", record),
                    **_errors(400, 401, 404, 409, 413, 422, 500, notes={404: _RECORD_NOT_FOUND, 409: _STALE_OR_UNIQUE}),
                },
                requestBody=body(names["patch"]),
            ),
            "delete": operation(
                "delete",
                f"Delete a {english} record / 删除{chinese}",
                {
                    "204": {"description": "Deleted (it can be restored)."},
                    **_errors(400, 401, 404, 409, 500, notes=_DELETE_NOTES),
                },
                parameters=[
                    {
                        "name": "row_version",
                        "in": "query",
                        "required": False,
                        "description": "Fail with 409 record.stale unless the record is still at this row_version.",
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
            ),
        },
        f"{base}/{{record_id}}/restore": {
            "parameters": [record_id],
            "post": operation(
                "restore",
                f"Restore a deleted {english} record / 恢复{chinese}",
                {"200": _json("The record, live again.", record), **_errors(401, 404, 409, 500, notes=_RESTORE_NOTES)},
                description="Bring a deleted record back (a record that is not deleted is returned as it is).",
            ),
        },
        f"{base}/{{record_id}}/history": {
            "parameters": [record_id],
            "get": operation(
                "history",
                f"History of a {english} record / {chinese}的修改记录",
                {
                    "200": _json("Every write, oldest first.", {"$ref": SCHEMAS + "History"}),
                    **_errors(401, 404, 500, notes={404: _RECORD_NOT_FOUND}),
                },
                description="Who changed what and when (deleted records included).",
            ),
        },
    }


def list_parameters(entity: Entity) -> Iterator[dict[str, Any]]:
    """page, page_size, sort, q, filter, then <field>=<value> for every field that can be filtered by name."""
    sortable = [field.id for field in _all_fields(entity) if field.type not in UNSORTABLE_TYPES]
    names = "|".join(sortable)
    yield _query("page", "The page number.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1})
    yield _query(
        "page_size",
        "Records per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    )
    yield _query(
        "sort",
        f"Comma-separated fields, '-' first for descending; the id breaks ties. Sortable: {', '.join(sortable)}.",
        {"type": "string", "pattern": f"^,*(-?({names})(,+-?({names}))*)?,*$", "examples": ["-id"]},
    )
    yield _query(
        "q",
        "Free text searched (case-insensitively) in the text fields.",
        {"type": "string", "maxLength": MAX_SEARCH},
    )
    yield {
        "name": "filter",
        "in": "query",
        "required": False,
        "description": "A condition in JSON (the condition language of app definitions), "
        'e.g. {"combinator": "and", "rules": [{"field": "id", "operator": ">", "value": 1}]}.',
        "content": {JSON: {"schema": {"$ref": SCHEMAS + "Condition"}}},
    }
    for field in _all_fields(entity):
        if field.type is FieldType.LONGTEXT:
            continue
        value, example = _parameter_value(field)
        several = "any of the values" if field.type is not FieldType.MULTICHOICE else "containing any of the options"
        array: dict[str, Any] = {"type": "array", "items": value, "minItems": 1}
        if field.type is not FieldType.MULTICHOICE:
            array["maxItems"] = MAX_LIST_LENGTH
        parameter = _query(
            field.id,
            f"Only records whose {_bilingual(field.label)} is this value (given several times: {several}).",
            array,
        )
        parameter |= {"style": "form", "explode": True, "example": [example]}
        yield parameter


def _parameter_value(field: Field) -> tuple[dict[str, Any], Any]:
    """The schema of one value of a <field>=<value> parameter, and an example value."""
    kind = field.type
    if kind in (FieldType.INTEGER, FieldType.RATING):
        return {"type": "integer"}, 1
    if kind is FieldType.REF:
        return {"type": "integer", "minimum": 1}, 1
    if field.is_numeric:
        return {"type": "number"}, 1.5
    if kind is FieldType.BOOLEAN:
        return {"type": "boolean"}, True
    if kind is FieldType.DATE:
        return {"type": "string", "pattern": DATE_PATTERN}, "2024-01-31"
    if kind is FieldType.DATETIME:
        schema = {"type": "string", "minLength": 10, "maxLength": 40, "description": "ISO 8601 date or date and time"}
        return schema, "2024-01-31T09:30:00Z"
    if kind in (FieldType.CHOICE, FieldType.MULTICHOICE):
        return {"enum": list(field.option_ids)}, field.option_ids[0]
    if kind is FieldType.USER:
        return {"type": "string", "pattern": USER_PATTERN}, "admin"
    return {"type": "string", "maxLength": MAX_TEXT_LITERAL}, "example"


def _all_fields(entity: Entity) -> tuple[Field, ...]:
    """The entity's fields, then the system fields a query can name (not row_version)."""
    return (*entity.fields, *SYSTEM_FIELDS)


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


_ERRORS = {
    400: "The body is missing or not readable JSON: request.empty, request.unreadable.",
    401: "Nobody is signed in: auth.required.",
    404: "app.not_found, app.not_published or entity.not_found (or http.not_found).",
    409: "record.unique: a unique value of the record is taken by another record.",
    413: "The body is larger than DABBLE_MAX_REQUEST_MB allows: http.request_entity_too_large.",
    422: "record.invalid, with one problem per wrong value (record.required, record.type, record.ref_missing, ...).",
    500: "An unexpected error: http.internal_server_error.",
}


_QUERY_INVALID = "query.invalid: the list query is not valid, with one problem per wrong parameter."
_RECORD_NOT_FOUND = "record.not_found (missing, deleted or not readable), or " + _ERRORS[404]
_STALE_OR_UNIQUE = "record.stale (row_version is not the current one) or record.unique (a unique value is taken)."
_DELETE_NOTES = {
    400: "query.parameter: row_version is not a whole number.",
    404: _RECORD_NOT_FOUND,
    409: "record.stale: the record is no longer at the row_version given.",
}
_RESTORE_NOTES = {
    404: _RECORD_NOT_FOUND,
    409: "record.unique: a unique value of the record was taken while it was deleted.",
}


def _errors(*statuses: int, notes: dict[int, str] | None = None) -> dict[str, Any]:
    """Error responses, all in the one error shape; `notes` replace the usual description of a status."""
    texts = _ERRORS | (notes or {})
    return {str(status): _json(texts[status], {"$ref": SCHEMAS + "Error"}) for status in statuses}


# -- texts -----------------------------------------------------------------------------------------------


def _bilingual(label: Label | None) -> str:
    """'中文 / English' (or the one text a label has)."""
    if label is None:
        return ""
    texts = [text for text in (label.plain, label.zh, label.en) if text]
    return " / ".join(dict.fromkeys(texts))


def _entity_description(entity: Entity) -> str:
    description = f"{_bilingual(entity.label)} ({entity.id})"
    if entity.description is not None:
        description += f"\n\n{_bilingual(entity.description)}"
    return description


def _app_description(app_id: str, version: int, model: AppDefinition) -> str:
    lines = [f"The records API of {_bilingual(model.label)} ({app_id}), published version {version}."]
    if model.description is not None:
        lines += [text for text in (model.description.plain, model.description.zh, model.description.en) if text]
    lines.append(
        'Every error is {"error": {"code", "message", "problems": [...]}} (the Error schema); '
        "each problem has a JSON-pointer path, a stable code, a severity and a message in zh and en."
    )
    return "\n\n".join(lines)
