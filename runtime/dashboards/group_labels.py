"""How a chart names its groups: option labels, people's names, the titles of pointed-at records, yes/no, empty."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from builder.model import Field, FieldType
from runtime.dashboards.source import WidgetSource

EMPTY = {"zh": "（空）", "en": "(empty)"}
YES_NO = {True: {"zh": "是", "en": "Yes"}, False: {"zh": "否", "en": "No"}}


def group_labels(source: WidgetSource, field: Field, keys: Iterable[Any]) -> dict[Any, Any]:
    """The label of each stored group value (a text, or {"zh", "en"})."""
    keys = list(keys)
    named: dict[Any, Any] = {}
    if field.type is FieldType.CHOICE:
        options = {option.id: option.label.to_json() for option in field.options}
        named = {key: options.get(key, key) for key in keys}
    elif field.type is FieldType.USER:
        named = {key: source.chart.name_of(key) for key in keys if key is not None}
    elif field.type is FieldType.REF:
        named = _record_titles(source, field, [key for key in keys if key is not None])
    elif field.type is FieldType.BOOLEAN:
        named = {key: YES_NO[bool(key)] for key in keys if key is not None}
    codec = source.codec(field.id)
    return {key: EMPTY if key is None else named.get(key, str(codec.to_json(key))) for key in keys}


def _record_titles(source: WidgetSource, field: Field, ids: list[int]) -> dict[int, str]:
    """The titles of the pointed-at records the user may read ('#id' for the others)."""
    titles = {record_id: f"#{record_id}" for record_id in ids}
    target = source.session.live.entities.get(field.target_entity or "")
    title_field = None if target is None else target.storage.entity.title_field
    if not ids or target is None or title_field is None or not source.session.access.may(target.storage, "read"):
        return titles
    readable = source.session.access.source(target.storage)
    found = select(readable.c.id, readable.c[title_field]).where(readable.c.id.in_(ids))
    for record_id, title in source.execute(found):
        if title is not None:  # NULL: empty, or hidden from this user
            titles[record_id] = str(title)
    return titles
