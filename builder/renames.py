"""Explicit id changes between two versions of an app (DESIGN.md decision 2: ids never change implicitly)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Renames:
    """Explicit id changes (DESIGN.md decision 2): entities old → new, fields (old entity, old field) → new field."""

    entities: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, entities: Mapping[str, str], fields: Mapping[str, str]) -> Renames:
        """Renames as the publisher takes them: {"old": "new"} and {"old_entity.old_field": "new_field"}."""
        pairs = {}
        for key, new in fields.items():
            entity_id, dot, field_id = key.partition(".")
            if not dot or not entity_id or not field_id:
                raise ValueError(f"field renames are written 'entity.old_field': 'new_field', not {key!r}")
            pairs[(entity_id, field_id)] = new
        return cls(entities=dict(entities), fields=pairs)

    def new_entity_id(self, old_id: str) -> str:
        """The new id of an entity."""
        return self.entities.get(old_id, old_id)

    def new_field_id(self, old_entity: str, old_field: str) -> str:
        """The new id of a field of an entity (both by their old ids)."""
        return self.fields.get((old_entity, old_field), old_field)
