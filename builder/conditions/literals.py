"""Check and convert literal values compared with a field (one function for checking and evaluating)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from builder.model.common import Duration, DurationUnit
from builder.model.fields import Field, FieldType

MAX_LIST_LENGTH = 1000
MAX_TEXT_LITERAL = 1000
USER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$"  # also the JSON Schema pattern of user values
_USER_NAME = re.compile(USER_PATTERN)


class LiteralError(ValueError):
    """A literal that does not fit the field; `code` names the problem."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True, eq=False)  # the module's constants below, compared and hashed by identity (fast)
class ValueKind:
    """What kind of literal a field compares with."""

    name: str


NUMBER, TEXT, BOOLEAN, DATE, DATETIME, OPTION, OPTIONS, USER, RECORD = (
    ValueKind(name) for name in ("number", "text", "boolean", "date", "datetime", "option", "options", "user", "record")
)
_KINDS = {
    FieldType.TEXT: TEXT,
    FieldType.LONGTEXT: TEXT,
    FieldType.EMAIL: TEXT,
    FieldType.PHONE: TEXT,
    FieldType.URL: TEXT,
    FieldType.INTEGER: NUMBER,
    FieldType.NUMBER: NUMBER,
    FieldType.MONEY: NUMBER,
    FieldType.PERCENT: NUMBER,
    FieldType.RATING: NUMBER,
    FieldType.COMPUTED: NUMBER,
    FieldType.BOOLEAN: BOOLEAN,
    FieldType.DATE: DATE,
    FieldType.DATETIME: DATETIME,
    FieldType.CHOICE: OPTION,
    FieldType.MULTICHOICE: OPTIONS,
    FieldType.USER: USER,
    FieldType.REF: RECORD,
}


def value_kind(field: Field) -> ValueKind:
    """The kind of literal a field compares with."""
    return _KINDS[field.type]


def to_number(value: Any) -> int | Decimal:
    """A JSON or database number as an exact number (floats by their shortest decimal form)."""
    if type(value) is int:  # the common case first
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise LiteralError("condition.value_type", expected="number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise LiteralError("condition.value_type", expected="number")
        return Decimal(repr(value))
    return value


def scalar_literal(field: Field, value: Any, timezone: tzinfo = UTC) -> Any:
    """Convert one literal compared with `field`; raise LiteralError when it does not fit."""
    return _CONVERTERS[_KINDS[field.type]](field, value, timezone)  # value_kind, inlined: called per rule


def _number(field: Field, value: Any, timezone: tzinfo) -> int | Decimal:
    return value if type(value) is int else to_number(value)  # the common case without a call


def _text(field: Field, value: Any, timezone: tzinfo) -> str:
    if not isinstance(value, str):
        raise LiteralError("condition.value_type", expected="text")
    if len(value) > MAX_TEXT_LITERAL:
        raise LiteralError("condition.value_too_long", limit=MAX_TEXT_LITERAL)
    return value


def _boolean(field: Field, value: Any, timezone: tzinfo) -> bool:
    if not isinstance(value, bool):
        raise LiteralError("condition.value_type", expected="boolean")
    return value


def _option(field: Field, value: Any, timezone: tzinfo) -> str:
    if not isinstance(value, str):
        raise LiteralError("condition.value_type", expected="option")
    if value not in field.option_ids:
        raise LiteralError("ref.unknown_option", option=value, field=field.id)
    return value


def _user(field: Field, value: Any, timezone: tzinfo) -> str:
    if not isinstance(value, str) or not _USER_NAME.fullmatch(value):
        raise LiteralError("condition.value_type", expected="user")
    return value


def _record(field: Field, value: Any, timezone: tzinfo) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LiteralError("condition.value_type", expected="record")
    return value


_CONVERTERS = {
    NUMBER: _number,
    TEXT: _text,
    BOOLEAN: _boolean,
    DATE: lambda field, value, timezone: parse_date(value),
    DATETIME: lambda field, value, timezone: parse_datetime(value, timezone),
    OPTION: _option,
    OPTIONS: _option,
    USER: _user,
    RECORD: _record,
}


def list_literal(field: Field, value: Any, timezone: tzinfo = UTC) -> tuple[Any, ...]:
    """Convert the list of an in/notIn rule."""
    if not isinstance(value, list) or not value:
        raise LiteralError("condition.value_type", expected="list")
    if len(value) > MAX_LIST_LENGTH:
        raise LiteralError("condition.value_too_long", limit=MAX_LIST_LENGTH)
    return tuple(scalar_literal(field, item, timezone) for item in value)


def range_literal(field: Field, value: Any, timezone: tzinfo = UTC) -> tuple[Any, Any]:
    """Convert the [low, high] pair of a between rule."""
    if not isinstance(value, list) or len(value) != 2:
        raise LiteralError("condition.value_type", expected="range")
    low, high = (scalar_literal(field, item, timezone) for item in value)
    if low > high:
        raise LiteralError("condition.invalid_range", low=value[0], high=value[1])
    return low, high


def duration_literal(field: Field, value: Any) -> Duration:
    """Convert the {"amount": N, "unit": "days"} of withinLast/olderThan."""
    if not isinstance(value, dict) or set(value) != {"amount", "unit"}:
        raise LiteralError("condition.value_type", expected="duration")
    amount, unit = value["amount"], value["unit"]
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= 100000:
        raise LiteralError("condition.value_type", expected="duration_amount")
    try:
        parsed_unit = DurationUnit(unit)
    except ValueError:
        raise LiteralError("condition.value_type", expected="duration_unit") from None
    if not field.fits_duration_unit(parsed_unit):
        raise LiteralError("condition.duration_unit", field=field.id)
    return Duration(amount=amount, unit=parsed_unit)


def parse_date(value: Any) -> date:
    """Parse an ISO date 'YYYY-MM-DD' (a date object passes through)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise LiteralError("condition.value_type", expected="date")


def parse_datetime(value: Any, timezone: tzinfo = UTC) -> datetime:
    """Parse an ISO datetime (or date) as an aware UTC datetime; naive values are in `timezone`."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and 10 <= len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise LiteralError("condition.value_type", expected="datetime") from None
    else:
        raise LiteralError("condition.value_type", expected="datetime")
    aware = parsed.replace(tzinfo=timezone) if parsed.tzinfo is None else parsed
    try:
        return aware.astimezone(UTC)  # in UTC, so times in a repeated or skipped local hour compare exactly
    except OverflowError:  # within hours of year 1 or 9999: no UTC equivalent, compare as written
        return aware
