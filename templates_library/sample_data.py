"""Generated sample records: values as the records API takes them, refs naming other generated records."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SampleRef:
    """A ref value: the generated record at `position` (from 0) among the records of `entity`."""

    entity: str
    position: int


@dataclass(frozen=True, slots=True)
class SampleRecord:
    """One generated record: who owns it and its field values (refs as SampleRef)."""

    entity: str
    position: int
    owner: str
    values: Mapping[str, Any]

    def body(self, record_id: Callable[[SampleRef], int]) -> dict[str, Any]:
        """The values as a records-API body, each ref replaced by the id of the record created for it."""
        return {
            field: record_id(value) if isinstance(value, SampleRef) else value for field, value in self.values.items()
        }


@dataclass(frozen=True, slots=True)
class SampleData:
    """Every generated record, entity by entity in creation order (parents before the records that point at them)."""

    entities: tuple[tuple[str, tuple[SampleRecord, ...]], ...]

    def records(self, entity_id: str) -> tuple[SampleRecord, ...]:
        """The records of one entity (none when the spec generates none)."""
        return dict(self.entities).get(entity_id, ())

    def all_records(self) -> list[SampleRecord]:
        """Every record, in creation order."""
        return [record for _, records in self.entities for record in records]

    @property
    def owners(self) -> frozenset[str]:
        """The users who own some record."""
        return frozenset(record.owner for record in self.all_records())

    def counts(self) -> dict[str, int]:
        """How many records each entity gets."""
        return {entity_id: len(records) for entity_id, records in self.entities}


def sequential_ids(ref: SampleRef) -> int:
    """The id a record gets when its entity's records are created in order into an empty table."""
    return ref.position + 1


def values_by_entity(data: SampleData) -> Mapping[str, list[dict[str, Any]]]:
    """Each entity's records as plain dicts with `owner` and sequential ids (to preview or evaluate conditions)."""
    return {
        entity_id: [
            record.body(sequential_ids) | {"id": record.position + 1, "owner": record.owner} for record in records
        ]
        for entity_id, records in data.entities
    }
