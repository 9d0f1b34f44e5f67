"""schedule triggers: at a time of day (daily, weekly, monthly) in the app's time zone, each record matching the
condition gets the rule once per slot. Slots come from APScheduler's cron arithmetic (time zones, DST)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection, select, true

from builder.model.rules import Rule, Schedule
from builder.moments import utc_text
from runtime.live_apps import LiveApp
from runtime.rules.firings import Occasion, not_fired_in_window
from runtime.storage.sql_conditions import condition_clause

# A slot missed by more than this (the scheduler was down) is skipped rather than fired late: a Monday digest
# should not arrive on Thursday. Sweeps run every minute or so, far within it.
SLOT_GRACE = timedelta(hours=6)


def cron_of(schedule: Schedule, timezone: tzinfo) -> CronTrigger:
    """The schedule as a cron trigger in the app's time zone."""
    hour, minute = (int(part) for part in schedule.time.split(":"))
    fields: dict[str, object] = {"hour": hour, "minute": minute, "timezone": timezone}
    if schedule.frequency == "weekly":
        fields["day_of_week"] = schedule.weekday
    elif schedule.frequency == "monthly":
        fields["day"] = schedule.day
    return CronTrigger(**fields)


def latest_slot(schedule: Schedule, timezone: tzinfo, now: datetime) -> datetime | None:
    """The last slot at or before `now`, when it is no older than SLOT_GRACE."""
    trigger = cron_of(schedule, timezone)
    earliest = now - SLOT_GRACE
    slot = trigger.get_next_fire_time(None, earliest)
    latest = None
    while slot is not None and slot <= now:
        latest = slot
        slot = trigger.get_next_fire_time(slot, slot + timedelta(seconds=1))
    return latest


def schedule_occasions(
    connection: Connection, live: LiveApp, rule: Rule, now: datetime, only: int | None = None
) -> list[Occasion]:
    """The records the current slot is due for: live, matching the condition, not fired for this slot yet."""
    trigger = rule.trigger
    assert isinstance(trigger, Schedule)
    slot = latest_slot(trigger, live.timezone, now)
    if slot is None:
        return []
    window_key = f"at:{utc_text(slot)}"
    storage = live.entity(rule.entity).storage
    table = storage.table
    condition = (
        true()
        if rule.condition is None
        else condition_clause(
            rule.condition,
            storage,
            live.model.definition,
            dialect=connection.dialect.name,
            now=now,
            timezone=live.timezone,
        )
    )
    query = (
        select(table.c.id)
        .where(
            table.c.deleted_at.is_(None), condition, not_fired_in_window(live.number, rule.id, table.c.id, window_key)
        )
        .order_by(table.c.id)
    )
    if only is not None:
        query = query.where(table.c.id == only)
    return [Occasion(rule.id, record_id, window_key) for record_id in connection.execute(query).scalars()]
