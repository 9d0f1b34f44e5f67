"""The JSON Schema layer: jsonschema's errors as problems with stable codes and zh/en messages."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft7Validator, ValidationError, validators

from builder.definition_schema import definition_schema, ecma_pattern
from builder.identifiers import identifier_format_problem
from builder.pointers import pointer, resolve
from builder.problems import Problem, make_problem
from builder.validation.schema_precheck import shared_precheck

_SIMPLE_CODES = {
    "minItems": "schema.min_items",
    "maxItems": "schema.max_items",
    "minLength": "schema.min_length",
    "maxLength": "schema.max_length",
    "minimum": "schema.minimum",
    "maximum": "schema.maximum",
    "minProperties": "schema.min_properties",
    "maxProperties": "schema.max_properties",
    "pattern": "schema.pattern",
}
_TEXT_DEFINITIONS = ("label_text", "description_text", "message_text")
_TEXT_CODES = {"minLength": "label.empty", "maxLength": "label.too_long", "not": "label.control_characters"}


def _pattern(validator, pattern, instance, schema) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _items(validator, items, instance, schema) -> Iterator[ValidationError]:
    """Descend only into the items the compiled pre-check rejects."""
    if not validator.is_type(instance, "array"):
        return
    check = shared_precheck().check(items)
    for index, item in enumerate(instance):
        if not check(item):
            yield from validator.descend(item, items, path=index)


# Draft-07 with ECMA-262 patterns (for any schema), and the definition schema's validator on top of it.
EcmaDraft7Validator = validators.extend(Draft7Validator, {"pattern": _pattern})
DefinitionValidator = validators.extend(EcmaDraft7Validator, {"items": _items})


@cache
def _validator() -> Any:
    schema = definition_schema()
    Draft7Validator.check_schema(schema)
    return DefinitionValidator(schema)


def schema_problems(document: Any) -> list[Problem]:
    """Every way the document breaks the schema, in document order, one problem per place and code."""
    if shared_precheck().check(definition_schema())(document):
        return []
    seen: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    errors = sorted(_validator().iter_errors(document), key=lambda error: _order(error.absolute_path))
    for error in errors:
        for problem in _translate(error, document):
            if (problem.path, problem.code) not in seen:
                seen.add((problem.path, problem.code))
                problems.append(problem)
    return problems


def _order(path) -> tuple:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)


def _translate(error: ValidationError, document: Any) -> Iterator[Problem]:  # noqa: C901 - one branch per keyword
    keyword = error.validator
    location = list(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path:
        location.append(error.instance)
    path = pointer(location)
    named = _definition_name(error.schema)
    if named == "identifier":
        code = identifier_format_problem(error.instance)
        if code == "schema.type":
            yield make_problem("schema.type", path, expected="string")
        elif code is not None:
            yield make_problem(code, path, id=error.instance, limit=40)
        return
    if named in _TEXT_DEFINITIONS and keyword in _TEXT_CODES:
        yield make_problem(_TEXT_CODES[keyword], path, limit=error.validator_value if keyword == "maxLength" else 0)
        return
    if named in ("label", "description", "message") and keyword == "minProperties":
        yield make_problem("label.empty", path, limit=0)
        return
    if named in ("label", "description", "message") and keyword == "type":
        yield make_problem("label.invalid", path)
        return
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                yield make_problem("schema.required", pointer([*location, name]), property=name)
        return
    if keyword == "additionalProperties":
        declared = set(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in declared:
                yield make_problem("schema.unknown_property", pointer([*location, name]), property=name)
        return
    if keyword == "not" and error.validator_value == {}:
        yield make_problem(
            "schema.not_applicable", path, property=location[-1], kind=_discriminator(document, location[:-1])
        )
        return
    if keyword == "enum":
        yield make_problem(
            "schema.enum", path, value=error.instance, allowed=", ".join(map(str, error.validator_value))
        )
        return
    if keyword == "const":
        yield make_problem("schema.const", path, value=error.instance, expected=error.validator_value)
        return
    if keyword == "type":
        expected = error.validator_value
        yield make_problem("schema.type", path, expected=expected if isinstance(expected, str) else "/".join(expected))
        return
    if keyword in _SIMPLE_CODES:
        yield make_problem(_SIMPLE_CODES[keyword], path, limit=error.validator_value)
        return
    yield make_problem("schema.invalid", path, detail=error.message)


@cache
def _definition_names() -> dict[int, str]:
    """Map every subschema inside a named definition (not through $ref) to that definition's name."""
    names: dict[int, str] = {}

    def visit(schema: Any, name: str) -> None:
        if isinstance(schema, dict):
            names.setdefault(id(schema), name)
            for key, value in schema.items():
                if key not in ("properties", "definitions") and isinstance(value, dict | list):
                    visit(value, name)
            for value in schema.get("properties", {}).values():
                if isinstance(value, dict) and "$ref" not in value:
                    visit(value, name)
        elif isinstance(schema, list):
            for item in schema:
                visit(item, name)

    for name, schema in definition_schema()["definitions"].items():
        visit(schema, name)
    return names


def _definition_name(schema: Any) -> str | None:
    return _definition_names().get(id(schema))


def _discriminator(document: Any, location: list) -> str:
    """The 'type' or 'kind' of the object holding a property that does not apply."""
    holder = resolve(document, pointer(location))
    return str(holder.get("type") or holder.get("kind") or "") if isinstance(holder, dict) else ""
