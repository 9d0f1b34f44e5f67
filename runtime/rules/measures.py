"""aggregate triggers: a measure over related records in time windows, compared with the window before, the
interval before, or a threshold. Measured in SQL (one grouped query, or a window function for intervals)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, select, true

from builder.model import FieldType
from builder.model.rules import AggregateTrigger, Rule
from builder.moments import as_utc, utc_text
from runtime.live_apps import LiveApp
from runtime.rules.firings import Occasion, not_fired_for_mark, not_fired_since
from runtime.storage.codecs import ScaledCodec
from runtime.storage.sql_conditions import condition_clause

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def aggregate_occasions(
    connection: Connection, live: LiveApp, rule: Rule, now: datetime, only: int | None = None
) -> list[Occasion]:
    """The records of the rule's entity whose measure compares as the trigger says, not fired for it yet."""
    trigger = rule.trigger
    assert isinstance(trigger, AggregateTrigger)
    related = _Related(connection, live, rule, trigger, now)
    if trigger.measure.function == "interval":
        return _interval_occasions(connection, related, trigger, only)
    return _window_occasions(connection, related, trigger, only)


class _Related:
    """The rule's records and the related records that point at them, with the window's ends."""

    def __init__(self, connection: Connection, live: LiveApp, rule: Rule, trigger: AggregateTrigger, now: datetime):
        self.live, self.rule, self.now = live, rule, now
        self.records = live.entity(rule.entity).storage
        self.source = live.entity(trigger.source.entity).storage
        self.related = self.source.table.alias("related")  # an alias: the related entity may be the rule's own
        self.via = self.related.c[trigger.source.via]
        self.dated = self.related.c[trigger.source.date_field]
        date_field = self.source.entity.field(trigger.source.date_field)
        self.is_date = date_field is not None and date_field.type is FieldType.DATE
        self.end: date | datetime = now.astimezone(live.timezone).date() if self.is_date else now
        self.window = trigger.window.as_timedelta()
        self.dialect = connection.dialect.name

    def rule_records(self, only: int | None) -> list[ColumnElement[bool]]:
        """Live records of the rule's entity matching its condition (and only one, when asked)."""
        table = self.records.table
        condition = (
            true()
            if self.rule.condition is None
            else condition_clause(
                self.rule.condition,
                self.records,
                self.live.model.definition,
                dialect=self.dialect,
                now=self.now,
                timezone=self.live.timezone,
            )
        )
        clauses = [table.c.deleted_at.is_(None), condition]
        return clauses if only is None else [*clauses, table.c.id == only]


def _window_occasions(
    connection: Connection, related: _Related, trigger: AggregateTrigger, only: int | None
) -> list[Occasion]:
    """count/sum/avg over the last window against the window before or a threshold; at most once per window length."""
    live, rule, now = related.live, related.rule, related.now
    table, source = related.records.table, related.related
    current_start = related.end - related.window
    previous_start = current_start - related.window
    joined = table.outerjoin(
        source,
        and_(
            related.via == table.c.id,
            source.c.deleted_at.is_(None),
            related.dated > previous_start,
            related.dated <= related.end,
        ),
    )
    current = _measure(related, trigger, and_(related.dated > current_start, related.dated <= related.end))
    previous = _measure(related, trigger, and_(related.dated > previous_start, related.dated <= current_start))
    query = (
        select(table.c.id)
        .select_from(joined)
        .where(*related.rule_records(only), not_fired_since(live.number, rule.id, table.c.id, now - related.window))
        .group_by(table.c.id)
        .having(_trend(trigger, current, previous, _unit_factor(related, trigger)))
        .order_by(table.c.id)
    )
    period = (now - _EPOCH) // related.window  # which window-long period of time this is: the idempotency key
    return [Occasion(rule.id, record_id, f"period:{period}") for record_id in connection.execute(query).scalars()]


def _measure(related: _Related, trigger: AggregateTrigger, inside: ColumnElement[bool]):
    """The measure over the related records inside a window (count 0 and sum 0 when there are none)."""
    function = trigger.measure.function
    if function == "count":
        return func.count(case((inside, related.related.c.id)))
    column = related.related.c[trigger.measure.field or ""]
    if function == "sum":
        return func.coalesce(func.sum(case((inside, column))), 0)
    return func.avg(case((inside, column)))


