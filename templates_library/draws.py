"""How one sample value is drawn: the typed forms of the draws a sample-data spec may name."""

# In a spec, a value that is not a JSON object is a constant; an object names one draw by its key:
#   {"cycle": [a, b]}                     the i-th record of the segment takes item i mod n (items may be draws)
#   {"choice": [a, b], "weights": [3, 1]} a random item
#   {"integer": [low, high], "step": 100} a whole number (a multiple of step)
#   {"decimal": [low, high], "scale": 2}  a number with `scale` decimal places
#   {"days_from_today": [-30, 0]}         a date relative to today (one number: exactly that day); with
#                                         "in_turn": true the i-th record of the segment takes high - (i mod span)
#   {"in_period": "month", "offset": -1}  a date or date-time in a calendar period (day, week from Monday, month,
#                                         quarter, year) relative to the current one, never after now
#   {"hours_from_now": [-72, -48]}        a date-time relative to now, to the minute
#   {"days_after": "field", "range": [1, 5]} / {"hours_after": "field", "range": [2, 30]}
#                                         a date / date-time after another field of the same record
#   {"ref": "entity", "each": 3, "start": 0, "same_owner": true}
#                                         a generated record of an entity: `each` records per parent in turn
#                                         from parent `start`, else a random one (owned by this record's owner)
#   {"of_ref": "field", "field": "city"}  a field of the record a ref field points at (a denormalised copy)
#   {"format": "HT-{index:03d} {customer}"} a text; {index} counts the entity's records from 1, {field} is a
#                                         field's value (a ref: the title of the record it points at)
#   {"owner_of": "field"}                 owner only: the owner of the record a ref field points at

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any


class SampleSpecError(ValueError):
    """A sample-data spec that cannot be used, with where the mistake is."""


@dataclass(frozen=True, slots=True)
class Constant:
    """The same value for every record."""

    value: Any


@dataclass(frozen=True, slots=True)
class Cycle:
    """Items in turn, by the record's position in its segment."""

    items: tuple[Draw, ...]


@dataclass(frozen=True, slots=True)
class Choice:
    """A random item, optionally weighted."""

    items: tuple[Draw, ...]
    weights: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class IntegerRange:
    """A whole number from low to high, a multiple of step."""

    low: int
    high: int
    step: int = 1


@dataclass(frozen=True, slots=True)
class DecimalRange:
    """A number from low to high with `scale` decimal places."""

    low: float
    high: float
    scale: int = 2


@dataclass(frozen=True, slots=True)
class DaysFromToday:
    """A date `low`..`high` days from today (negative: in the past), at random or walking back in turn."""

    low: int
    high: int
    in_turn: bool = False


PERIODS = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class InPeriod:
    """A moment in the calendar period `offset` periods from the current one (0: this one, up to now)."""

    period: str
    offset: int = 0


@dataclass(frozen=True, slots=True)
class HoursFromNow:
    """A date-time `low`..`high` hours from now (negative: in the past)."""

    low: float
    high: float


@dataclass(frozen=True, slots=True)
class DaysAfter:
    """A date `low`..`high` days after another date field of the record."""

    field: str
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class HoursAfter:
    """A date-time `low`..`high` hours after another date-time field of the record."""

    field: str
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class RefPick:
    """A generated record of another entity."""

    entity: str
    each: int | None = None
    start: int = 0
    same_owner: bool = False


@dataclass(frozen=True, slots=True)
class FromRef:
    """A field of the record that a ref field of this record points at."""

    ref_field: str
    field: str


@dataclass(frozen=True, slots=True)
class Formatted:
    """A text made from a pattern with {index} and field placeholders."""

    pattern: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The field ids the pattern names (not {index})."""
        names = (name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(self.pattern) if name)
        return tuple(dict.fromkeys(name for name in names if name != "index"))


@dataclass(frozen=True, slots=True)
class OwnerOf:
    """The owner of the record a ref field points at (for the owner only)."""

    ref_field: str


Draw = (
    Constant
    | Cycle
    | Choice
    | IntegerRange
    | DecimalRange
    | DaysFromToday
    | InPeriod
    | HoursFromNow
    | DaysAfter
    | HoursAfter
    | RefPick
    | FromRef
    | Formatted
    | OwnerOf
)


def dependencies(draw: Draw) -> frozenset[str]:
    """The fields (and 'owner') of the same record a draw reads, so they are drawn first."""
    if isinstance(draw, Cycle | Choice):
        return frozenset().union(*(dependencies(item) for item in draw.items))
    if isinstance(draw, DaysAfter | HoursAfter):
        return frozenset({draw.field})
    if isinstance(draw, FromRef | OwnerOf):
        return frozenset({draw.ref_field})
    if isinstance(draw, Formatted):
        return frozenset(draw.fields)
    if isinstance(draw, RefPick) and draw.same_owner:
        return frozenset({"owner"})
    return frozenset()
