"""Which JSON Schema keywords the import ignores harmlessly, and why the others cannot be carried over."""

from __future__ import annotations

from collections.abc import Iterable

from builder.schema_import.refs import Node
from builder.schema_import.result import Unsupported

# Annotations and containers: they describe the document, not the data, so nothing is lost.
SILENT = frozenset({"$schema", "$id", "$comment", "$anchor", "$vocabulary", "examples", "definitions", "$defs", "$ref"})

_CONDITIONAL = "conditional parts of a form are not supported: every field is always shown and checked alone"
REASONS = {
    "pattern": "Dabble fields do not check text against a pattern",
    "minLength": "Dabble text fields have no minimum length",
    "multipleOf": "Dabble number fields cannot require a multiple of a step",
    "const": "a field fixed to one value is not a field; set it as a default instead",
    "exclusiveMinimum": "Dabble number bounds are inclusive; an exclusive bound is exact only for integers",
    "exclusiveMaximum": "Dabble number bounds are inclusive; an exclusive bound is exact only for integers",
    "dependencies": _CONDITIONAL,
    "dependentRequired": _CONDITIONAL,
    "dependentSchemas": _CONDITIONAL,
    "if": _CONDITIONAL,
    "then": _CONDITIONAL,
    "else": _CONDITIONAL,
    "allOf": "combined schemas are not merged; declare the properties directly",
    "anyOf": "alternative schemas are not supported (only lists of const + title, which become options)",
    "oneOf": "alternative schemas are not supported (only lists of const + title, which become options)",
    "not": "negated schemas are not supported",
    "minItems": "a multichoice field cannot require a number of options",
    "maxItems": "a multichoice field cannot limit the number of options",
    "uniqueItems": "a multichoice field holds each option once, so repeated values are not kept",
    "patternProperties": "records have a fixed set of fields",
    "additionalProperties": "records have a fixed set of fields; extra properties are not kept",
    "propertyNames": "records have a fixed set of fields",
    "minProperties": "records have a fixed set of fields",
    "maxProperties": "records have a fixed set of fields",
    "unevaluatedProperties": "records have a fixed set of fields",
    "format": "this format has no Dabble field type; the field is plain text",
    "maxLength": "this field type has a fixed maximum length",
    "writeOnly": "Dabble fields are always readable by those allowed to see them",
    "deprecated": "Dabble fields cannot be marked deprecated",
    "contentEncoding": "Dabble fields do not hold encoded content",
    "contentMediaType": "Dabble fields do not hold files",
}
DEFAULT_REASON = "Dabble has no equivalent; the keyword is ignored"


def note_rest(node: Node, used: Iterable[str], notes: list[Unsupported]) -> None:
    """List every keyword of a node that was neither used nor harmless, in document order."""
    done = set(used) | SILENT
    for keyword in node.schema:
        if keyword not in done:
            notes.append(Unsupported(keyword, node.at(keyword), REASONS.get(keyword, DEFAULT_REASON)))


def schema_types(node: Node) -> list[str]:
    """The non-null types a node declares (a list when `type` is a list)."""
    declared = node.schema.get("type")
    types = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    return [kind for kind in types if kind != "null" and isinstance(kind, str)]
