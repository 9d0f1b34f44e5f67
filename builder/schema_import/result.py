"""What importing a JSON Schema form gives: the entity, its form and every keyword left behind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class SchemaImportError(ValueError):
    """A schema that cannot be imported at all (not an object schema, a $ref cycle, a dangling $ref)."""


@dataclass(frozen=True)
class Unsupported:
    """One keyword of the schema that the import could not carry over, with where and why."""

    keyword: str
    pointer: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """The note as JSON."""
        return {"keyword": self.keyword, "pointer": self.pointer, "reason": self.reason}


@dataclass(frozen=True)
class SchemaImport:
    """An entity and its form (app-definition JSON) made from a JSON Schema, and the notes on what was dropped."""

    entity: dict[str, Any]
    form: dict[str, Any]
    unsupported: tuple[Unsupported, ...]
    field_paths: dict[str, str] = field(default_factory=dict)
    option_values: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        """The id of the imported entity."""
        return str(self.entity["id"])

    def app_definition(self, app_id: str | None = None) -> dict[str, Any]:
        """A minimal app definition holding just this entity and its form."""
        return {
            "format_version": 1,
            "id": app_id or self.entity_id,
            "label": self.entity["label"],
            "entities": [self.entity],
            "forms": [self.form],
        }

    def to_json(self) -> dict[str, Any]:
        """The whole result as JSON (field_paths: data pointer → field id; option_values: field → value → option)."""
        return {
            "entity": self.entity,
            "form": self.form,
            "unsupported": [note.to_json() for note in self.unsupported],
            "field_paths": self.field_paths,
            "option_values": self.option_values,
        }
