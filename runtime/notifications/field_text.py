"""A record's values as text for messages, per language, for one reader: hidden values never show."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal
from typing import Any

from builder.model import Field, FieldType
from builder.moments import as_utc
from runtime.storage.codecs import Codec
from runtime.storage.tables import EntityStorage

HIDDEN_VALUE = "***"  # what a reader sees in place of a value they may not see
EMPTY_VALUE = "—"
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
_LIST_SEPARATOR = {"zh": "、", "en": ", "}


@dataclass(frozen=True, slots=True)
class RecordText:
    """The fields of one record as one reader may see them, as text."""

    storage: EntityStorage
    values: Mapping[str, Any]  # stored values
    hidden: frozenset[str]  # fields the reader may not see on this record
    timezone: tzinfo  # the app's: date-times show in it
    person: Callable[[str], str]  # user name -> how to show the person
    ref_title: Callable[[Field, int], str]  # a ref field's record id -> how to show that record to the reader

    def text(self, field_id: str, language: str) -> str:
        """The field's value as text in a language; '***' when hidden from the reader, '—' when empty."""
        if field_id in self.hidden:
            return HIDDEN_VALUE
        field = self.storage.entity.field(field_id)
        stored = self.values.get(field_id)
        if field is None or stored is None or stored == []:
            return EMPTY_VALUE
        return _value_text(self, field, self.storage.codecs[field_id], stored, language)


def _value_text(record: RecordText, field: Field, codec: Codec, stored: Any, language: str) -> str:
    """One stored value as text."""
    kind = field.type
    if kind is FieldType.CHOICE:
        return _option_label(field, stored, language)
    if kind is FieldType.MULTICHOICE:
        return _LIST_SEPARATOR[language].join(_option_label(field, option, language) for option in stored)
    if kind is FieldType.BOOLEAN:
        yes, no = _YES_NO[language]
        return yes if stored else no
    if kind is FieldType.DATETIME:
        return as_utc(stored).astimezone(record.timezone).strftime("%Y-%m-%d %H:%M")
    if kind is FieldType.DATE:
        return stored.isoformat()
    if kind is FieldType.USER:
        return record.person(stored)
    if kind is FieldType.REF:
        return record.ref_title(field, stored)
    if field.is_numeric:
        return _number_text(field, codec.to_model(stored))
    return str(stored)


def _option_label(field: Field, option_id: str, language: str) -> str:
    for option in field.options:
        if option.id == option_id:
            return option.label.text(language)
    return option_id


def _number_text(field: Field, value: Any) -> str:
    """Money with thousands separators and its decimals; percent with a %; other numbers plain."""
    if field.type is FieldType.MONEY:
        return f"{value:,}"  # a Decimal with the field's decimals: 250,000.00
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, float):
        text = repr(value).removesuffix(".0")
    else:
        text = str(value)
    return f"{text}%" if field.type is FieldType.PERCENT else text
