"""bar, line, pie and funnel widgets: the aggregate per group of a field, or per time bucket of a date field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from builder.model import FieldType
from builder.model.views import Period, Widget, WidgetKind
from runtime.dashboards.aggregates import aggregate_column, aggregate_value
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
    entity = source.records.entity.storage.entity
    field = entity.field(widget.group_by.field)
    readable = source.readable
    key = readable.c[field.id]
    measure = aggregate_column(widget.aggregate, readable).label("measure")
    statement = select(key, measure).where(source.where).group_by(key)
    limit = widget.limit or DEFAULT_GROUPS[widget.kind]
    in_option_order = widget.kind is WidgetKind.FUNNEL and field.type is FieldType.CHOICE
    if in_option_order:
        found = dict(source.execute(statement).all())
        keys = [*field.option_ids, *(value for value in found if value not in field.option_ids)]
        rows = [(value, found.get(value)) for value in keys if value in found or value in field.option_ids]
        truncated = False
    else:
        by_key = widget.kind is WidgetKind.LINE or _sorted_by_group(widget)
        descending = widget.kind is WidgetKind.LINE or any(k.descending for k in widget.sort[:1])
        if by_key:
            order = (key.desc() if descending else key.asc()).nulls_last()
        else:
            ascending_value = bool(widget.sort) and not widget.sort[0].descending
            order = (measure.asc() if ascending_value else measure.desc()).nulls_last()
        rows = source.execute(statement.order_by(order, key.asc().nulls_last()).limit(limit + 1)).all()
        truncated = len(rows) > limit
        rows = rows[:limit]
        if widget.kind is WidgetKind.LINE:
            rows.reverse()  # the latest groups, oldest first
    labels = group_labels(source, field, [value for value, _ in rows])
    codec = source.codec(field.id)
    measured = source.codec(widget.aggregate.field)
    return {
        "groups": [
            {
                "key": None if value is None else codec.to_json(value),
                "label": labels[value],
                "value": aggregate_value(widget.aggregate, measured, raw),
            }
            for value, raw in rows
        ],
        "bucket": None,
        "truncated": truncated,
    }


def _sorted_by_group(widget: Widget) -> bool:
    """Whether the widget's first sort key is its group field (else groups go by their value)."""
    return bool(widget.sort) and widget.sort[0].field == widget.group_by.field


def _buckets(source: WidgetSource, period: Period) -> dict[str, Any]:
    """The latest buckets that hold records, oldest first, each with its aggregate (buckets between included)."""
    widget = source.widget
    entity = source.records.entity.storage.entity
    field = entity.field(widget.group_by.field)
    is_date = field.type is FieldType.DATE
    timezone = source.session.live.timezone
    column = source.readable.c[field.id]
    latest = source.execute(select(func.max(column)).where(source.where)).scalar()
    if latest is None:
        return {"groups": [], "bucket": str(period), "truncated": False}
    earliest = source.execute(select(func.min(column)).where(source.where)).scalar()
    last = period_start(local_day(latest, timezone), period)
    first = period_start(local_day(earliest, timezone), period)
    count = widget.limit or DEFAULT_BUCKETS[period]
    starts = [start for start in (shift(last, period, -back) for back in reversed(range(count))) if start >= first]
    truncated = shift(last, period, -(count - 1)) > first

    def bound(day):
        return day_bound(day, temporal_is_date=is_date, timezone=timezone)

    per_bucket = [
        select(aggregate_column(widget.aggregate, source.readable))
        .where(source.where, column >= bound(start), column < bound(shift(start, period, 1)))
        .scalar_subquery()
        .label(f"bucket_{index}")
        for index, start in enumerate(starts)
    ]
    values = source.execute(select(*per_bucket)).one()
    measured = source.codec(widget.aggregate.field)
    return {
        "groups": [
            {
                "key": start.isoformat(),
                "label": bucket_label(start, period),
                "value": aggregate_value(widget.aggregate, measured, raw),
            }
            for start, raw in zip(starts, values, strict=True)
        ],
        "bucket": str(period),
        "truncated": truncated,
    }
