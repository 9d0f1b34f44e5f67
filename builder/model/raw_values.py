"""Read typed values out of raw JSON leniently: what has the wrong type reads as None."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any, TypeVar

from builder.model.common import Label

E = TypeVar("E", bound=StrEnum)


def object_items(raw: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The object items of a list property, with their indexes."""
    items = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def read_text(raw: dict[str, Any], key: str) -> str | None:
    """The property if it is a string, else None."""
    value = raw.get(key)
    return value if isinstance(value, str) else None


def read_integer(value: Any) -> int | None:
    """The value as an integer if it is one (2.0 counts, True does not), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def read_number(value: Any) -> int | float | None:
    """The value if it is a number (not a boolean), else None."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def read_strings(value: Any) -> tuple[str, ...]:
    """The string items of a list, or () for anything else."""
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def read_enum(enum: type[E], value: Any) -> E | None:
    """The member with this value, or None (a dict lookup: calling the enum class is slow)."""
    return enum._value2member_map_.get(value) if type(value) is str else None


def read_label(value: Any) -> Label | None:
    """A plain or bilingual label, or None when there is no usable text."""
    if isinstance(value, str):
        return Label(plain=value)
    if isinstance(value, dict):
        zh, en = value.get("zh"), value.get("en")
        zh, en = (zh if isinstance(zh, str) else None), (en if isinstance(en, str) else None)
        return Label(zh=zh, en=en) if zh is not None or en is not None else None
    return None


def label_or_id(raw: dict[str, Any], fallback: str) -> Label:
    """The element's label, or its id as a plain label."""
    return read_label(raw.get("label")) or Label(plain=fallback)
