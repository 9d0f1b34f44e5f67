"""kpi widgets: one number, with the change since the previous period and the attainment of a target."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, select

from builder.model import FieldType
from builder.model.views import PeriodComparison
from runtime.dashboards.aggregates import aggregate_value, combine, partial_columns, width
from runtime.dashboards.periods import day_bound, local_day, period_start, shift
from runtime.dashboards.source import WidgetSource
from runtime.storage.codecs import plain_number

PERCENT_PLACES = 1


def kpi_json(source: WidgetSource) -> dict[str, Any]:
    """The value (this period's, when compared), the previous period's, the change, and the target's attainment."""
    widget = source.widget
    measured = source.codec(widget.aggregate.field)
    answer: dict[str, Any]
    if widget.compare is None:
        rows = [
            source.execute(select(*partial_columns(widget.aggregate, part)).where(*source.where(part))).one()
            for part in source.parts
        ]
        answer = {"value": aggregate_value(widget.aggregate, measured, combine(widget.aggregate, rows))}
    else:
        answer = _compared(source, widget.compare)
    value = answer["value"]
    if widget.target is not None:
        answer["target"] = widget.target
        answer["attainment"] = _percent(value, widget.target) if isinstance(value, int | float) else None
    return answer


def _compared(source: WidgetSource, compare: PeriodComparison) -> dict[str, Any]:
    """This period's value and the previous one's, in one query per part over both periods."""
    widget = source.widget
    timezone = source.session.live.timezone
    current = period_start(local_day(source.now, timezone), compare.period)
    previous = shift(current, compare.period, -1)
    after = shift(current, compare.period, 1)
    is_date = source.records.entity.storage.entity.field(compare.date_field).type is FieldType.DATE

    def bound(day: date):
        return day_bound(day, temporal_is_date=is_date, timezone=timezone)

    now_rows, before_rows = [], []
    split = width(widget.aggregate)
    for part in source.parts:
        column = part.c[compare.date_field]
        in_current = and_(column >= bound(current), column < bound(after))
        in_previous = and_(column >= bound(previous), column < bound(current))
        statement = select(
            *partial_columns(widget.aggregate, part, in_current), *partial_columns(widget.aggregate, part, in_previous)
        ).where(*source.where(part), column >= bound(previous), column < bound(after))
        row = tuple(source.execute(statement).one())
        now_rows.append(row[:split])
        before_rows.append(row[split:])
    measured = source.codec(widget.aggregate.field)
    value = aggregate_value(widget.aggregate, measured, combine(widget.aggregate, now_rows))
    earlier = aggregate_value(widget.aggregate, measured, combine(widget.aggregate, before_rows))
    numbers = isinstance(value, int | float) and isinstance(earlier, int | float)
    change = Decimal(str(value)) - Decimal(str(earlier)) if numbers else None
    return {
        "value": value,
        "previous": earlier,
        "change": plain_number(change) if numbers else None,
        "change_percent": _percent(change, abs(earlier)) if numbers else None,
        "period": {
            "period": str(compare.period),
            "date_field": compare.date_field,
            "current": {"from": current.isoformat(), "to": (after - timedelta(days=1)).isoformat()},
            "previous": {"from": previous.isoformat(), "to": (current - timedelta(days=1)).isoformat()},
        },
    }


def _percent(part: Any, whole: Any) -> float | int | None:
    """part / whole in percent, to one decimal place; None when whole is 0."""
    if not whole:
        return None
    return plain_number(round(Decimal(str(part)) * 100 / Decimal(str(whole)), PERCENT_PLACES))
