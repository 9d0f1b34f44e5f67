"""The one sample-data generator: draws every template's records from its declarative spec, seeded."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from builder.field_values import value_problem
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
)
from templates_library.sample_checks import OWNER, check_spec, drawing_order
from templates_library.sample_data import SampleData, SampleRecord, SampleRef
from templates_library.sample_spec import SampleSpec


def generate_sample_data(spec: SampleSpec, model: AppDefinition, *, seed: int, now: datetime) -> SampleData:
    """Every record the spec describes, drawn with `seed` around `now` (the same seed and now: the same data).

    Every value is checked against its field as the validator checks literals; a value that does not fit, or a
    unique value drawn twice, raises SampleSpecError naming the segment.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    check_spec(spec, model)
    local_now = now.astimezone(ZoneInfo(model.timezone)).replace(second=0, microsecond=0)
    drawer = _Drawer(random.Random(seed), model, local_now)
    entities = []
    for position, entity_spec in enumerate(spec.entities):
        entity = model.entity(entity_spec.entity)
        records: list[SampleRecord] = []
        for index, segment in enumerate(entity_spec.segments):
            where = f"/entities/{position}/segments/{index}"
            order = drawing_order(segment)
            for in_segment in range(segment.count):
                context = _Record(entity, len(records), in_segment, where)
                for name in order:
                    draw = segment.owner if name == OWNER else segment.values[name]
                    drawer.fill(context, name, draw)
                records.append(SampleRecord(entity.id, context.position, context.owner, context.values))
        _check_unique(entity, records, f"/entities/{position}")
        drawer.generated[entity.id] = records
        entities.append((entity.id, tuple(records)))
    return SampleData(tuple(entities))


@dataclass
class _Record:
    """The record being drawn: where it stands and what it has so far."""

    entity: Entity
    position: int  # among the entity's records, from 0
    in_segment: int  # among its segment's records, from 0
    where: str
    owner: str = ""

    def __post_init__(self) -> None:
        self.values: dict[str, Any] = {}


