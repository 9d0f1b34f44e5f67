"""Check an export file's records against the imported definition and turn them into rows to insert."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from builder.compile.records import record_output_schema, value_schema
from builder.conditions.literals import LiteralError
from builder.model import FieldType
from builder.model.fields import SYSTEM_FIELDS_BY_ID
from builder.pointers import escape_token
from builder.problems import Problem
from builder.validation.schema_layer import EcmaDraft7Validator
from runtime.portability.messages import ExportFileInvalid, file_problem
from runtime.storage.codecs import ScaledCodec
from runtime.storage.tables import EntityStorage

Rows = dict[str, list[dict[str, Any]]]


def prepared_rows(tables: Mapping[str, EntityStorage], data: Mapping[str, list[dict[str, Any]]]) -> Rows:
    """The rows to insert, by entity, values as the database stores them; raise ExportFileInvalid listing problems."""
    problems: list[Problem] = []
    rows: Rows = {}
    for entity_id, records in data.items():
        path = "/data/" + escape_token(entity_id)
        storage = tables.get(entity_id)
        if storage is None:
            problems.append(file_problem("export_file.unknown_entity", path, entity=entity_id))
            continue
        rows[entity_id] = _entity_rows(storage, records, path, problems)
    if not problems:
        problems += _missing_refs(tables, data) + _shared_unique_values(tables, data)
    if problems:
        raise ExportFileInvalid(problems)
    return rows


def _entity_rows(storage: EntityStorage, records: list[dict[str, Any]], path: str, problems: list[Problem]) -> list:
    """One entity's rows (the records that fit), adding a problem for every value that does not."""
    schema = record_output_schema(storage.entity)
    schema["properties"]["deleted_at"] = value_schema(SYSTEM_FIELDS_BY_ID["created_at"], nullable=True)
    schema["required"] = sorted(schema["properties"])
    validator = EcmaDraft7Validator(schema)
    rows, seen = [], set()
    for index, record in enumerate(records):
        at = f"{path}/{index}"
        before = len(problems)
        names = {"entity": storage.entity.id, "id": record.get("id", index)}
        problems += [
            file_problem("export_file.unknown_field", f"{at}/{escape_token(key)}", field=key, entity=names["entity"])
            for key in sorted(set(record) - set(schema["properties"]))
        ]
        problems += [
            file_problem("export_file.missing_value", at, field=key, **names)
            for key in schema["required"]
            if key not in record
        ]
        for error in validator.iter_errors(record):
            if error.validator not in ("required", "additionalProperties") and error.absolute_path:
                field = str(error.absolute_path[0])
                reason = error.message
                problems.append(
                    file_problem(
                        "export_file.value", f"{at}/{escape_token(field)}", field=field, reason=reason, **names
                    )
                )
        if len(problems) > before:
            continue
        if record["id"] in seen:
            problems.append(file_problem("export_file.duplicate_id", f"{at}/id", **names))
            continue
        seen.add(record["id"])
        row = _stored(storage, record, at, names, problems)
        if row is not None:
            rows.append(row)
    return rows


def _stored(
    storage: EntityStorage, record: dict[str, Any], at: str, names: dict, problems: list[Problem]
) -> dict | None:
    """A record's values as stored (dates parsed, fixed decimals as whole units); None, with problems, if one is off."""
    row = {"row_version": record["row_version"]}
    moments = storage.codecs["created_at"]
    for name, codec in [*storage.codecs.items(), ("deleted_at", moments)]:
        value = record[name]
        try:
            stored = codec.to_database(value)
        except (LiteralError, ValueError, ArithmeticError):
            stored, exact = None, False
        else:
            exact = (
                not isinstance(codec, ScaledCodec) or value is None or codec.to_model(stored) == Decimal(repr(value))
            )
        if not exact:
            problems.append(
                file_problem(
                    "export_file.value",
                    f"{at}/{escape_token(name)}",
                    field=name,
                    reason="not a value the field can hold",
                    **names,
                )
            )
            return None
        row[name] = stored
    return row


def _missing_refs(tables: Mapping[str, EntityStorage], data: Mapping[str, list[dict[str, Any]]]) -> list[Problem]:
    """A problem for every ref to a record the file does not hold."""
    ids = {entity_id: {record["id"] for record in records} for entity_id, records in data.items()}
    problems = []
    for entity_id, records in data.items():
        refs = [field for field in tables[entity_id].entity.fields if field.type is FieldType.REF]
        for index, record in enumerate(records):
            for field in refs:
                value = record[field.id]
                if value is not None and value not in ids.get(field.target_entity, ()):
                    path = f"/data/{escape_token(entity_id)}/{index}/{field.id}"
                    names = {"entity": entity_id, "id": record["id"], "target": field.target_entity}
                    problems.append(file_problem("export_file.ref_missing", path, field=field.id, value=value, **names))
    return problems


def _shared_unique_values(tables: Mapping[str, EntityStorage], data: Mapping[str, list[dict[str, Any]]]) -> list:
    """A problem for every unique field two live records share a value of."""
    problems = []
    for entity_id, records in data.items():
        for field in tables[entity_id].entity.fields:
            if not field.unique:
                continue
            values = [r[field.id] for r in records if r["deleted_at"] is None and r[field.id] is not None]
            if len(values) != len({repr(value) for value in values}):
                path = f"/data/{escape_token(entity_id)}"
                problems.append(file_problem("export_file.unique", path, entity=entity_id, field=field.id))
    return problems
