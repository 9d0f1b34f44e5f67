"""Each template's rules run in the rules engine on the installed sample records.

Timed rules (time elapsed, aggregate trends) fire in one sweep for exactly the records the Python check
picks out of the stored records; schedules fire at their next slot; write-triggered rules fire when a demo
user saves through the records API what sets them off (a copy of a record that meets the condition, or
the field change the trigger watches).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from builder.compile.records import writable_fields
from builder.model.rules import AggregateTrigger, FieldChanged, RecordCreated, Schedule, TimeElapsed
from runtime.rules.schedules import cron_of
from runtime.rules.sweep import sweep
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records
from tests.templates.coverage_rules import firing_records
from tests.templates.sample_rows import Conditions, with_computed

TEMPLATES = library().templates
HANDLED = (TimeElapsed, AggregateTrigger, Schedule, RecordCreated, FieldChanged)


def _rows(client, template) -> dict[str, list[dict]]:
    return {entity.id: all_records(client, template.id, entity.id) for entity in template.model.entities}


def _fired(admin, app_id: str, rule_id: str, *, window: str | None = None) -> dict[int, bool]:
    """Record id → whether it went well, for the firings of a rule (in one window when given)."""
    response = admin.get(f"/api/apps/{app_id}/rules/firings", query_string={"rule": rule_id, "page_size": 500})
    assert response.status_code == 200, response.get_json()
    items = response.get_json()["items"]
    return {item["record_id"]: item["ok"] for item in items if window is None or item["window"] == window}


def test_every_rule_has_a_trigger_this_module_sets_off():
    for template in TEMPLATES:
        for rule in template.model.rules:
            assert isinstance(rule.trigger, HANDLED), (template.id, rule.id, rule.trigger.kind)


@pytest.fixture(scope="module")
def swept(demo_instance) -> dict[str, dict[str, list[dict]]]:
    """The stored records of every template as they were, then one sweep of the timed rules at this moment."""
    admin = signed_in_client(demo_instance.app)
    before = {template.id: _rows(admin, template) for template in TEMPLATES}
    now = datetime.now(UTC)
    sweep(demo_instance.app, now)
    return {"now": now, "rows": before}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_timed_rules_fire_for_exactly_the_due_records(demo_instance, swept, template):
    admin = signed_in_client(demo_instance.app)
    conditions = Conditions(template.model)
    for rule in template.model.rules:
        if not isinstance(rule.trigger, TimeElapsed | AggregateTrigger):
            continue
        due = {row["id"] for row in firing_records(rule, swept["rows"][template.id], swept["now"], conditions)}
        fired = _fired(admin, template.id, rule.id)
        assert due and set(fired) == due, (rule.id, sorted(due), sorted(fired))
        assert all(fired.values()), (rule.id, fired)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_schedules_fire_at_their_next_slot(demo_instance, swept, template):
    admin = signed_in_client(demo_instance.app)
    zone = ZoneInfo(template.model.timezone)
    for rule in template.model.rules:
        if not isinstance(rule.trigger, Schedule):
            continue
        slot = cron_of(rule.trigger, zone).get_next_fire_time(None, datetime.now(UTC))
        moment = slot.astimezone(UTC) + timedelta(minutes=1)
        rows = _rows(admin, template)
        due = {row["id"] for row in firing_records(rule, rows, moment, Conditions(template.model))}
        sweep(demo_instance.app, moment)  # a sweep for another app's schedule may have fired this slot already
        fired = _fired(admin, template.id, rule.id, window=f"at:{slot.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}")
        assert due and set(fired) == due, (rule.id, sorted(due), sorted(fired))
        assert all(fired.values()), (rule.id, fired)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_saves_through_the_api_set_off_the_write_rules(demo_instance, swept, template):
    admin = signed_in_client(demo_instance.app)
    conditions = Conditions(template.model)
    now = datetime.now(UTC)
    for rule in template.model.rules:
        trigger = rule.trigger
        if not isinstance(trigger, RecordCreated | FieldChanged):
            continue
        rows = all_records(admin, template.id, rule.entity)
        entity = template.model.entity(rule.entity)
        holds = conditions.predicate(rule.condition, rule.entity)
        if isinstance(trigger, RecordCreated):
            record, change = _copy(entity, rows, holds, now)
            response = signed_in_client(demo_instance.app, record["owner"], is_admin=False).post(
                f"/api/apps/{template.id}/{rule.entity}", json=change
            )
            assert response.status_code == 201, (rule.id, response.get_json())
        else:
            record, change = _field_change(entity, trigger, rows, holds, now)
            response = signed_in_client(demo_instance.app, record["owner"], is_admin=False).patch(
                f"/api/apps/{template.id}/{rule.entity}/{record['id']}",
                json=change | {"row_version": record["row_version"]},
            )
            assert response.status_code == 200, (rule.id, response.get_json())
        written = response.get_json()["id"]
        assert _fired(admin, template.id, rule.id).get(written) is True, (rule.id, written)


def _copy(entity, rows: list[dict], holds, now) -> tuple[dict, dict[str, Any]]:
    """A record meeting the condition, and its writable values to create a copy of it."""
    record = next(row for row in rows if holds is None or holds(row, now))
    values = {field.id: record[field.id] for field in writable_fields(entity) if record.get(field.id) is not None}
    return record, values


def _field_change(entity, trigger: FieldChanged, rows: list[dict], holds, now) -> tuple[dict, dict[str, Any]]:
    """A record and a change of the watched field after which the rule's condition holds."""
    field = entity.own_field(trigger.field)
    for row in rows:
        if trigger.has_from and row.get(field.id) != trigger.from_value:
            continue
        current = row.get(field.id)
        targets = [trigger.to_value] if trigger.has_to else ([current - 1, current + 1] if current is not None else [])
        for target in targets:
            if target == current:
                continue
            after = with_computed(entity, row | {field.id: target})
            if holds is None or holds(after, now):
                return row, {field.id: target}
    raise AssertionError(f"no sample record can set off a change of {trigger.field}")
