"""The one access layer all record reads and writes ask: row scopes, field visibility (full access for now)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement

from runtime.storage.tables import EntityStorage


@dataclass(frozen=True, slots=True)
class RecordAccess:
    """What one user may do with one entity's records."""

    actor: str

    def row_filter(self, storage: EntityStorage) -> ColumnElement[bool] | None:
        """A condition on the records the user may read; None when they may read every record."""
        return None

    def readable(self, storage: EntityStorage, field_id: str) -> bool:
        """Whether the user may read (and so filter, sort and search by) a field."""
        return True
