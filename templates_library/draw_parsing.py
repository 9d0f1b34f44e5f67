"""Read the draws of a sample-data spec (see templates_library.draws for what each one means)."""

from __future__ import annotations

from typing import Any

from templates_library.draws import (
    PERIODS,
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


def parse_draw(raw: Any, where: str) -> Draw:
    """The draw a spec value names; raise SampleSpecError when it names none."""
    if not isinstance(raw, dict):
        return Constant(raw)
    kinds = set(raw) & set(_PARSERS)
    if len(kinds) != 1:
        raise SampleSpecError(f"{where}: a draw names exactly one of {', '.join(sorted(_PARSERS))}")
    kind = kinds.pop()
    allowed = {kind, *_OPTIONS.get(kind, ())}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise SampleSpecError(f"{where}: unknown key(s) {', '.join(unknown)} for a {kind!r} draw")
    return _PARSERS[kind](raw, f"{where}/{kind}")


def _items(raw: dict, key: str, where: str) -> tuple[Draw, ...]:
    items = raw[key]
    if not isinstance(items, list) or not items:
        raise SampleSpecError(f"{where}: a non-empty list of values")
    return tuple(parse_draw(item, f"{where}/{position}") for position, item in enumerate(items))


def _choice(raw: dict, where: str) -> Choice:
    items = _items(raw, "choice", where)
    weights = raw.get("weights")
    if weights is None:
        return Choice(items)
    if not isinstance(weights, list) or len(weights) != len(items) or not all(_is_number(w) and w > 0 for w in weights):
        raise SampleSpecError(f"{where}: weights are positive numbers, one per item")
    return Choice(items, tuple(weights))


def _pair(value: Any, where: str, *, whole: bool) -> tuple[Any, Any]:
    """[low, high] (a single number means low == high)."""
    check = _is_whole if whole else _is_number
    if check(value):
        return value, value
    if isinstance(value, list) and len(value) == 2 and all(map(check, value)) and value[0] <= value[1]:
        return value[0], value[1]
    kind = "whole numbers" if whole else "numbers"
    raise SampleSpecError(f"{where}: [low, high] of {kind} with low <= high, or one number")


def _integer(raw: dict, where: str) -> IntegerRange:
    low, high = _pair(raw["integer"], where, whole=True)
    step = raw.get("step", 1)
    if not _is_whole(step) or step < 1 or low % step or high % step:
        raise SampleSpecError(f"{where}: step is a whole number >= 1 dividing low and high")
    return IntegerRange(low, high, step)


def _decimal(raw: dict, where: str) -> DecimalRange:
    low, high = _pair(raw["decimal"], where, whole=False)
    scale = raw.get("scale", 2)
    if not _is_whole(scale) or not 0 <= scale <= 6:
        raise SampleSpecError(f"{where}: scale is a whole number from 0 to 6")
    return DecimalRange(low, high, scale)


def _days_from_today(raw: dict, where: str) -> DaysFromToday:
    in_turn = raw.get("in_turn", False)
    if not isinstance(in_turn, bool):
        raise SampleSpecError(f"{where}: in_turn is true or false")
    return DaysFromToday(*_pair(raw["days_from_today"], where, whole=True), in_turn=in_turn)


def _in_period(raw: dict, where: str) -> InPeriod:
    period, offset = raw["in_period"], raw.get("offset", 0)
    if period not in PERIODS:
        raise SampleSpecError(f"{where}: one of {', '.join(PERIODS)}")
    if not _is_whole(offset) or offset > 0:
        raise SampleSpecError(f"{where}: offset is a whole number <= 0 (sample data is not in the future)")
    return InPeriod(period, offset)


def _after(raw: dict, kind: str, where: str) -> DaysAfter | HoursAfter:
    field = raw[kind]
    if not isinstance(field, str):
        raise SampleSpecError(f"{where}: the id of another field of the record")
    if kind == "days_after":
        return DaysAfter(field, *_pair(raw.get("range", 0), f"{where}/range", whole=True))
    return HoursAfter(field, *_pair(raw.get("range", 0), f"{where}/range", whole=False))


def _ref(raw: dict, where: str) -> RefPick:
    entity, each, start, same_owner = raw["ref"], raw.get("each"), raw.get("start", 0), raw.get("same_owner", False)
    if not isinstance(entity, str):
        raise SampleSpecError(f"{where}: the id of an entity generated before this one")
    if each is not None and (not _is_whole(each) or each < 1):
        raise SampleSpecError(f"{where}: each is a whole number >= 1")
    if not _is_whole(start) or start < 0 or not isinstance(same_owner, bool):
        raise SampleSpecError(f"{where}: start is a whole number >= 0, same_owner true or false")
    if each is not None and same_owner:
        raise SampleSpecError(f"{where}: pick parents in turn (each) or by owner (same_owner), not both")
    return RefPick(entity, each, start, same_owner)


def _text_key(raw: dict, key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value:
        raise SampleSpecError(f"{where}: a text")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_PARSERS = {
    "cycle": lambda raw, where: Cycle(_items(raw, "cycle", where)),
    "choice": _choice,
    "integer": _integer,
    "decimal": _decimal,
    "days_from_today": _days_from_today,
    "in_period": _in_period,
    "hours_from_now": lambda raw, where: HoursFromNow(*_pair(raw["hours_from_now"], where, whole=False)),
    "days_after": lambda raw, where: _after(raw, "days_after", where),
    "hours_after": lambda raw, where: _after(raw, "hours_after", where),
    "ref": _ref,
    "of_ref": lambda raw, where: FromRef(_text_key(raw, "of_ref", where), _text_key(raw, "field", where)),
    "format": lambda raw, where: Formatted(_text_key(raw, "format", where)),
    "owner_of": lambda raw, where: OwnerOf(_text_key(raw, "owner_of", where)),
}
_OPTIONS = {
    "choice": ("weights",),
    "integer": ("step",),
    "decimal": ("scale",),
    "days_from_today": ("in_turn",),
    "in_period": ("offset",),
    "days_after": ("range",),
    "hours_after": ("range",),
    "ref": ("each", "start", "same_owner"),
    "of_ref": ("field",),
}
