"""A template's sample-data spec: for each entity, segments of records and how each value is drawn."""

# {"entities": [{"entity": "lead", "segments": [
#     {"note": "contacted within a day", "count": 8, "owner": {"cycle": ["chen.jie", "zhao.lei"]},
#      "values": {"company": {"cycle": [...]}, "received_at": {"hours_from_now": [-240, -96]}}}]}]}
# Entities are generated in the listed order, so a ref can only point at an entity listed before.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from templates_library.draw_parsing import parse_draw
from templates_library.draws import Draw, SampleSpecError

MAX_SEGMENT_RECORDS = 500
_SEGMENT_KEYS = frozenset({"count", "owner", "values"})


@dataclass(frozen=True, slots=True)
class Segment:
    """`count` records drawn alike: one slice of the data (e.g. leads waiting more than 48 hours)."""

    count: int
    owner: Draw
    values: Mapping[str, Draw]
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """The records of one entity, segment by segment."""

    entity: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class SampleSpec:
    """Every entity's records, in the order they are generated (and created)."""

    entities: tuple[EntitySpec, ...]


def parse_sample_spec(document: Any) -> SampleSpec:
    """The typed spec of a sample_data.json document; raise SampleSpecError at the first mistake."""
    if not isinstance(document, dict) or set(document) != {"entities"} or not isinstance(document["entities"], list):
        raise SampleSpecError('/: expected {"entities": [...]}')
    entities = tuple(_entity(raw, f"/entities/{position}") for position, raw in enumerate(document["entities"]))
    ids = [entity.entity for entity in entities]
    if len(set(ids)) != len(ids):
        raise SampleSpecError("/entities: each entity is listed once")
    return SampleSpec(entities)


def _entity(raw: Any, where: str) -> EntitySpec:
    if not isinstance(raw, dict) or set(raw) != {"entity", "segments"}:
        raise SampleSpecError(f'{where}: expected {{"entity": id, "segments": [...]}}')
    if not isinstance(raw["entity"], str) or not isinstance(raw["segments"], list) or not raw["segments"]:
        raise SampleSpecError(f"{where}: an entity id and a non-empty list of segments")
    segments = tuple(_segment(item, f"{where}/segments/{position}") for position, item in enumerate(raw["segments"]))
    return EntitySpec(raw["entity"], segments)


def _segment(raw: Any, where: str) -> Segment:
    if not isinstance(raw, dict) or not _SEGMENT_KEYS <= set(raw) <= {*_SEGMENT_KEYS, "note"}:
        raise SampleSpecError(f"{where}: expected count, owner, values and optionally note")
    count, values, note = raw["count"], raw["values"], raw.get("note", "")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_SEGMENT_RECORDS:
        raise SampleSpecError(f"{where}/count: a whole number from 1 to {MAX_SEGMENT_RECORDS}")
    if not isinstance(values, dict) or not isinstance(note, str):
        raise SampleSpecError(f"{where}: values is an object of field id → draw, note a text")
    return Segment(
        count=count,
        owner=parse_draw(raw["owner"], f"{where}/owner"),
        values={field: parse_draw(draw, f"{where}/values/{field}") for field, draw in values.items()},
        note=note,
    )
