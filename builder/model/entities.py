"""Entities: the record types of an app, each a table of its own at run time."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from builder.model.common import Label, first_by_id
from builder.model.fields import SYSTEM_FIELDS_BY_ID, Field


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A record type with its fields."""

    id: str
    label: Label
    fields: tuple[Field, ...]
    description: Label | None = None
    title_field: str | None = None
    icon: str | None = None
    path: str = dataclasses.field(default="", compare=False)
    _index: Mapping[str, Field] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", first_by_id(self.fields))

    def field(self, field_id: str) -> Field | None:
        """A field by id, own fields first, then the system fields (owner, created_at…)."""
        return self._index.get(field_id) or SYSTEM_FIELDS_BY_ID.get(field_id)

    def own_field(self, field_id: str) -> Field | None:
        """A field defined by the app (not a system field) by id."""
        return self._index.get(field_id)
