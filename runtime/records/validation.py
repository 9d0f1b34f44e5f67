"""Check record values against the entity's JSON Schema (compiled once per version), then what it cannot say."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from jsonschema import Draft7Validator, ValidationError

from builder.compile import records
from builder.compile.records import record_input_schema, writable_fields
from builder.conditions import literals
from builder.identifiers import SYSTEM_FIELD_IDS
from builder.messages import expectation
from builder.model import Field, FieldType
from builder.model.common import Label
from builder.pointers import escape_token
from builder.problems import Problem
from builder.service.errors import ApiError
from builder.validation.schema_layer import EcmaDraft7Validator
from builder.validation.schema_precheck import SchemaPrecheck
from runtime.api_messages import api_problem
from runtime.storage.tables import EntityStorage

_FORMAT_NAMES = {
    records.EMAIL_PATTERN: "email",
    records.PHONE_PATTERN: "phone",
    records.URL_PATTERN: "url",
    records.DATE_PATTERN: "date",
    records.DATETIME_PATTERN: "datetime",
    records.USER_PATTERN: "user",
}
_JSON_TYPE_EXPECTATIONS = {
    "string": "text",
    "integer": "whole_number",
    "number": "number",
    "boolean": "boolean",
    "array": "option_ids",
}
_PATTERN_FORMATS = {
    FieldType.EMAIL: "email",
    FieldType.PHONE: "phone",
    FieldType.URL: "url",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.USER: "user",
}


class RecordValidator:
    """Validates the body of a create or update request for one entity of one app version."""

    def __init__(self, storage: EntityStorage) -> None:
        entity = storage.entity
        self.codecs = storage.codecs
        self.writable = {field.id: field for field in writable_fields(entity)}
        self.all_fields = {field.id for field in entity.fields} | SYSTEM_FIELD_IDS
        labels = {field.id: field.label for field in entity.fields}
        self._create = _Compiled(record_input_schema(entity), labels)
        self._update = _Compiled(record_input_schema(entity, partial=True), labels)

    def for_create(self, body: Any) -> dict[str, Any]:
        """The field values of a new record (dates and date-times parsed); raise ApiError(422) listing every problem."""
        values, problems = self._normalised(body)
        self._check(self._create, values, problems)
        return values

    def for_update(self, body: Any) -> tuple[int, dict[str, Any]]:
        """The row version and the changed field values (dates and date-times parsed); raise ApiError(422) if wrong."""
        values, problems = self._normalised(body, allowed={"row_version"})
        self._check(self._update, values, problems)
        return values.pop("row_version"), values

    def _normalised(self, body: Any, allowed: frozenset[str] | set[str] = frozenset()) -> tuple[dict, list[Problem]]:
        """The writable values (empty texts as null), and problems for keys that are not writable fields."""
        if not isinstance(body, dict):
            raise _invalid([api_problem("record.not_object", "")])
        problems, values = [], {}
        for key, value in body.items():
            if key in self.writable or key in allowed:
                empty_text = value == "" and key in self.writable and self.writable[key].is_textual
                values[key] = None if empty_text else value
            else:
                code = "record.not_writable" if key in self.all_fields else "record.unknown_field"
                problems.append(api_problem(code, "/" + escape_token(key), field=key))
        return values, problems

    def _check(self, compiled: _Compiled, values: dict[str, Any], problems: list[Problem]) -> None:
        """Raise every problem: keys found before, then the schema's, then what the schema cannot say."""
        if not compiled.quick(values):
            problems += compiled.missing(values)
            problems += compiled.explain(values)
        found = {problem.path for problem in problems}
        for key, value in list(values.items()):
            field = self.writable.get(key)
            if field is not None and value is not None and f"/{key}" not in found:
                values[key], problem = self._semantic(field, value)
                problems += [problem] if problem else []
        if problems:
            raise _invalid(problems)

    def _semantic(self, field: Field, value: Any) -> tuple[Any, Problem | None]:
        """The value with dates and moments parsed (once, by the field's codec); or what the schema cannot say."""
        if field.type in (FieldType.DATE, FieldType.DATETIME):
            try:
                return self.codecs[field.id].to_database(value), None
            except literals.LiteralError:
                return value, _format_problem(field.id, _PATTERN_FORMATS[field.type], field.label)
        if field.is_textual and "\x00" in value:  # PostgreSQL cannot store it: refused on every database alike
            return value, api_problem("record.nul", f"/{field.id}", field=field.id, label=field.label)
        scale = field.effective_scale
        if field.is_numeric and scale and isinstance(value, int | float) and not isinstance(value, bool):
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if number != number.quantize(Decimal(1).scaleb(-scale)):
                problem = api_problem(
                    "record.decimal_places", f"/{field.id}", field=field.id, label=field.label, limit=scale
                )
                return value, problem
        return value, None


