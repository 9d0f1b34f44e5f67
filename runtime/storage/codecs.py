"""Column codecs: a field's SQL type and its values as JSON, as stored (fixed decimals as whole units) and as read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, tzinfo
from decimal import Context, Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Float, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeEngine

from builder.conditions import literals
from builder.model import Field, FieldType
from builder.moments import as_utc, utc_text

_EXACT = Context(prec=60)
USER_NAME_LENGTH = 100
OPTION_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Codec:
    """Converts one field's values: JSON (API) ⇄ database ⇄ model (what predicates and formulas read)."""

    field: Field

    @property
    def sql_type(self) -> TypeEngine:
        """The column type."""
        raise NotImplementedError

    def to_database(self, value: Any) -> Any:
        """A validated JSON value as the database stores it."""
        return value

    def to_json(self, stored: Any) -> Any:
        """A stored value as the API returns it."""
        return stored

    def to_model(self, stored: Any) -> Any:
        """A stored value as conditions and formulas read it."""
        return stored


class TextCodec(Codec):
    """text, email, phone, url (VARCHAR of max_length) and longtext (TEXT)."""

    @property
    def sql_type(self) -> TypeEngine:
        if self.field.type is FieldType.LONGTEXT:
            return Text()
        return String(self.field.effective_max_length)


class KeyCodec(Codec):
    """Short identifiers: a choice's option id, a user name."""

    @property
    def sql_type(self) -> TypeEngine:
        return String(USER_NAME_LENGTH if self.field.type is FieldType.USER else OPTION_LENGTH)


class IntegerCodec(Codec):
    """integer, rating and ref (a record id)."""

    @property
    def sql_type(self) -> TypeEngine:
        return BigInteger()


class BooleanCodec(Codec):
    """true/false."""

    @property
    def sql_type(self) -> TypeEngine:
        return Boolean()


class FloatCodec(Codec):
    """Numbers without a fixed number of decimals, stored as doubles."""

    @property
    def sql_type(self) -> TypeEngine:
        return Float(precision=53)

    def to_database(self, value: Any) -> Any:
        return None if value is None else float(value)

    def to_json(self, stored: Any) -> Any:
        return None if stored is None else plain_number(stored)


@dataclass(frozen=True, slots=True)
class ScaledCodec(Codec):
    """Numbers with `scale` decimals, stored as whole numbers of 10^-scale (cents for money)."""

    scale: int = 2

    @property
    def sql_type(self) -> TypeEngine:
        return BigInteger()

    def to_database(self, value: Any) -> Any:
        if value is None:
            return None
        return int(_EXACT.scaleb(Decimal(literals.to_number(value)), self.scale).to_integral_value())

    def to_json(self, stored: Any) -> Any:
        return None if stored is None else plain_number(self.to_model(stored))

    def to_model(self, stored: Any) -> Any:
        return None if stored is None else _EXACT.scaleb(Decimal(stored), -self.scale)


class DateCodec(Codec):
    """Calendar dates; JSON 'YYYY-MM-DD'."""

    @property
    def sql_type(self) -> TypeEngine:
        return Date()

    def to_database(self, value: Any) -> Any:
        return None if value is None else literals.parse_date(value)

    def to_json(self, stored: Any) -> Any:
        return None if stored is None else stored.isoformat()


@dataclass(frozen=True, slots=True)
class DateTimeCodec(Codec):
    """Moments in time, stored in UTC; a value without an offset is a time in the app's time zone."""

    timezone: tzinfo = UTC

    @property
    def sql_type(self) -> TypeEngine:
        return DateTime(timezone=True)

    def to_database(self, value: Any) -> Any:
        if value is None:
            return None
        moment = literals.parse_datetime(value, self.timezone)
        if moment.utcoffset():  # within hours of year 1 or 9999: no UTC equivalent to store
            raise literals.LiteralError("condition.value_type", expected="datetime")
        return moment

    def to_json(self, stored: Any) -> Any:
        return None if stored is None else utc_text(stored)

    def to_model(self, stored: Any) -> Any:
        return None if stored is None else as_utc(stored)


class OptionsCodec(Codec):
    """A multichoice: a JSON array of option ids (JSONB on PostgreSQL)."""

    @property
    def sql_type(self) -> TypeEngine:
        return JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

    def to_database(self, value: Any) -> Any:
        return list(value) if value else None


def codec_for(field: Field, *, timezone: tzinfo = UTC) -> Codec:
    """The codec of a field; date-times without an offset are read in `timezone` (the app's)."""
    kind = field.type
    if field.is_textual:
        return TextCodec(field)
    if kind in (FieldType.CHOICE, FieldType.USER):
        return KeyCodec(field)
    if kind in (FieldType.INTEGER, FieldType.RATING, FieldType.REF):
        return IntegerCodec(field)
    if kind is FieldType.BOOLEAN:
        return BooleanCodec(field)
    if kind is FieldType.DATE:
        return DateCodec(field)
    if kind is FieldType.DATETIME:
        return DateTimeCodec(field, timezone)
    if kind is FieldType.MULTICHOICE:
        return OptionsCodec(field)
    scale = field.effective_scale
    return FloatCodec(field) if scale is None else ScaledCodec(field, scale)


def plain_number(value: Decimal | float | int) -> int | float:
    """A number for JSON: whole numbers as int, others as float (exact up to 15 significant digits)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
