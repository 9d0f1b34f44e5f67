"""Check a sample-data spec against its app definition before anything is drawn."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from builder.model import AppDefinition, Entity, Field, FieldType
from templates_library.draws import (
    Choice,
    Constant,
    Cycle,
    DaysAfter,
    DaysFromToday,
    DecimalRange,
    Draw,
    Formatted,
    FromRef,
    HoursAfter,
    HoursFromNow,
    InPeriod,
    IntegerRange,
    OwnerOf,
    RefPick,
    SampleSpecError,
    dependencies,
)
from templates_library.sample_spec import SampleSpec, Segment

OWNER = "owner"
_NUMBERS = frozenset({FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT, FieldType.RATING})
_DECIMALS = frozenset({FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT})
_TEXTS = frozenset({FieldType.TEXT, FieldType.LONGTEXT})
_FIELD_TYPES: dict[type, frozenset[FieldType]] = {
    IntegerRange: _NUMBERS,
    DecimalRange: _DECIMALS,
    DaysFromToday: frozenset({FieldType.DATE}),
    DaysAfter: frozenset({FieldType.DATE}),
    HoursFromNow: frozenset({FieldType.DATETIME}),
    HoursAfter: frozenset({FieldType.DATETIME}),
    InPeriod: frozenset({FieldType.DATE, FieldType.DATETIME}),
    RefPick: frozenset({FieldType.REF}),
    Formatted: _TEXTS,
}


def check_spec(spec: SampleSpec, model: AppDefinition) -> None:
    """Raise SampleSpecError unless every draw names fields and entities the definition has, in a usable order."""
    generated: list[str] = []
    for position, entity_spec in enumerate(spec.entities):
        where = f"/entities/{position}"
        entity = model.entity(entity_spec.entity)
        if entity is None:
            raise SampleSpecError(f"{where}/entity: the app has no entity {entity_spec.entity!r}")
        for index, segment in enumerate(entity_spec.segments):
            _check_segment(segment, entity, model, generated, f"{where}/segments/{index}")
        generated.append(entity_spec.entity)


def drawing_order(segment: Segment) -> tuple[str, ...]:
    """The owner and fields of a segment, each after the fields its draw reads."""
    graph = {OWNER: dependencies(segment.owner)} | {field: dependencies(draw) for field, draw in segment.values.items()}
    return tuple(TopologicalSorter(graph).static_order())


def _check_segment(segment: Segment, entity: Entity, model: AppDefinition, generated: list[str], where: str) -> None:
    for field in entity.fields:
        if field.needs_input and field.id not in segment.values:
            raise SampleSpecError(f"{where}/values: required field {field.id!r} of {entity.id!r} is not drawn")
    _check_owner(segment.owner, segment, entity, f"{where}/owner")
    check = _DrawCheck(segment, entity, model, tuple(generated))
    for field_id, draw in segment.values.items():
        path = f"{where}/values/{field_id}"
        field = entity.own_field(field_id)
        if field is None or field.type is FieldType.COMPUTED or field.read_only:
            raise SampleSpecError(f"{path}: {entity.id!r} has no field {field_id!r} that records can be given")
        for problem in check.problems(draw, field):
            raise SampleSpecError(f"{path}: {problem}")
    try:
        drawing_order(segment)
    except CycleError as error:
        raise SampleSpecError(f"{where}/values: draws read each other in a loop: {error.args[1]}") from None


def _check_owner(draw: Draw, segment: Segment, entity: Entity, where: str) -> None:
    if isinstance(draw, OwnerOf):
        ref = entity.own_field(draw.ref_field)
        if ref is None or ref.type is not FieldType.REF or draw.ref_field not in segment.values:
            raise SampleSpecError(f"{where}: owner_of names a ref field this segment draws")
    elif isinstance(draw, Cycle | Choice):
        for item in draw.items:
            _check_owner(item, segment, entity, where)
    elif not isinstance(draw, Constant) or not isinstance(draw.value, str):
        raise SampleSpecError(f"{where}: a user name, a cycle or choice of them, or owner_of a ref field")


@dataclass(frozen=True, slots=True)
class _DrawCheck:
    """Checks the draws of one segment against the entity's fields."""

    segment: Segment
    entity: Entity
    model: AppDefinition
    generated: tuple[str, ...]  # the entities generated before this one

    def problems(self, draw: Draw, field: Field) -> Iterator[str]:
        """What is wrong with drawing `field` this way (nothing when it fits)."""
        if isinstance(draw, Cycle | Choice):
            for item in draw.items:
                yield from self.problems(item, field)
            return
        if isinstance(draw, OwnerOf):
            yield "owner_of is for the owner only"
            return
        allowed = _FIELD_TYPES.get(type(draw))
        if allowed is not None and field.type not in allowed:
            yield f"a {type(draw).__name__} draw does not fit a {field.type} field"
            return
        missing = sorted(dependencies(draw) - set(self.segment.values) - {OWNER})
        if missing:
            yield f"reads {', '.join(missing)}, which this segment does not draw"
        elif isinstance(draw, RefPick):
            yield from self._ref_problems(draw, field)
        elif isinstance(draw, DaysAfter | HoursAfter):
            base = self.entity.own_field(draw.field)
            if base is None or base.type is not field.type:
                yield f"{draw.field!r} is not a {field.type} field"
        elif isinstance(draw, FromRef):
            yield from self._copy_problems(draw, field)

    def _ref_problems(self, draw: RefPick, field: Field) -> Iterator[str]:
        if draw.entity != field.target_entity:
            yield f"the field points at {field.target_entity!r}, not {draw.entity!r}"
        elif draw.entity not in self.generated:
            yield f"{draw.entity!r} must be generated before {self.entity.id!r}"

    def _copy_problems(self, draw: FromRef, field: Field) -> Iterator[str]:
        ref = self.entity.own_field(draw.ref_field)
        if ref is None or ref.type is not FieldType.REF:
            yield f"{draw.ref_field!r} is not a ref field"
            return
        source = self.model.entity(ref.target_entity).own_field(draw.field)
        if source is None or source.type is not field.type or source.option_ids != field.option_ids:
            yield f"{ref.target_entity}.{draw.field} is not a field of the same type"
