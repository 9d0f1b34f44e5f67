"""time_elapsed triggers: records whose date/datetime field is at least `after` old while the condition holds, found in
SQL, each once per value of the field (a new follow-up time opens a new window)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from builder.conditions.ast import Combinator, ConditionGroup, ConditionRule, Operator
from builder.model import FieldType
from builder.model.rules import Rule, TimeElapsed
from builder.moments import utc_text
from runtime.live_apps import LiveApp
from runtime.rules.firings import Occasion, not_fired_for_mark
from runtime.storage.sql_conditions import condition_clause


def elapsed_occasions(
    connection: Connection, live: LiveApp, rule: Rule, now: datetime, only: int | None = None
) -> list[Occasion]:
    """The occasions due now: field <= now - after (dates: today in the app's time zone), condition, not fired yet."""
    trigger = rule.trigger
    assert isinstance(trigger, TimeElapsed)
    storage = live.entity(rule.entity).storage
    table = storage.table
    field = storage.entity.field(trigger.field)
    is_date = field is not None and field.type is FieldType.DATE
    if is_date:
        cutoff = (now.astimezone(live.timezone).date() - trigger.after.as_timedelta()).isoformat()
    else:
        cutoff = utc_text(now - trigger.after.as_timedelta())
    old_enough = ConditionRule(field=trigger.field, operator=Operator.LE, value=cutoff)
    condition = ConditionGroup(
        combinator=Combinator.AND, rules=(old_enough,) if rule.condition is None else (old_enough, rule.condition)
    )
    column = table.c[trigger.field]
    query = (
        select(table.c.id, column.label("mark"))
        .where(
            table.c.deleted_at.is_(None),
            condition_clause(
                condition,
                storage,
                live.model.definition,
                dialect=connection.dialect.name,
                now=now,
                timezone=live.timezone,
            ),
            not_fired_for_mark(live.number, rule.id, table.c.id, column, is_date=is_date),
        )
        .order_by(table.c.id)
    )
    if only is not None:
        query = query.where(table.c.id == only)
    return [
        Occasion(rule.id, row.id, f"{trigger.field}:{_mark_text(row.mark, is_date)}", marked=row.mark)
        for row in connection.execute(query)
    ]


def _mark_text(mark, is_date: bool) -> str:
    return mark.isoformat() if is_date else utc_text(mark)
