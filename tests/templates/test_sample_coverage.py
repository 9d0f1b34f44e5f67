"""Sample data drawn at any moment gives every view and widget records, takes every flow branch, sets off every rule.

The moments include the awkward ones for relative dates: the first minutes of a year, a month and a week,
and the last minutes of a quarter and of a Sunday.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from templates_library import SampleData, library
from tests.templates.coverage_flows import flow_problems
from tests.templates.coverage_rules import rule_problems
from tests.templates.coverage_views import calendar_period, view_problems
from tests.templates.sample_rows import sample_rows

TEMPLATES = library().templates
MOMENTS = {
    "new_year": datetime.fromisoformat("2025-01-01T00:30:00+08:00"),
    "quarter_end": datetime.fromisoformat("2025-03-31T23:50:00+08:00"),
    "sunday_night": datetime.fromisoformat("2024-12-01T23:59:00+08:00"),
    "monday_morning": datetime.fromisoformat("2024-12-02T00:05:00+08:00"),
    "mid_year": datetime.fromisoformat("2025-06-30T12:00:00+08:00"),
    "now": datetime.now(UTC),
}


@pytest.mark.parametrize("moment", MOMENTS, ids=str)
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_sample_data_gives_every_part_of_the_app_something(template, moment):
    now = MOMENTS[moment]
    rows = sample_rows(template.model, template.sample_data(now))
    assert view_problems(template.model, rows, now) == []
    assert flow_problems(template.model, rows, now) == []
    assert rule_problems(template.model, rows, now) == []


def _without(data: SampleData, entity_id: str, keep) -> SampleData:
    """The data with only the records of one entity that `keep` accepts."""
    entities = tuple(
        (name, tuple(record for record in records if name != entity_id or keep(record.values)))
        for name, records in data.entities
    )
    return replace(data, entities=entities)


def test_the_checks_name_what_the_data_leaves_empty():
    template = library().get("lead_response")
    now = MOMENTS["mid_year"]
    data = template.sample_data(now)
    waiting_leads_gone = _without(data, "lead", lambda values: values.get("first_contact_at") is not None)
    problems = view_problems(template.model, sample_rows(template.model, waiting_leads_gone), now)
    assert "response_dashboard/awaiting_now: no record matches the filter" in problems
    assert "leads/waiting_48h: the saved filter shows nothing" in problems
    only_hot = _without(data, "lead", lambda values: values["intent_score"] >= 80)
    problems = flow_problems(template.model, sample_rows(template.model, only_hot), now)
    assert problems == [
        "close_lead: no sample record reaches node rep_closes",
        "close_lead: no sample record takes edge ordinary",
        "close_lead: no sample record takes edge rep_closed",
    ]
    all_scored = _without(data, "lead", lambda values: values.get("response_72h") is not None)
    assert set(rule_problems(template.model, sample_rows(template.model, all_scored), now)) == {
        "escalate_72h: no sample record sets it off",
        "met_72h: no sample record sets it off",
    }


def test_an_aggregate_rule_needs_the_trend_it_watches():
    template = library().get("quote_strategy")
    now = MOMENTS["now"]
    data = template.sample_data(now)
    steady = _without(data, "purchase", lambda values: values["account_line"].position >= 6)
    assert rule_problems(template.model, sample_rows(template.model, steady), now) == [
        "line_slowing: no sample record sets it off"
    ]


@pytest.mark.parametrize(
    ("day", "period", "offset", "first", "last"),
    [
        ("2025-01-01", "week", 0, "2024-12-30", "2025-01-05"),
        ("2025-01-01", "month", -1, "2024-12-01", "2024-12-31"),
        ("2025-01-01", "quarter", -1, "2024-10-01", "2024-12-31"),
        ("2025-03-31", "quarter", 0, "2025-01-01", "2025-03-31"),
        ("2025-03-31", "year", -1, "2024-01-01", "2024-12-31"),
        ("2024-12-01", "day", -1, "2024-11-30", "2024-11-30"),
    ],
)
def test_calendar_periods_of_the_compare_check(day, period, offset, first, last):
    bounds = calendar_period(datetime.fromisoformat(day).date(), period, offset)
    assert [bound.isoformat() for bound in bounds] == [first, last]
