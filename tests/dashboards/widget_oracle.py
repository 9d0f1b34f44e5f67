"""What each widget must show, computed in Python from the records a user reads through the records API.

An independent second computation: the records come through the records API (never the SQL of the widgets),
the filter through builder's Python evaluator, the sums with Decimal. The periods and buckets are calendar
arithmetic the dashboards module documents and doctests.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from builder.conditions.literals import parse_date, parse_datetime
from builder.model import AppDefinition, FieldType
from builder.model.views import AggregateFunction, Period, Widget, WidgetKind
from runtime.dashboards.periods import period_start, shift
from tests.templates.sample_rows import Conditions

DEFAULT_GROUPS = {WidgetKind.BAR: 20, WidgetKind.PIE: 10, WidgetKind.FUNNEL: 20, WidgetKind.LINE: 100}
DEFAULT_BUCKETS = {Period.DAY: 31, Period.WEEK: 26, Period.MONTH: 12, Period.QUARTER: 8, Period.YEAR: 10}


class WidgetOracle:
    """Expected widget numbers for one app."""

    def __init__(self, model: AppDefinition) -> None:
        self.model = model
        self.conditions = Conditions(model)
        self.timezone: tzinfo = self.conditions.timezone

    def expected(self, widget: Widget, rows: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
        """The value(s) the widget must show over these rows (those the user reads) at `now`."""
        matching = self.conditions.matching(widget.filter, widget.entity, rows, now)
        if widget.kind is WidgetKind.KPI:
            return self._kpi(widget, matching, now)
        if widget.kind is WidgetKind.TABLE:
            return {"ids": self._table_ids(widget, matching)}
        if widget.group_by.bucket is not None:
            return self._buckets(widget, matching)
        return self._groups(widget, matching)

    def measure(self, widget: Widget, rows: list[dict[str, Any]]) -> Any:
        """The aggregate over rows: counts and sums of nothing 0, the others None."""
        aggregate = widget.aggregate
        if aggregate.function is AggregateFunction.COUNT:
            return len(rows) if aggregate.field is None else sum(row.get(aggregate.field) is not None for row in rows)
        values = [row.get(aggregate.field) for row in rows if row.get(aggregate.field) is not None]
        if aggregate.function is AggregateFunction.SUM:
            return sum((Decimal(str(value)) for value in values), Decimal(0))
        if not values:
            return None
        if aggregate.function is AggregateFunction.AVG:
            return sum(Decimal(str(value)) for value in values) / len(values)
        chosen = min if aggregate.function is AggregateFunction.MIN else max
        return chosen(values, key=lambda value: self._sortable(widget.entity, aggregate.field, value))

    def _kpi(self, widget: Widget, rows: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
        if widget.compare is None:
            return {"value": self.measure(widget, rows)}
        today = now.astimezone(self.timezone).date()
        current = period_start(today, widget.compare.period)
        previous = shift(current, widget.compare.period, -1)
        after = shift(current, widget.compare.period, 1)
        days = [(row, self.day_of(widget.entity, widget.compare.date_field, row)) for row in rows]
        return {
            "value": self.measure(widget, [row for row, day in days if day is not None and current <= day < after]),
            "previous": self.measure(
                widget, [row for row, day in days if day is not None and previous <= day < current]
            ),
        }

    def _groups(self, widget: Widget, rows: list[dict[str, Any]]) -> dict[str, Any]:
        field = self.model.entity(widget.entity).field(widget.group_by.field)
        keys = Counter(row.get(field.id) for row in rows)
        measured = {key: self.measure(widget, [row for row in rows if row.get(field.id) == key]) for key in keys}
        if widget.kind is WidgetKind.FUNNEL and field.type is FieldType.CHOICE:
            order = [*field.option_ids, *(key for key in keys if key not in field.option_ids)]
            return {"groups": [(key, measured.get(key, self.measure(widget, []))) for key in order]}
        limit = widget.limit or DEFAULT_GROUPS[widget.kind]
        by_key = widget.kind is WidgetKind.LINE or (widget.sort and widget.sort[0].field == field.id)
        if by_key:
            descending = widget.kind is WidgetKind.LINE or widget.sort[0].descending
            ordered = sorted(keys, key=lambda key: (key is None, key), reverse=False)
            ordered = [key for key in ordered if key is not None][:: -1 if descending else 1] + (
                [None] if None in keys else []
            )
        else:
            ascending = bool(widget.sort) and not widget.sort[0].descending
            ordered = sorted(
                keys,
                key=lambda key: (
                    measured[key] is None,
                    measured[key] if ascending or measured[key] is None else -measured[key],
                    key is None,
                    key or "",
                ),
            )
        shown = ordered[:limit]
        if widget.kind is WidgetKind.LINE:
            shown.reverse()
        return {"groups": [(key, measured[key]) for key in shown]}

    def _buckets(self, widget: Widget, rows: list[dict[str, Any]]) -> dict[str, Any]:
        period = widget.group_by.bucket
        dated = [(row, self.day_of(widget.entity, widget.group_by.field, row)) for row in rows]
        dated = [(row, day) for row, day in dated if day is not None]
        if not dated:
            return {"groups": []}
        last = period_start(max(day for _, day in dated), period)
        first = period_start(min(day for _, day in dated), period)
        count = widget.limit or DEFAULT_BUCKETS[period]
        starts = [start for start in (shift(last, period, -back) for back in reversed(range(count))) if start >= first]
        groups = []
        for start in starts:
            end = shift(start, period, 1)
            groups.append((start.isoformat(), self.measure(widget, [row for row, day in dated if start <= day < end])))
        return {"groups": groups}

    def _table_ids(self, widget: Widget, rows: list[dict[str, Any]]) -> list[int]:
        ordered = sorted(rows, key=lambda row: row["id"])
        if not widget.sort:
            ordered = sorted(rows, key=lambda row: -row["id"])
        for key in reversed(widget.sort):
            present = [row for row in ordered if row.get(key.field) is not None]
            absent = [row for row in ordered if row.get(key.field) is None]
            present.sort(
                key=lambda row: self._sortable(widget.entity, key.field, row[key.field]), reverse=key.descending
            )
            ordered = present + absent
        return [row["id"] for row in ordered[: widget.limit or 10]]

    def day_of(self, entity_id: str, field_id: str, row: dict[str, Any]) -> date | None:
        """The day a record's date or datetime falls on in the app's time zone."""
        value = row.get(field_id)
        if value is None:
            return None
        if self.model.entity(entity_id).field(field_id).type is FieldType.DATE:
            return parse_date(value)
        return parse_datetime(value, self.timezone).astimezone(self.timezone).date()

    def _sortable(self, entity_id: str, field_id: str, value: Any) -> Any:
        kind = self.model.entity(entity_id).field(field_id).type
        if kind is FieldType.DATETIME:
            return parse_datetime(value, self.timezone)
        return Decimal(str(value)) if isinstance(value, int | float) else value
