"""A calendar view: the records whose date (or date span) falls in a range of days, in the app's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from builder.model import FieldType
from builder.model.views import CalendarView
from runtime.api_messages import api_problem
from runtime.records.session import AppSession
from runtime.views.arguments import Arguments, checked, date_parameter, invalid_query
from runtime.views.table import view_header, view_query

CALENDAR_PARAMETERS = frozenset({"q", "filter", "from", "to"})
MAX_DAYS = 366
MAX_EVENTS = 2000


def calendar_json(session: AppSession, view: CalendarView, arguments: Arguments) -> dict[str, Any]:
    """The events from `from` to `to` (inclusive; default: this month), oldest first, at most MAX_EVENTS."""
    arguments = checked(arguments, CALENDAR_PARAMETERS)
    first, last = _range(session, arguments)
    searched = {name: values for name, values in arguments.items() if name in ("q", "filter")}
    records, query = view_query(session, view, searched)
    readable = records.readable
    entity = records.entity.storage.entity
    start = readable.c[view.date_field]
    starts_in_time = _bound(start, entity.field(view.date_field).type, last, session, before=True)
    if view.end_field is None:
        ends_in_time = _bound(start, entity.field(view.date_field).type, first, session, before=False)
    else:
        end = readable.c[view.end_field]
        ends_in_time = or_(
            _bound(end, entity.field(view.end_field).type, first, session, before=False),
            and_(end.is_(None), _bound(start, entity.field(view.date_field).type, first, session, before=False)),
        )
    statement = (
        select(readable)
        .where(query.where, start.is_not(None), starts_in_time, ends_in_time)
        .order_by(start, readable.c.id)
        .limit(MAX_EVENTS + 1)
    )
    rows = session.connection.execute(statement).all()
    title = entity.title_field
    events = [_event(records.to_json(row), view, title) for row in rows[:MAX_EVENTS]]
    return {
        "view": view_header(view) | {"date_field": view.date_field, "end_field": view.end_field, "title_field": title},
        "from": first.isoformat(),
        "to": last.isoformat(),
        "events": events,
        "truncated": len(rows) > MAX_EVENTS,
    }


def _range(session: AppSession, arguments: Arguments) -> tuple[date, date]:
    """The first and last day asked for; by default the current month in the app's time zone."""
    today = datetime.now(UTC).astimezone(session.live.timezone).date()
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    first = date_parameter(arguments, "from") or month_start
    last = date_parameter(arguments, "to") or (next_month - timedelta(days=1) if "from" not in arguments else first)
    if last < first or (last - first).days >= MAX_DAYS:
        raise invalid_query([api_problem("query.date_range", "/to", limit=MAX_DAYS).to_json()])
    return first, last


def _bound(column, kind: FieldType, day: date, session: AppSession, *, before: bool) -> ColumnElement[bool]:
    """column on or before the end of `day` (before=True), or on or after its start, in the app's time zone."""
    if kind is FieldType.DATE:
        return column <= day if before else column >= day
    moment = datetime.combine(day + timedelta(days=1) if before else day, time(), session.live.timezone)
    moment = moment.astimezone(UTC)
    return column < moment if before else column >= moment


def _event(record: dict[str, Any], view: CalendarView, title: str | None) -> dict[str, Any]:
    """One event: the record's id, title and its start and end as the API writes dates and moments."""
    start = record[view.date_field]  # never empty nor hidden: the query asks for a start the user sees
    end = record.get(view.end_field) if view.end_field else None
    return {
        "id": record["id"],
        "row_version": record["row_version"],
        "title": record.get(title) if title else None,
        "start": start,
        "end": end,
        "all_day": len(start) == 10,
    }
