"""The paths of a published app's OpenAPI document: each entity's record operations, parameters and errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from builder.compile.records import DATE_PATTERN, MAX_RECORD_ID, USER_PATTERN
from builder.conditions.literals import MAX_LIST_LENGTH, MAX_TEXT_LITERAL
from builder.model import SYSTEM_FIELDS, Entity, Field, FieldType, Label, Visibility
from builder.model.fields import UNSORTABLE_TYPES
from runtime.records.list_limits import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_SEARCH

JSON = "application/json"
SCHEMAS = "#/components/schemas/"


def schema_names(entity: Entity) -> dict[str, str]:
    """Component names: '<entity>.Record', '.Create', '.Patch' (entity ids have no dots, so no clashes)."""
    return {kind: f"{entity.id}.{kind.capitalize()}" for kind in ("record", "create", "patch")}


def entity_paths(app_id: str, entity: Entity) -> dict[str, Any]:
    """The operations on an entity's records, by path."""
    base = f"/api/apps/{app_id}/{entity.id}"
    names = schema_names(entity)
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
                    **_errors(400, 401, 403, 404, 500, notes={400: _QUERY_INVALID}),
                },
                description="Records matching every filter given, sorted, one page at a time.",
                parameters=list(list_parameters(entity)),
            ),
            "post": operation(
                "create",
                f"Create a {english} record / 新建{chinese}",
                {"201": created, **_errors(400, 401, 403, 404, 409, 413, 422, 500)},
                requestBody=body(names["create"]),
            ),
        },
        f"{base}/{{record_id}}": {
            "parameters": [record_id],
            "get": operation(
                "get",
                f"Get a {english} record / 查看{chinese}",
                {"200": found, **_errors(401, 403, 404, 500, notes={404: _RECORD_NOT_FOUND})},
            ),
            "patch": operation(
                "update",
                f"Change a {english} record / 修改{chinese}",
                {
                    "200": _json("The changed record.", record),
                    **_errors(
                        400, 401, 403, 404, 409, 413, 422, 500, notes={404: _RECORD_NOT_FOUND, 409: _STALE_OR_UNIQUE}
                    ),
                },
                requestBody=body(names["patch"]),
            ),
            "delete": operation(
                "delete",
                f"Delete a {english} record / 删除{chinese}",
                {
                    "204": {"description": "Deleted (it can be restored)."},
                    **_errors(400, 401, 403, 404, 409, 500, notes=_DELETE_NOTES),
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
                {
                    "200": _json("The record, live again.", record),
                    **_errors(401, 403, 404, 409, 500, notes=_RESTORE_NOTES),
                },
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
                    **_errors(401, 403, 404, 500, notes={404: _RECORD_NOT_FOUND}),
                },
                description="Who changed what and when (deleted records included).",
            ),
        },
        **_owner_paths(base, entity, record_id, operation),
    }


def _owner_paths(base: str, entity: Entity, record_id: dict[str, Any], operation) -> dict[str, Any]:
    """What only a record's owner decides: who it is shared with, and how far its narrowable fields are seen."""
    english = entity.label.text("en")
    narrowable = [field.id for field in entity.fields if field.owner_may_narrow]
    levels = [level.value for level in Visibility]
    shares = {"$ref": SCHEMAS + "Shares"}
    owner_only = {403: "access.denied: only the record's owner (or an administrator) may do this."}
    paths: dict[str, Any] = {
        f"{base}/{{record_id}}/shares": {
            "parameters": [record_id],
            "get": operation(
                "shares",
                f"Who a {english} record is shared with / 共享名单",
                {"200": _json("The users, in the order shared.", shares), **_errors(401, 403, 404, 500)},
            ),
            "post": operation(
                "share",
                f"Share a {english} record / 共享记录",
                {"200": _json("The users now.", shares), **_errors(400, 401, 403, 404, 422, 500, notes=owner_only)},
                requestBody={"required": True, "content": {JSON: {"schema": {"$ref": SCHEMAS + "ShareRequest"}}}},
                description="The user may then read the record and its collaborators-level fields.",
            ),
        },
        f"{base}/{{record_id}}/shares/{{username}}": {
            "parameters": [
                record_id,
                {"name": "username", "in": "path", "required": True, "schema": {"type": "string"}},
            ],
            "delete": operation(
                "unshare",
                f"Stop sharing a {english} record / 取消共享",
                {"204": {"description": "No longer shared."}, **_errors(401, 403, 404, 500, notes=owner_only)},
            ),
        },
        f"{base}/{{record_id}}/visibility": {
            "parameters": [record_id],
            "get": operation(
                "visibility",
                f"Field visibility on a {english} record / 字段可见范围",
                {"200": _json("Each field's level.", {"$ref": SCHEMAS + "Visibility"}), **_errors(401, 403, 404, 500)},
            ),
        },
    }
    if narrowable:
        body = {
            "type": "object",
            "required": ["field", "level"],
            "additionalProperties": False,
            "properties": {"field": {"enum": narrowable}, "level": {"enum": levels}},
        }
        paths[f"{base}/{{record_id}}/visibility"]["put"] = operation(
            "narrow",
            f"Narrow a field on a {english} record / 收窄字段可见范围",
            {
                "200": _json("Each field's level now.", {"$ref": SCHEMAS + "Visibility"}),
                **_errors(400, 401, 403, 404, 422, 500, notes=owner_only),
            },
            requestBody={"required": True, "content": {JSON: {"schema": body}}},
            description="The owner makes a field visible to fewer people on this record; its own level resets it.",
        )
    return paths


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
            f"Only records whose {bilingual(field.label)} is this value (given several times: {several}).",
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
    401: "Nobody is signed in (auth.required), or the bearer token is not valid (auth.invalid_token).",
    403: "access.denied: no role of the user grants this operation here (access.field_hidden problems name "
    "fields hidden from them on the record); access.view_as: X-View-As is not theirs to use, or on a write.",
    404: "app.not_found, app.not_published or entity.not_found (or http.not_found).",
    409: "record.unique: a unique value of the record is taken by another record.",
    413: "The body is larger than DABBLE_MAX_REQUEST_MB allows: http.request_entity_too_large.",
    422: "record.invalid, with one problem per wrong value (record.required, record.type, record.ref_missing, ...).",
    500: "An unexpected error: http.internal_server_error.",
}


_QUERY_INVALID = "query.invalid: the list query is not valid, with one problem per wrong parameter."
_RECORD_NOT_FOUND = "record.not_found (missing, deleted or not readable), or " + _ERRORS[404]
_STALE_OR_UNIQUE = "record.stale (row_version is not the current one) or record.unique (a unique value is taken)."
_UPDATE_NOTES = {404: _RECORD_NOT_FOUND, 409: _STALE_OR_UNIQUE}
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


def bilingual(label: Label | None) -> str:
    """'中文 / English' (or the one text a label has)."""
    if label is None:
        return ""
    texts = [text for text in (label.plain, label.zh, label.en) if text]
    return " / ".join(dict.fromkeys(texts))
