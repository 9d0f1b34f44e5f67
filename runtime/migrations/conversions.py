"""Convert a stored value from one field definition to another (for retyped or narrowed fields)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from builder.conditions import literals
from builder.field_values import value_problem
from builder.model import Field, FieldType
from runtime.storage.codecs import Codec

_TRUE = {"true", "yes", "y", "1", "是", "对"}
_FALSE = {"false", "no", "n", "0", "否", "不"}


class ConversionFailed(ValueError):
    """A stored value that has no valid equivalent in the new field."""


def convert_stored(value: Any, old_codec: Codec, new_codec: Codec, timezone: tzinfo) -> Any:
    """The new stored value for an old stored value; raise ConversionFailed when there is none."""
    if value is None:
        return None
    old, new = old_codec.field, new_codec.field
    candidate = _coerce(old_codec.to_json(value), old, new, timezone)
    if candidate is None:
        return None
    if value_problem(new, candidate, timezone) is not None:
        raise ConversionFailed(json.dumps(candidate, ensure_ascii=False, default=str))
    return new_codec.to_database(candidate)


def _coerce(value: Any, old: Field, new: Field, timezone: tzinfo) -> Any:
    """The JSON value of `new`'s type closest to `value` (checked against `new` afterwards)."""
    if new.is_textual or new.type is FieldType.USER:
        return value if isinstance(value, str) else _as_text(value)
    if new.is_numeric:
        return _number(value)
    if new.type is FieldType.BOOLEAN:
        return _boolean(value)
    if new.type is FieldType.DATE:
        return _date(value, old, timezone)
    if new.type is FieldType.DATETIME:
        return _datetime(value, timezone)
    if new.type is FieldType.CHOICE:
        if isinstance(value, list):
            if len(value) > 1:
                raise ConversionFailed(str(value))
            return value[0] if value else None
        return value if isinstance(value, str) else _as_text(value)
    if new.type is FieldType.MULTICHOICE:
        if isinstance(value, list):
            return value
        return [value] if isinstance(value, str) else _fail(value)
    number = _number(value)  # what remains is a ref: a record id
    return int(number) if isinstance(number, int) else _fail(value)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return _fail(value)
        if number.is_finite():
            return int(number) if number == number.to_integral_value() else float(number)
    return _fail(value)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return _fail(value)


def _date(value: Any, old: Field, timezone: tzinfo) -> str:
    try:
        if old.type is FieldType.DATETIME and isinstance(value, str):
            return literals.parse_datetime(value, UTC).astimezone(timezone).date().isoformat()
        return literals.parse_date(value.strip() if isinstance(value, str) else value).isoformat()
    except literals.LiteralError:
        return _fail(value)


def _datetime(value: Any, timezone: tzinfo) -> str:
    try:
        if isinstance(value, str) and len(value.strip()) == 10:
            day = literals.parse_date(value.strip())
            return datetime.combine(day, time(), timezone).astimezone(UTC).isoformat()
        if isinstance(value, str):
            return literals.parse_datetime(value, timezone).astimezone(UTC).isoformat()
    except literals.LiteralError:
        pass
    return _fail(value)


def _fail(value: Any) -> Any:
    raise ConversionFailed(json.dumps(value, ensure_ascii=False, default=str))