def _unit_factor(related: _Related, trigger: AggregateTrigger) -> int:
    """Stored units per unit of value: 100 for a money sum (kept in cents), 1 for counts and plain numbers."""
    codec = None if trigger.measure.field is None else related.source.codecs.get(trigger.measure.field)
    return 10**codec.scale if isinstance(codec, ScaledCodec) and trigger.measure.function != "count" else 1


def _trend(trigger: AggregateTrigger, current, previous, factor: int) -> ColumnElement[bool]:
    """The comparison as SQL: threshold, absolute change, or percent change (only when the window before had some)."""
    compare = trigger.compare
    test = _COMPARE[compare.operator]
    if compare.against == "threshold":
        return test(current, compare.value * factor)
    if compare.unit == "absolute":
        return test(current - previous, compare.value * factor)
    # (current - previous) / previous * 100 <op> value, without dividing: previous > 0
    return and_(previous > 0, test((current - previous) * 100, previous * compare.value))


def _interval_occasions(
    connection: Connection, related: _Related, trigger: AggregateTrigger, only: int | None
) -> list[Occasion]:
    """The days between the latest two related records (the latest one inside the window) against the interval
    before or a threshold; once per latest record."""
    live, rule = related.live, related.rule
    table, source = related.records.table, related.related
    rank = func.row_number().over(partition_by=related.via, order_by=(related.dated.desc(), source.c.id.desc()))
    ranked = (
        select(related.via.label("record_id"), related.dated.label("at"), rank.label("rank"))
        .where(source.c.deleted_at.is_(None), related.via.is_not(None), related.dated <= related.end)
        .subquery("ranked")
    )
    latest = (
        select(table.c.id, ranked.c.at)
        .join(ranked, and_(ranked.c.record_id == table.c.id, ranked.c.rank == 1))
        .where(
            *related.rule_records(only),
            ranked.c.at > related.end - related.window,
            not_fired_for_mark(live.number, rule.id, table.c.id, ranked.c.at, is_date=related.is_date),
        )
    )
    marks = dict(connection.execute(latest).all())
    if not marks:
        return []
    dates: dict[int, list[Any]] = {record_id: [] for record_id in marks}
    earlier = select(ranked.c.record_id, ranked.c.at).where(ranked.c.rank <= 3, ranked.c.record_id.in_(list(marks)))
    for record_id, at in connection.execute(earlier.order_by(ranked.c.record_id, ranked.c.rank)):
        dates[record_id].append(at)
    label = f"{trigger.source.entity}.{trigger.source.date_field}"
    return [
        Occasion(rule.id, record_id, f"{label}:{_text(marks[record_id])}", marked=marks[record_id])
        for record_id in sorted(marks)
        if _interval_holds(trigger, _intervals(dates[record_id]))
    ]


def _intervals(dates: list[Any]) -> list[Fraction]:
    """Days between consecutive dates, newest first: [latest interval, the one before]."""
    return [_days(later, earlier) for later, earlier in pairwise(dates)]


def _interval_holds(trigger: AggregateTrigger, intervals: list[Fraction]) -> bool:
    """Whether the latest interval compares as stated (with the interval before, or the threshold in days)."""
    compare = trigger.compare
    test = _COMPARE[compare.operator]
    value = Fraction(Decimal(repr(compare.value)))
    if compare.against == "threshold":
        return len(intervals) >= 1 and test(intervals[0], value)
    if len(intervals) < 2:
        return False
    latest, before = intervals
    if compare.unit == "absolute":
        return test(latest - before, value)
    return before > 0 and test((latest - before) * 100 / before, value)


def _days(later: Any, earlier: Any) -> Fraction:
    """Days from one date (or moment) to a later one, exactly."""
    if isinstance(later, datetime):
        span = as_utc(later) - as_utc(earlier)
        return Fraction(span // timedelta(microseconds=1), 86_400_000_000)
    return Fraction((later - earlier).days)


def _text(mark: Any) -> str:
    return utc_text(mark) if isinstance(mark, datetime) else mark.isoformat()
