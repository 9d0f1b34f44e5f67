"""Calendar periods and time buckets (day, week from Monday, month, quarter, year) in an app's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from builder.model.views import Period

_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}


def period_start(day: date, period: Period) -> date:
    """The first day of the period holding `day`.

    >>> period_start(date(2026, 12, 9), Period.WEEK), period_start(date(2026, 11, 30), Period.QUARTER)
    (datetime.date(2026, 12, 7), datetime.date(2026, 10, 1))
    """
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    length = _MONTHS[period]
    return date(day.year, day.month - (day.month - 1) % length, 1)


def shift(start: date, period: Period, count: int) -> date:
    """The first day of the period `count` periods after (or before) the one starting on `start`.

    >>> shift(date(2026, 11, 1), Period.MONTH, 2), shift(date(2026, 1, 1), Period.QUARTER, -1)
    (datetime.date(2027, 1, 1), datetime.date(2025, 10, 1))
    """
    if period is Period.DAY:
        return start + timedelta(days=count)
    if period is Period.WEEK:
        return start + timedelta(weeks=count)
    months = start.year * 12 + start.month - 1 + count * _MONTHS[period]
    return date(months // 12, months % 12 + 1, 1)


def bucket_label(start: date, period: Period) -> str:
    """How a bucket is named on a chart.

    >>> [bucket_label(date(2026, 10, 1), p) for p in (Period.DAY, Period.WEEK, Period.MONTH, Period.QUARTER)]
    ['2026-10-01', '2026-W40', '2026-10', '2026-Q4']
    """
    if period is Period.DAY:
        return start.isoformat()
    if period is Period.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTH:
        return f"{start.year}-{start.month:02d}"
    if period is Period.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def local_day(value: date | datetime, timezone: tzinfo) -> date:
    """The day a stored date or moment falls on in the time zone (stored moments without an offset are UTC)."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(timezone).date()
    return value


def day_bound(day: date, *, temporal_is_date: bool, timezone: tzinfo) -> date | datetime:
    """Where a day starts, as a stored value compares: the date itself, or its first moment in UTC."""
    if temporal_is_date:
        return day
    return datetime.combine(day, time(), timezone).astimezone(UTC)
