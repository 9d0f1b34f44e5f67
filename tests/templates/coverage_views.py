"""What each view and dashboard widget of a template would show over its sample rows: never nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from builder.conditions.literals import parse_date, parse_datetime
from builder.model import AppDefinition
from builder.model.views import CalendarView, DashboardView, DetailView, KanbanView, TableView, Widget, WidgetKind
from tests.templates.sample_rows import Conditions, Rows

CHARTS = (WidgetKind.BAR, WidgetKind.LINE, WidgetKind.PIE, WidgetKind.FUNNEL)


def view_problems(model: AppDefinition, rows: Rows, now: datetime) -> list[str]:
    """Every view, saved filter and widget that would show nothing (charts: fewer than two groups)."""
    conditions = Conditions(model)
    return list(_problems(model, rows, now, conditions))


def _problems(model: AppDefinition, rows: Rows, now: datetime, conditions: Conditions) -> Iterator[str]:
    for view in model.views:
        if isinstance(view, DashboardView):
            for widget in view.widgets:
                yield from (f"{view.id}/{widget.id}: {problem}" for problem in _widget(widget, rows, now, conditions))
        else:
            yield from (f"{view.id}{problem}" for problem in _view(view, rows, now, conditions))


def _view(view: Any, rows: Rows, now: datetime, conditions: Conditions) -> Iterator[str]:
    shown = conditions.matching(getattr(view, "filter", None), view.entity, rows[view.entity], now)
    if not shown:
        yield ": no record to show"
    if isinstance(view, TableView):
        for saved in view.saved_filters:
            if not conditions.matching(saved.condition, view.entity, shown, now):
                yield f"/{saved.id}: the saved filter shows nothing"
    elif isinstance(view, KanbanView) and len({row.get(view.group_by) for row in shown} - {None}) < 2:
        yield ": fewer than two lanes have cards"
    elif isinstance(view, CalendarView) and not [row for row in shown if row.get(view.date_field)]:
        yield ": nothing on the calendar"
    elif isinstance(view, DetailView):
        for related in view.related:
            if not [row for row in rows[related.entity] if row.get(related.via) is not None]:
                yield f": no {related.entity} record points at a {view.entity}"


def _widget(widget: Widget, rows: Rows, now: datetime, conditions: Conditions) -> Iterator[str]:
    matching = conditions.matching(widget.filter, widget.entity, rows[widget.entity], now)
    if not matching:
        yield "no record matches the filter"
        return
    measured = widget.aggregate.field if widget.aggregate is not None else None
    if measured is not None and all(row.get(measured) is None for row in matching):
        yield f"no matching record has a {measured}"
    if widget.kind in CHARTS:
        bucket = widget.group_by.bucket
        groups = {_bucket(row.get(widget.group_by.field), bucket) for row in matching} - {None}
        if len(groups) < 2:
            yield f"fewer than two groups by {widget.group_by.field}"
    if widget.compare is not None:
        today = now.astimezone(conditions.timezone).date()
        for offset, name in ((0, "this"), (-1, "the previous")):
            first, last = calendar_period(today, str(widget.compare.period), offset)
            days = [_day(row.get(widget.compare.date_field), conditions) for row in matching]
            if not any(day is not None and first <= day <= last for day in days):
                yield f"nothing in {name} {widget.compare.period} of {widget.compare.date_field}"


def calendar_period(today: date, period: str, offset: int) -> tuple[date, date]:
    """First and last day of a day, week (Monday first), month, quarter or year, `offset` periods from today's."""
    if period == "day":
        return today + timedelta(days=offset), today + timedelta(days=offset)
    if period == "week":
        start = today - timedelta(days=today.weekday() - 7 * offset)
        return start, start + timedelta(days=6)
    length = {"month": 1, "quarter": 3, "year": 12}[period]
    month = today.month - 1 - (today.month - 1) % length + offset * length  # months since January of this year
    start = date(today.year + month // 12, month % 12 + 1, 1)
    after = month + length
    return start, date(today.year + after // 12, after % 12 + 1, 1) - timedelta(days=1)


def _day(value: Any, conditions: Conditions) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        return parse_date(value)
    return parse_datetime(value, conditions.timezone).astimezone(conditions.timezone).date()


def _bucket(value: Any, bucket: Any) -> Any:
    if value is None or bucket is None:
        return value
    day = parse_date(value[:10])
    period = str(bucket)
    if period == "day":
        return day
    if period == "week":
        return day.isocalendar()[:2]
    if period == "month":
        return day.year, day.month
    return (day.year, (day.month - 1) // 3) if period == "quarter" else day.year