class _Drawer:
    """Draws values with one random generator, relative to one moment."""

    def __init__(self, rng: random.Random, model: AppDefinition, now: datetime) -> None:
        self.rng = rng
        self.model = model
        self.now = now
        self.today: date = now.date()
        self.generated: dict[str, list[SampleRecord]] = {}

    def fill(self, record: _Record, name: str, draw: Draw) -> None:
        """Draw the owner or one field of the record, checked against the field."""
        if name == OWNER:
            record.owner = self.value(draw, record, None)
            return
        field = record.entity.own_field(name)
        value = self.value(draw, record, field)
        if value is None and field.required:
            raise SampleSpecError(f"{record.where}/values/{name}: required field {name!r} gets no value")
        if not isinstance(value, SampleRef):
            problem = value_problem(field, value)
            if problem is not None:
                raise SampleSpecError(f"{record.where}/values/{name}: {value!r} is not {problem[0]}")
        record.values[name] = value

    def value(self, draw: Draw, record: _Record, field: Field | None) -> Any:  # noqa: C901 - one branch per kind
        """One value of a draw for a field (None: the owner) of a record."""
        rng = self.rng
        if isinstance(draw, Constant):
            return list(draw.value) if isinstance(draw.value, list) else draw.value
        if isinstance(draw, Cycle):
            return self.value(draw.items[record.in_segment % len(draw.items)], record, field)
        if isinstance(draw, Choice):
            return self.value(rng.choices(draw.items, weights=draw.weights)[0], record, field)
        if isinstance(draw, IntegerRange):
            return rng.randrange(draw.low, draw.high + 1, draw.step)
        if isinstance(draw, DecimalRange):
            number = Decimal(rng.uniform(draw.low, draw.high)).quantize(Decimal(1).scaleb(-draw.scale))
            return int(number) if draw.scale == 0 else float(number)
        if isinstance(draw, DaysFromToday):
            span = draw.high - draw.low + 1
            days = draw.high - record.in_segment % span if draw.in_turn else rng.randint(draw.low, draw.high)
            return (self.today + timedelta(days=days)).isoformat()
        if isinstance(draw, InPeriod):
            return self._in_period(draw, field)
        if isinstance(draw, HoursFromNow):
            return self._moment(self.now, draw.low, draw.high)
        if isinstance(draw, DaysAfter):
            base = date.fromisoformat(record.values[draw.field])
            return (base + timedelta(days=rng.randint(draw.low, draw.high))).isoformat()
        if isinstance(draw, HoursAfter):
            return self._moment(datetime.fromisoformat(record.values[draw.field]), draw.low, draw.high)
        if isinstance(draw, RefPick):
            return self._pick(draw, record)
        if isinstance(draw, FromRef):
            return self._target(record.values[draw.ref_field]).values.get(draw.field)
        if isinstance(draw, OwnerOf):
            return self._target(record.values[draw.ref_field]).owner
        return self._format(draw, record)

    def _moment(self, base: datetime, low: float, high: float) -> str:
        minutes = self.rng.randint(round(low * 60), round(high * 60))
        return (base + timedelta(minutes=minutes)).isoformat(timespec="seconds")

    def _in_period(self, draw: InPeriod, field: Field) -> str:
        first, last = period_bounds(self.today, draw.period, draw.offset)
        if field.type is FieldType.DATE:
            return (first + timedelta(days=self.rng.randint(0, (min(last, self.today) - first).days))).isoformat()
        start = datetime.combine(first, time(), self.now.tzinfo)
        end = min(datetime.combine(last + timedelta(days=1), time(), self.now.tzinfo), self.now)
        minutes = self.rng.randint(0, int((end - start).total_seconds() // 60))
        return (start + timedelta(minutes=minutes)).isoformat(timespec="seconds")

    def _pick(self, draw: RefPick, record: _Record) -> SampleRef:
        candidates = self.generated[draw.entity]
        if draw.each is not None:
            parent = draw.start + record.in_segment // draw.each
            if parent >= len(candidates):
                raise SampleSpecError(f"{record.where}: there is no {draw.entity} record {parent} to point at")
            return SampleRef(draw.entity, parent)
        if draw.same_owner:
            candidates = [candidate for candidate in candidates if candidate.owner == record.owner]
            if not candidates:
                raise SampleSpecError(f"{record.where}: {record.owner} owns no {draw.entity} record to point at")
        return SampleRef(draw.entity, self.rng.choice(candidates).position)

    def _target(self, ref: Any) -> SampleRecord:
        if not isinstance(ref, SampleRef):
            raise SampleSpecError(f"reading through a ref that is empty ({ref!r})")
        return self.generated[ref.entity][ref.position]

    def _format(self, draw: Formatted, record: _Record) -> str:
        shown = {name: self._shown(record.values.get(name)) for name in draw.fields}
        try:
            return draw.pattern.format(index=record.position + 1, **shown)
        except (ValueError, KeyError, IndexError) as error:
            raise SampleSpecError(f"{record.where}: format {draw.pattern!r} fails: {error}") from None

    def _shown(self, value: Any) -> Any:
        """A value as a text pattern shows it: a ref as the title of the record it points at."""
        if isinstance(value, SampleRef):
            target = self._target(value)
            title = self.model.entity(value.entity).title_field
            return target.values.get(title, f"#{value.position + 1}") if title else f"#{value.position + 1}"
        return "" if value is None else value


def period_bounds(today: date, period: str, offset: int) -> tuple[date, date]:
    """The first and last day of the calendar period `offset` periods from the one holding `today` (weeks: Monday)."""
    if period == "day":
        day = today + timedelta(days=offset)
        return day, day
    if period == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    first = (today.year * 12 + today.month - 1) // months * months + offset * months
    following = first + months
    return date(first // 12, first % 12 + 1, 1), date(following // 12, following % 12 + 1, 1) - timedelta(days=1)


def _check_unique(entity: Entity, records: list[SampleRecord], where: str) -> None:
    for field in entity.fields:
        if field.unique:
            _check_distinct(field, records, where)


def _check_distinct(field: Field, records: list[SampleRecord], where: str) -> None:
    seen: set[Any] = set()
    for record in records:
        value = record.values.get(field.id)
        if value is not None and value in seen:
            raise SampleSpecError(f"{where}: unique field {field.id!r} gets {value!r} twice")
        seen.add(value)