class _Compiled:
    """A record schema: a generated yes/no check, and jsonschema to explain a no."""

    def __init__(self, schema: dict[str, Any], labels: Mapping[str, Label]) -> None:
        self.schema = schema
        self.labels = labels  # by field id: problems name fields by their labels
        self.quick = SchemaPrecheck(schema).check(schema)
        self.validator = EcmaDraft7Validator(schema)
        Draft7Validator.check_schema(schema)

    def missing(self, values: Mapping[str, Any]) -> list[Problem]:
        """One problem per required property that is absent (jsonschema names only one per error)."""
        absent = [name for name in self.schema.get("required", ()) if name not in values]
        return [
            api_problem("record.row_version", "/row_version")
            if name == "row_version"
            else api_problem("record.required", f"/{name}", field=name, label=self.labels.get(name))
            for name in absent
        ]

    def explain(self, values: Mapping[str, Any]) -> Iterator[Problem]:
        """The schema's other complaints, one per field and code."""
        seen = set()
        for error in sorted(self.validator.iter_errors(values), key=lambda error: list(error.absolute_path)):
            if error.validator == "required":
                continue  # reported by missing()
            problem = _translate(error, self.schema, self.labels)
            if (problem.path, problem.code) not in seen:
                seen.add((problem.path, problem.code))
                yield problem


def _translate(error: ValidationError, schema: dict[str, Any], labels: Mapping[str, Label]) -> Problem:
    location = list(error.absolute_path)
    field_id = str(location[0]) if location else ""
    keyword = error.validator
    path = "/" + field_id
    named = {"field": field_id, "label": labels.get(field_id)}
    if keyword == "type" and error.instance is None:  # null for a field that must have a value
        return api_problem("record.required", path, **named)
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        english, chinese = expectation(_JSON_TYPE_EXPECTATIONS.get(expected, "valid"))
        return api_problem("record.type", path, **named, expected=english, expected_zh=chinese)
    if keyword == "enum":
        return api_problem("record.option", path, **named, value=error.instance)
    if keyword in ("uniqueItems", "maxItems"):
        return api_problem("record.duplicate_option", path, **named)
    if keyword == "maxLength":
        return api_problem("record.too_long", path, **named, limit=error.validator_value)
    if keyword in ("minimum", "maximum"):
        return api_problem(f"record.{keyword}", path, **named, limit=error.validator_value)
    if keyword == "pattern":
        return _format_problem(field_id, _format_of(schema, field_id), labels.get(field_id))
    english, chinese = expectation("valid")  # no other keyword is in record schemas
    return api_problem("record.type", path, **named, expected=english, expected_zh=chinese)


def _format_of(schema: dict[str, Any], field_id: str) -> str:
    """Which format a field's pattern stands for."""
    pattern = schema["properties"].get(field_id, {}).get("pattern", "")
    return _FORMAT_NAMES.get(pattern, "date")


def _format_problem(field_id: str, kind: str, label: Label | None) -> Problem:
    english, chinese = expectation(kind)
    path = f"/{field_id}"
    return api_problem("record.format", path, field=field_id, label=label, expected=english, expected_zh=chinese)


def _invalid(problems: list[Problem]) -> ApiError:
    return ApiError(
        422,
        "record.invalid",
        "The record has invalid values. / 记录中有无效的取值。",
        [problem.to_json() for problem in problems],
    )
