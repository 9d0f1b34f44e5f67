"""Check each rule of a template fires for some sample record: its trigger is due and its condition holds."""

from __future__ import annotations

import operator
from datetime import datetime, time
from decimal import Decimal
from itertools import pairwise
from typing import Any

from builder.conditions.literals import parse_date, parse_datetime
from builder.model import AppDefinition
from builder.model.rules import AggregateTrigger, FieldChanged, Rule, TimeElapsed
from tests.templates.sample_rows import Conditions, Rows

COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def rule_problems(model: AppDefinition, rows: Rows, now: datetime) -> list[str]:
    """The rules no sample record would set off at `now`."""
    conditions = Conditions(model)
    return [
        f"{rule.id}: no sample record sets it off"
        for rule in model.rules
        if not firing_records(rule, rows, now, conditions)
    ]


def firing_records(rule: Rule, rows: Rows, now: datetime, conditions: Conditions) -> list[dict[str, Any]]:
    """The records for which the rule's trigger is due and its condition holds."""
    candidates = conditions.matching(rule.condition, rule.entity, rows[rule.entity], now)
    trigger = rule.trigger
    if isinstance(trigger, TimeElapsed):
        return [row for row in candidates if _elapsed(row.get(trigger.field), trigger, now, conditions)]
    if isinstance(trigger, FieldChanged):
        wanted = trigger.to_value if trigger.has_to else trigger.from_value
        if trigger.has_to or trigger.has_from:
            return [row for row in candidates if row.get(trigger.field) == wanted]
        return candidates
    if isinstance(trigger, AggregateTrigger):
        return [row for row in candidates if aggregate_fires(trigger, row, rows, now, conditions)]
    return candidates  # created, updated, on a schedule: the condition decides


def aggregate_fires(trigger: AggregateTrigger, parent: dict, rows: Rows, now: datetime, conditions: Conditions) -> bool:
    """Whether the measure over the records pointing at `parent` compares as the trigger states."""
    source, measure, compare = trigger.source, trigger.measure, trigger.compare
    window = trigger.window.as_timedelta()
    children = [
        (_moment(row[source.date_field], conditions), row)
        for row in rows[source.entity]
        if row.get(source.via) == parent["id"] and row.get(source.date_field) is not None
    ]
    if measure.function == "interval":
        moments = sorted(moment for moment, _ in children if now - window < moment <= now)
        gaps = [(later - earlier).total_seconds() / 86400 for earlier, later in pairwise(moments)]
        if len(gaps) < (1 if compare.against == "threshold" else 2):
            return False
        current, previous = _decimal(gaps[-1]), _decimal(gaps[-2]) if len(gaps) > 1 else None
    else:
        current = _measure(measure, [row for moment, row in children if now - window < moment <= now])
        previous = _measure(measure, [row for moment, row in children if now - 2 * window < moment <= now - window])
    if current is None:
        return False
    if compare.against == "threshold":
        return COMPARE[compare.operator](current, _decimal(compare.value))
    if not previous:
        return False
    change = (current - previous) * 100 / previous if compare.unit == "percent" else current - previous
    return COMPARE[compare.operator](change, _decimal(compare.value))


def _elapsed(value: str | None, trigger: TimeElapsed, now: datetime, conditions: Conditions) -> bool:
    """Whether the trigger's duration has run out since the field's moment (a date: since its day began)."""
    if value is None:
        return False
    span = trigger.after.as_timedelta()
    if len(value) == 10:
        return parse_date(value) + span <= now.astimezone(conditions.timezone).date()
    return parse_datetime(value, conditions.timezone) + span <= now


def _measure(measure: Any, rows: list[dict]) -> Decimal | None:
    if measure.function == "count":
        return Decimal(len(rows))
    values = [_decimal(row[measure.field]) for row in rows if row.get(measure.field) is not None]
    if not values:
        return None
    return sum(values) if measure.function == "sum" else sum(values) / len(values)


def _moment(value: str, conditions: Conditions) -> datetime:
    if len(value) == 10:
        return datetime.combine(parse_date(value), time(), conditions.timezone)
    return parse_datetime(value, conditions.timezone)


def _decimal(value: Any) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
