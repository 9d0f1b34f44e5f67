"""Schema nodes with local `$ref`s resolved, remembering where each keyword came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from builder.pointers import child, resolve
from builder.schema_import.result import SchemaImportError


@dataclass(frozen=True)
class Node:
    """A schema object after `$ref` resolution; `where` maps each keyword to the pointer of the object holding it."""

    schema: Mapping[str, Any]
    where: Mapping[str, str]
    refs: tuple[str, ...]
    external_ref: str | None = None

    def at(self, keyword: str) -> str:
        """The JSON pointer of one keyword of this node in the original document."""
        return child(self.where.get(keyword, ""), keyword)


class Resolver:
    """Resolves `$ref`s inside one document (`#/$defs/...`, `#/definitions/...`, any local pointer)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document

    def root(self) -> Node:
        """The document's root node."""
        return self.node(self._document, "", ("",))

    def node(self, schema: Any, pointer: str, refs: tuple[str, ...]) -> Node:
        """The node of the schema at `pointer`; `refs` are the references being expanded above it."""
        if not isinstance(schema, Mapping):
            raise SchemaImportError(f"{pointer or '/'}: a schema must be a JSON object")
        where = {keyword: pointer for keyword in schema}
        ref = schema.get("$ref")
        if ref is None:
            return Node(schema, where, refs)
        if not isinstance(ref, str) or not ref.startswith("#"):
            return Node(schema, where, refs, external_ref=str(ref))
        target = unquote(ref[1:])
        if target in refs:
            chain = " → ".join(f"#{item}" for item in (*refs[1:], target))
            raise SchemaImportError(f"{pointer}/$ref: the reference {ref} refers to itself ({chain})")
        try:
            resolved = resolve(self._document, target)
        except (LookupError, ValueError):
            raise SchemaImportError(f"{pointer}/$ref: {ref} names nothing in the schema") from None
        base = self.node(resolved, target, (*refs, target))
        siblings = {keyword: value for keyword, value in schema.items() if keyword != "$ref"}
        return Node(
            {**base.schema, **siblings},
            {**base.where, **{keyword: pointer for keyword in siblings}},
            base.refs,
            base.external_ref,
        )
