"""schedule: slots at a time of day in the app's time zone (daily, weekly, monthly, across DST); each matching record
once per slot; a slot missed by more than the grace is skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from builder.model.rules import Schedule
from runtime.rules.schedules import SLOT_GRACE, latest_slot
from tests.rules.example_apps import condition
from tests.rules.support import clock, create, firings, messages, publish_app, sweep_at, update

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY_9 = Schedule(frequency="weekly", weekday="mon", time="09:00")


@pytest.mark.parametrize(
    ("schedule", "timezone", "now", "slot"),
    [
        (MONDAY_9, SHANGHAI, datetime(2025, 3, 3, 0, 59, tzinfo=UTC), None),  # 08:59 Monday: last week's is too old
        (MONDAY_9, SHANGHAI, datetime(2025, 3, 3, 1, 0, tzinfo=UTC), datetime(2025, 3, 3, 1, 0, tzinfo=UTC)),
        (MONDAY_9, SHANGHAI, datetime(2025, 3, 3, 7, 0, tzinfo=UTC), datetime(2025, 3, 3, 1, 0, tzinfo=UTC)),
        (MONDAY_9, SHANGHAI, datetime(2025, 3, 3, 7, 1, tzinfo=UTC), None),  # missed by more than the grace
        (
            Schedule(frequency="daily", time="09:00"),
            NEW_YORK,
            datetime(2025, 3, 7, 14, 0, tzinfo=UTC),
            datetime(2025, 3, 7, 14, 0, tzinfo=UTC),
        ),
        (
            Schedule(frequency="daily", time="09:00"),
            NEW_YORK,
            datetime(2025, 3, 10, 13, 0, tzinfo=UTC),
            datetime(2025, 3, 10, 13, 0, tzinfo=UTC),
        ),
        (
            Schedule(frequency="monthly", day=28, time="18:30"),
            SHANGHAI,
            datetime(2025, 2, 28, 12, 0, tzinfo=UTC),
            datetime(2025, 2, 28, 10, 30, tzinfo=UTC),
        ),
        (Schedule(frequency="monthly", day=28, time="18:30"), SHANGHAI, datetime(2025, 3, 1, 12, 0, tzinfo=UTC), None),
    ],
    ids=["before", "on-time", "within-grace", "too-late", "daily-winter", "daily-summer", "monthly", "monthly-missed"],
)
def test_the_latest_slot_is_in_the_apps_time_zone(schedule, timezone, now, slot):
    assert latest_slot(schedule, timezone, now) == slot


def _digest_app() -> dict:
    return {
        "format_version": 1,
        "id": "pipeline",
        "label": "Pipeline",
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}],
        "entities": [
            {
                "id": "deal",
                "label": "Deal",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True},
                    {
                        "id": "stage",
                        "type": "choice",
                        "label": "Stage",
                        "options": [{"id": "open", "label": "Open"}, {"id": "won", "label": "Won"}],
                    },
                ],
            }
        ],
        "rules": [
            {
                "id": "monday_push",
                "label": "Monday push",
                "entity": "deal",
                "trigger": {"kind": "schedule", "frequency": "weekly", "weekday": "mon", "time": "09:00"},
                "condition": condition({"field": "stage", "operator": "=", "value": "open"}),
                "actions": [
                    {
                        "kind": "alert",
                        "to": [{"kind": "owner"}],
                        "message": {"zh": "本周请推进：{name}", "en": "Move {name} forward this week"},
                    }
                ],
            }
        ],
        "permissions": [{"role": "rep", "entity": "deal", "read": "own", "create": "own", "update": "own"}],
    }


def test_a_weekly_schedule_alerts_each_open_deal_once_every_monday_at_nine(app):
    sunday = datetime(2025, 3, 2, 4, 0, tzinfo=UTC)
    monday_nine = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
    with clock(sunday) as traveller:
        publish_app(app, _digest_app(), {"ann": "rep"})
        acme = create(app, "ann", "pipeline", "deal", {"name": "Acme", "stage": "open"})
        create(app, "ann", "pipeline", "deal", {"name": "Won Co", "stage": "won"})
        assert sweep_at(traveller, sunday, app) == 0
        assert sweep_at(traveller, monday_nine - timedelta(minutes=1), app) == 0
        assert sweep_at(traveller, monday_nine, app) == 1
        assert sweep_at(traveller, monday_nine + timedelta(minutes=1), app) == 0
        update(app, "ann", f"/api/apps/pipeline/deal/{acme['id']}", {"name": "Acme Corp"})
        assert sweep_at(traveller, monday_nine + timedelta(days=7), app) == 1
        # The server was down through the next Monday morning: that slot is skipped, not sent late.
        assert sweep_at(traveller, monday_nine + timedelta(days=14) + SLOT_GRACE + timedelta(minutes=1), app) == 0
    assert messages(app, "ann") == ["Move Acme forward this week", "Move Acme Corp forward this week"]
    assert messages(app, "ann", "zh") == ["本周请推进：Acme", "本周请推进：Acme Corp"]
    assert [firing["window_key"] for firing in firings(app)] == ["at:2025-03-03T01:00:00Z", "at:2025-03-10T01:00:00Z"]
