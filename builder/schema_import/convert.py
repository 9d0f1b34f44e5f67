"""Walk a JSON Schema object form: leaf properties become fields, nested objects become prefixed fields and sections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.pointers import child, pointer
from builder.schema_import.fields import leaf_field
from builder.schema_import.keywords import note_rest, schema_types
from builder.schema_import.naming import FIELD_RESERVED, IdAllocator
from builder.schema_import.refs import Node, Resolver
from builder.schema_import.result import SchemaImportError, Unsupported
from builder.schema_import.texts import label_text

_OBJECT_KEYWORDS = ("type", "properties", "required", "title", "description")


@dataclass
class Section:
    """A form section being filled: its id, heading, columns and field ids."""

    id: str
    label: str | None
    columns: int
    fields: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The section as app-definition JSON."""
        section: dict[str, Any] = {"id": self.id}
        if self.label:
            section["label"] = self.label
        return {**section, "columns": self.columns, "fields": self.fields}


def ordered(names: list[str], order: Any) -> list[str]:
    """Property names in `ui:order` order (`*` stands for the rest; unlisted names go last)."""
    if not isinstance(order, list):
        return names
    listed = [name for name in order if name in names]
    rest = [name for name in names if name not in listed]
    result: list[str] = []
    for item in order:
        if item == "*":
            result.extend(rest)
        elif item in names and item not in result:
            result.append(item)
    return result + [name for name in rest if name not in result]


def _columns(ui: Mapping[str, Any]) -> int:
    options = ui.get("ui:options")
    columns = options.get("columns") if isinstance(options, Mapping) else None
    return columns if type(columns) is int and 1 <= columns <= 4 else 1


def _ui(ui: Any, name: str) -> Mapping[str, Any]:
    part = ui.get(name) if isinstance(ui, Mapping) else None
    return part if isinstance(part, Mapping) else {}


def is_object(node: Node) -> bool:
    """Tell whether a node is an object schema (declared, or implied by `properties`)."""
    types = schema_types(node)
    return types == ["object"] or (not types and isinstance(node.schema.get("properties"), Mapping))


class FormWalker:
    """Collects fields, sections, notes and the data pointer → field id map of one import."""

    def __init__(self, resolver: Resolver, entity_id: str) -> None:
        self.resolver = resolver
        self.entity_id = entity_id
        self.field_ids = IdAllocator("field", FIELD_RESERVED)
        self.section_ids = IdAllocator("section", FIELD_RESERVED, "_section")
        self.fields: list[dict[str, Any]] = []
        self.sections: list[Section] = []
        self.notes: list[Unsupported] = []
        self.field_paths: dict[str, str] = {}
        self.option_values: dict[str, dict[str, str]] = {}
        self.default_pointers: dict[str, str] = {}

    def walk(self, node: Node, ui: Mapping[str, Any], path: tuple[str, ...], prefix: str, section: Section) -> None:
        """Turn an object's properties into fields of `section`, then nested objects into sections of their own."""
        used = set(_OBJECT_KEYWORDS)
        if node.schema.get("additionalProperties") is False:
            used.add("additionalProperties")
        note_rest(node, used, self.notes)
        properties = node.schema.get("properties")
        properties = properties if isinstance(properties, Mapping) else {}
        required = node.schema.get("required")
        required = set(required) if isinstance(required, list) else set()
        self.sections.append(section)
        nested: list[tuple[Node, Mapping[str, Any], tuple[str, ...], str, Section]] = []
        for name in ordered(list(properties), ui.get("ui:order")):
            child_node = self.resolver.node(properties[name], child(node.at("properties"), name), node.refs)
            child_ui = _ui(ui, name)
            if child_node.external_ref is not None:
                reason = f"only references inside the schema are resolved, not {child_node.external_ref}"
                self.notes.append(Unsupported("$ref", child_node.at("$ref"), reason))
            elif is_object(child_node):
                part = self.field_ids.part(name)
                group = f"{prefix}_{part}" if prefix else part
                title = label_text(child_ui.get("ui:title"), child_node.schema.get("title"), name)
                sub = Section(self.section_ids.claim(group), title, _columns(child_ui))
                nested.append((child_node, child_ui, (*path, name), group, sub))
            else:
                self._add_leaf(child_node, child_ui, (*path, name), prefix, name in required, section)
        for args in nested:
            self.walk(*args)

    def _add_leaf(  # noqa: PLR0917 - one call site, each argument is a different part of the place
        self, node: Node, ui: Mapping[str, Any], path: tuple[str, ...], prefix: str, required: bool, section: Section
    ) -> None:
        leaf = leaf_field(node, ui, path[-1], self.notes, self.entity_id)
        if leaf is None:
            return
        field_id = self.field_ids.allocate(path[-1], prefix)
        built = {"id": field_id, "type": leaf.field["type"], "label": leaf.field["label"] or field_id, **leaf.field}
        if required:
            built["required"] = True
        self.fields.append(built)
        section.fields.append(field_id)
        self.field_paths[pointer(path)] = field_id
        if leaf.value_map is not None:
            self.option_values[field_id] = leaf.value_map
        if "default" in built:
            self.default_pointers[field_id] = node.at("default")

    def form_sections(self) -> list[dict[str, Any]]:
        """The sections that received fields."""
        return [section.to_json() for section in self.sections if section.fields]


def root_node(schema: Any) -> tuple[Resolver, Node]:
    """The resolver of a schema document and its root, which must be an object schema with properties."""
    if not isinstance(schema, Mapping):
        raise SchemaImportError("a JSON Schema form must be a JSON object")
    resolver = Resolver(schema)
    root = resolver.root()
    if not is_object(root) or not isinstance(root.schema.get("properties"), Mapping):
        raise SchemaImportError("the schema must describe an object with properties (type: object)")
    return resolver, root
