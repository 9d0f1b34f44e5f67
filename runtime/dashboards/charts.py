"""bar, line, pie and funnel widgets: the aggregate per group of a field, or per time bucket of a date field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from builder.model import FieldType
from builder.model.views import Period, Widget, WidgetKind
from runtime.dashboards.aggregates import aggregate_value, combine, partial_columns, width
from runtime.dashboards.group_labels import group_labels
from runtime.dashboards.periods import bucket_label, day_bound, local_day, period_start, shift
from runtime.dashboards.source import WidgetSource

DEFAULT_GROUPS = {WidgetKind.BAR: 20, WidgetKind.PIE: 10, WidgetKind.FUNNEL: 20, WidgetKind.LINE: 100}
DEFAULT_BUCKETS = {Period.DAY: 31, Period.WEEK: 26, Period.MONTH: 12, Period.QUARTER: 8, Period.YEAR: 10}


def chart_json(source: WidgetSource) -> dict[str, Any]:
    """The groups of a chart widget, in the order the chart shows them, and whether some were left out."""
    widget = source.widget
    if widget.group_by.bucket is not None:
        return _buckets(source, widget.group_by.bucket)
    return _field_groups(source)


def _field_groups(source: WidgetSource) -> dict[str, Any]:
    """One group per value: options in order for a funnel, dates in order for a line, else largest first."""
    widget = source.widget
    field = source.records.entity.storage.entity.field(widget.group_by.field)
    figures: dict[Any, list[tuple]] = {}
    for part in source.parts:
        key = part.c[field.id]
        statement = select(key, *partial_columns(widget.aggregate, part)).where(*source.where(part)).group_by(key)
        for value, *partial in source.execute(statement):
            figures.setdefault(value, []).append(tuple(partial))
    measured = source.codec(widget.aggregate.field)
    values = {
        key: aggregate_value(widget.aggregate, measured, combine(widget.aggregate, rows))
        for key, rows in figures.items()
    }
    keys, truncated = _ordered(widget, field, values)
    labels = group_labels(source, field, keys)
    codec = source.codec(field.id)
    empty = aggregate_value(widget.aggregate, measured, (None,) * width(widget.aggregate))
    return {
        "groups": [
            {
                "key": None if key is None else codec.to_json(key),
                "label": labels[key],
                "value": values.get(key, empty),
            }
            for key in keys
        ],
        "bucket": None,
        "truncated": truncated,
    }


def _ordered(widget: Widget, field, values: dict[Any, Any]) -> tuple[list[Any], bool]:
    """The groups a chart shows, in order, and whether the limit left some out.

    A funnel of a choice: every option in order, then values no option names. A line: the latest groups,
    oldest first. Otherwise largest first (smallest with an ascending sort), or by the group's value when
    the widget sorts by its group field; ties by group value; an empty group last.
    """
    if widget.kind is WidgetKind.FUNNEL and field.type is FieldType.CHOICE:
        options = list(field.option_ids)
        return [*options, *sorted((key for key in values if key not in options), key=_group_order)], False
    limit = widget.limit or DEFAULT_GROUPS[widget.kind]
    by_group = widget.kind is WidgetKind.LINE or (bool(widget.sort) and widget.sort[0].field == field.id)
    if by_group:
        descending = widget.kind is WidgetKind.LINE or widget.sort[0].descending
        present = sorted((key for key in values if key is not None), reverse=descending)
        keys = present + ([None] if None in values else [])
    else:
        ascending = bool(widget.sort) and not widget.sort[0].descending
        keys = sorted(values, key=_group_order)
        measured = [key for key in keys if values[key] is not None]
        measured.sort(key=lambda key: values[key], reverse=not ascending)  # stable: ties keep the group order
        keys = measured + [key for key in keys if values[key] is None]
    shown = keys[:limit]
    if widget.kind is WidgetKind.LINE:
        shown.reverse()  # the latest groups, oldest first
    return shown, len(keys) > limit


def _group_order(key: Any) -> tuple[bool, Any]:
    """Group values in ascending order, the empty group last."""
    return (key is None, key if key is not None else 0)


def _buckets(source: WidgetSource, period: Period) -> dict[str, Any]:
    """The latest buckets that hold records, oldest first, each with its aggregate (buckets between included)."""
    widget = source.widget
    field = source.records.entity.storage.entity.field(widget.group_by.field)
    is_date = field.type is FieldType.DATE
    timezone = source.session.live.timezone
    latest = _extreme(source, field.id, latest=True)
    if latest is None:
        return {"groups": [], "bucket": str(period), "truncated": False}
    earliest = _extreme(source, field.id, latest=False)
    last = period_start(local_day(latest, timezone), period)
    first = period_start(local_day(earliest, timezone), period)
    count = widget.limit or DEFAULT_BUCKETS[period]
    starts = [start for start in (shift(last, period, -back) for back in reversed(range(count))) if start >= first]

    def bound(day):
        return day_bound(day, temporal_is_date=is_date, timezone=timezone)

    per_bucket: list[list[tuple]] = [[] for _ in starts]
    step = width(widget.aggregate)
    for part in source.parts:
        column, counted = part.c[field.id], source.where(part)
        figures = []
        for start in starts:
            inside = (*counted, column >= bound(start), column < bound(shift(start, period, 1)))
            figures += [
                select(figure).where(*inside).scalar_subquery() for figure in partial_columns(widget.aggregate, part)
            ]
        row = source.execute(select(*figures)).one()
        for index in range(len(starts)):
            per_bucket[index].append(tuple(row[index * step : (index + 1) * step]))
    measured = source.codec(widget.aggregate.field)
    return {
        "groups": [
            {
                "key": start.isoformat(),
                "label": bucket_label(start, period),
                "value": aggregate_value(widget.aggregate, measured, combine(widget.aggregate, partials)),
            }
            for start, partials in zip(starts, per_bucket, strict=True)
        ],
        "bucket": str(period),
        "truncated": shift(last, period, -(count - 1)) > first,
    }


def _extreme(source: WidgetSource, field_id: str, *, latest: bool) -> Any:
    """The latest (or earliest) value of a date field among the widget's records, None when none has one.

    Read as the first row in the field's order, so an index on the field answers without reading every row.
    """
    found = []
    for part in source.parts:
        column = part.c[field_id]
        order = column.desc() if latest else column.asc()
        statement = select(column).where(*source.where(part), column.is_not(None)).order_by(order).limit(1)
        found += [value for value in source.execute(statement).scalars()]
    if not found:
        return None
    return max(found) if latest else min(found)
