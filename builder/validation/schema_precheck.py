"""A yes/no check of JSON values against the definition schema, generated as Python source."""

# jsonschema explains every error but walks a large definition slowly (seconds for ten thousand
# flow nodes). This module turns each subschema into a small Python function that only answers
# "valid or not", with simple property checks written inline, so the schema layer lets jsonschema
# descend only into the array items that fail. A differential test keeps both in agreement.
# Only the keywords our schema uses are supported; any other keyword is an error at compile time.

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from builder.definition_schema import definition_schema, ecma_pattern

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"description", "title", "$comment", "$schema", "$id", "definitions", "default", "examples"})
_OBJECT_KEYWORDS = frozenset({"properties", "required", "additionalProperties"})
_TYPE_TESTS = {
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "string": "type({v}) is str",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "number": "_is_number({v})",
    "integer": "_is_integer({v})",
}
_SIZE_TYPES = {"Items": "list", "Length": "str", "Properties": "dict"}


class UnsupportedKeyword(ValueError):
    """The schema uses a keyword this compiler does not know."""


class SchemaPrecheck:
    """Generated checks for the subschemas of one root schema, cached by identity."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._names: dict[int, str] = {}
        self._schemas: list[Any] = []
        self._namespace: dict[str, Any] = {
            "_is_number": _is_number,
            "_is_integer": _is_integer,
            "_json_in": _json_in,
            "_unique_items": _unique_items,
        }
        self._pending: list[tuple[str, Any]] = []

    def check(self, schema: Any) -> Check:
        """The generated check of a subschema (a dict or a boolean) of the root."""
        name = self._function_name(schema)
        self._generate_pending()
        return self._namespace[name]

    def _function_name(self, schema: Any) -> str:
        """The name of the function checking `schema`, queued for generation on first use."""
        schema = self._target(schema)
        key = id(schema)
        if key not in self._names:
            self._names[key] = f"check_{len(self._names)}"
            self._schemas.append(schema)  # keep alive: ids must stay unique
            self._pending.append((self._names[key], schema))
        return self._names[key]

    def _target(self, schema: Any) -> Any:
        """Follow $ref (draft-07 ignores keywords beside it)."""
        while isinstance(schema, dict) and "$ref" in schema:
            reference = schema["$ref"]
            if not reference.startswith("#/"):
                raise UnsupportedKeyword(f"$ref {reference!r}")
            node: Any = self.root
            for token in reference[2:].split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
            schema = node
        return schema

    def _constant(self, value: Any) -> str:
        name = f"const_{len(self._namespace)}"
        self._namespace[name] = value
        return name

    def _generate_pending(self) -> None:
        source: list[str] = []
        while self._pending:
            name, schema = self._pending.pop()
            source += _Function(self, name).lines(schema)
        if source:
            exec(compile("\n".join(source), "<definition schema checks>", "exec"), self._namespace)

    def inline(self, schema: Any, value: str) -> str | None:
        """A boolean expression checking `value` against a leaf schema, or None when it needs a function."""
        schema = self._target(schema)
        if schema is True:
            return "True"
        if schema is False:
            return "False"
        keys = set(schema) - _ANNOTATIONS
        if keys in ({"enum"}, {"const"}):
            return self._enum(schema["enum"] if "enum" in schema else [schema["const"]], value)
        if keys == {"not"} and schema["not"] in ({}, True):
            return "False"
        if not keys:
            return "True"
        if keys <= {"required", "properties"}:
            return self._members(schema, value)
        if "if" in keys and keys <= {"type", "if", "then", "else"} and isinstance(schema.get("type", ""), str):
            return self._conditional(schema, value)
        if schema.get("type") in ("boolean", "null") and keys == {"type"}:
            return _TYPE_TESTS[schema["type"]].format(v=value)
        if schema.get("type") == "string" and keys <= {"type", "minLength", "maxLength", "pattern"}:
            return self._string(schema, value)
        if schema.get("type") in ("integer", "number") and keys <= {"type", "minimum", "maximum"}:
            parts = [_TYPE_TESTS[schema["type"]].format(v=value)]
            parts += [f"{value} >= {schema['minimum']!r}"] if "minimum" in schema else []
            parts += [f"{value} <= {schema['maximum']!r}"] if "maximum" in schema else []
            return "(" + " and ".join(parts) + ")"
        return None

    def call(self, schema: Any, value: str) -> str:
        """An expression checking `value` against any subschema: inline when simple, else a call."""
        return self.inline(schema, value) or f"{self._function_name(schema)}({value})"

    def _members(self, schema: dict[str, Any], value: str) -> str | None:
        """Required names and simple properties of an object as one expression, or None when one needs a function."""
        parts = [f"{name!r} in {value}" for name in schema.get("required", [])]
        for name, sub in schema.get("properties", {}).items():
            test = self.inline(sub, f"{value}[{name!r}]")
            if test is None:
                return None
            parts.append(f"({name!r} not in {value} or {test})")
        return f"(type({value}) is not dict or ({' and '.join(parts) or 'True'}))"

    def _conditional(self, schema: dict[str, Any], value: str) -> str:
        """if/then/else (with at most a type beside it) as one conditional expression."""
        condition = self.call(schema["if"], value)
        then, otherwise = self.call(schema.get("then", True), value), self.call(schema.get("else", True), value)
        chosen = f"(({then}) if ({condition}) else ({otherwise}))"
        return f"({_TYPE_TESTS[schema['type']].format(v=value)} and {chosen})" if "type" in schema else chosen

    def _enum(self, values: list[Any], value: str) -> str:
        if all(type(item) is str for item in values):
            return f"(type({value}) is str and {value} in {self._constant(frozenset(values))})"
        return f"_json_in({value}, {self._constant(list(values))})"

    def _string(self, schema: dict[str, Any], value: str) -> str:
        parts = [f"type({value}) is str"]
        if "minLength" in schema or "maxLength" in schema:
            low, high = schema.get("minLength", 0), schema.get("maxLength")
            parts.append(f"{low} <= len({value})" + (f" <= {high}" if high is not None else ""))
        if "pattern" in schema:
            parts.append(f"{self._constant(ecma_pattern(schema['pattern']).search)}({value}) is not None")
        return "(" + " and ".join(parts) + ")"


class _Function:
    """Writes the source of one check function."""

    def __init__(self, compiler: SchemaPrecheck, name: str) -> None:
        self.compiler = compiler
        self.name = name
        self.body: list[str] = []

    def lines(self, schema: Any) -> list[str]:
        if schema is True or schema is False:
            return [f"def {self.name}(x):", f"    return {schema}"]
        unknown = set(schema) - _ANNOTATIONS - _OBJECT_KEYWORDS - _KNOWN_KEYWORDS
        if unknown:
            raise UnsupportedKeyword(", ".join(sorted(unknown)))
        if _OBJECT_KEYWORDS.intersection(schema):
            self._object(schema)
        elif "type" in schema:
            self._fail_unless(self._type(schema["type"]))
        for keyword, value in schema.items():
            if keyword not in _ANNOTATIONS and keyword not in _OBJECT_KEYWORDS and keyword != "type":
                self._keyword(keyword, value, schema)
        return [f"def {self.name}(x):", *self.body, "    return True", ""]

    def _fail_unless(self, expression: str, indent: str = "    ") -> None:
        self.body.append(f"{indent}if not ({expression}): return False")

    def _type(self, value: str | list[str]) -> str:
        if isinstance(value, str):
            return _TYPE_TESTS[value].format(v="x")
        return " or ".join(f"({_TYPE_TESTS[name].format(v='x')})" for name in value)

    def _object(self, schema: dict[str, Any]) -> None:
        """Required, properties and additionalProperties: a key-set test, then each property present."""
        body = self.body
        if "type" in schema:
            self._fail_unless(self._type(schema["type"]))
        body.append("    if type(x) is dict:")
        required = schema.get("required", [])
        if required:
            body.append("        if " + " or ".join(f"{name!r} not in x" for name in required) + ": return False")
        properties = schema.get("properties", {})
        additional = schema.get("additionalProperties", True)
        if additional is True:
            for name, sub in properties.items():
                body.append(
                    f"        if {name!r} in x and not ({self.compiler.call(sub, f'x[{name!r}]')}): return False"
                )
            body.append("        pass")
            return
        if additional is False:
            self._fail_unless(f"x.keys() <= {self.compiler._constant(frozenset(properties))}", "        ")
        else:
            declared = self.compiler._constant(frozenset(properties))
            body.append("        for k, v in x.items():")
            self._fail_unless(f"k in {declared} or {self.compiler.call(additional, 'v')}", "            ")
        for name, sub in properties.items():
            test = self.compiler.call(sub, "v")
            if test == "True":
                continue
            indent = "        " if name in required else "            "
            if name not in required:
                body.append(f"        if {name!r} in x:")
            body.append(f"{indent}v = x[{name!r}]")
            self._fail_unless(test, indent)

    def _keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> None:
        compiler = self.compiler
        if keyword in ("enum", "const"):
            self._fail_unless(compiler._enum(value if keyword == "enum" else [value], "x"))
        elif keyword in ("propertyNames", "items", "uniqueItems"):
            self._collection_keyword(keyword, value)
        elif keyword[3:] in _SIZE_TYPES and keyword[:3] in ("min", "max"):
            sign = ">=" if keyword.startswith("min") else "<="
            self._fail_unless(f"type(x) is not {_SIZE_TYPES[keyword[3:]]} or len(x) {sign} {value}")
        elif keyword in ("minimum", "maximum"):
            sign = ">=" if keyword == "minimum" else "<="
            self._fail_unless(f"not _is_number(x) or x {sign} {value!r}")
        elif keyword == "pattern":
            self._fail_unless(f"type(x) is not str or {compiler._constant(ecma_pattern(value).search)}(x) is not None")
        elif keyword == "not":
            self._fail_unless(f"not ({compiler.call(value, 'x')})")
        elif keyword == "allOf":
            self._all_of(value)
        elif keyword == "if":
            condition = compiler.call(value, "x")
            then = compiler.call(schema.get("then", True), "x")
            otherwise = compiler.call(schema.get("else", True), "x")
            self._fail_unless(f"({then}) if ({condition}) else ({otherwise})")

    def _collection_keyword(self, keyword: str, value: Any) -> None:
        """Keywords about the members of an object or array."""
        if keyword == "propertyNames":
            self.body.append("    if type(x) is dict:")
            self.body.append("        for k in x:")
            self._fail_unless(self.compiler.call(value, "k"), "            ")
        elif keyword == "items":
            if not isinstance(value, dict | bool):
                raise UnsupportedKeyword("items as a list")
            self.body.append("    if type(x) is list:")
            self.body.append("        for v in x:")
            self._fail_unless(self.compiler.call(value, "v"), "            ")
        elif value:  # uniqueItems
            self._fail_unless("type(x) is not list or _unique_items(x)")

    def _all_of(self, subschemas: list[Any]) -> None:
        """allOf; if/then variants on one string discriminator become a table lookup."""
        variants: dict[str, dict[str, str]] = {}
        for sub in subschemas:
            key = _discriminator(sub)
            if key is None:
                self._fail_unless(self.compiler.call(sub, "x"))
            else:
                variants.setdefault(key[0], {})[key[1]] = self.compiler._function_name(sub.get("then", True))
        for key, table in variants.items():
            names = ", ".join(f"{value!r}: {function}" for value, function in table.items())
            every = " and ".join(f"{function}(x)" for function in table.values())
            lookup = self.compiler._constant(key)
            self.body.append("    if type(x) is dict:")
            self.body.append(f"        d = x.get({lookup})")
            self.body.append(f"        t = {{{names}}}.get(d) if type(d) is str else None")
            self.body.append("        if t is not None and not t(x): return False")
            self.body.append(f"    elif not ({every}): return False")


_KNOWN_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "propertyNames",
        "items",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
        "minProperties",
        "maxProperties",
        "minimum",
        "maximum",
        "pattern",
        "not",
        "allOf",
        "if",
        "then",
        "else",
        "uniqueItems",
    }
)


def _discriminator(schema: Any) -> tuple[str, str] | None:
    """(key, value) when a schema is {"if": {"properties": {key: {"const": value}}, "required": [key]}, "then": …}."""
    if not isinstance(schema, dict) or set(schema) != {"if", "then"}:
        return None
    condition = schema["if"]
    if not isinstance(condition, dict) or set(condition) != {"properties", "required"}:
        return None
    properties, required = condition["properties"], condition["required"]
    if len(properties) != 1 or list(properties) != required:
        return None
    ((key, sub),) = properties.items()
    if not isinstance(sub, dict) or set(sub) != {"const"} or type(sub["const"]) is not str:
        return None
    return key, sub["const"]


def _is_number(x: Any) -> bool:
    kind = type(x)
    return kind is int or kind is float or (isinstance(x, int | float) and kind is not bool)


def _is_integer(x: Any) -> bool:
    kind = type(x)
    if kind is int:
        return True
    if kind is bool:
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _unique_items(items: list[Any]) -> bool:
    """No two items are JSON-equal."""
    return all(not _json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)))


def _json_in(value: Any, allowed: list[Any]) -> bool:
    return any(_json_equal(value, item) for item in allowed)


def _json_equal(left: Any, right: Any) -> bool:
    """JSON equality: true/false are not numbers; 1 and 1.0 are equal."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_json_equal(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_json_equal(left[key], right[key]) for key in left)
    if isinstance(left, str) != isinstance(right, str):
        return False
    return left == right


@cache
def shared_precheck() -> SchemaPrecheck:
    """The checks generated for the app-definition schema (built on first use)."""
    return SchemaPrecheck(definition_schema())
