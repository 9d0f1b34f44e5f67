"""The ten templates installed with sample data (as `make run` does): every widget, flow branch and rule has data.

Widget filters run twice: through the records API (SQL) and through builder's Python evaluator over the
stored records; both must find the same, non-empty set. The workflow and rules engines are not involved:
the flows are walked and the rules' triggers and conditions evaluated over the stored records.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from builder.conditions.parse import parse_condition
from runtime.template_install import TemplateInstaller
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records, filtered_total
from tests.templates.coverage_flows import flow_problems
from tests.templates.coverage_rules import rule_problems
from tests.templates.coverage_views import view_problems
from tests.templates.sample_rows import Conditions

TEMPLATES = library().templates


def _stored_rows(client, template) -> dict[str, list[dict]]:
    return {entity.id: all_records(client, template.id, entity.id) for entity in template.model.entities}


def test_every_template_is_published_with_its_sample_data(demo_instance):
    outcomes = {outcome.template_id: outcome for outcome in demo_instance.outcomes}
    assert sorted(outcomes) == sorted(template.id for template in TEMPLATES)
    admin = signed_in_client(demo_instance.app)
    listed = {app["id"]: app for app in admin.get("/api/apps").get_json()["items"]}
    for template in TEMPLATES:
        outcome = outcomes[template.id]
        assert listed[template.id]["current_version"] == outcome.version == 1
        assert outcome.warnings == ()  # published with no validator problem at all
        expected = template.sample_data(datetime.now(UTC)).counts()
        assert outcome.records == expected
        for entity_id, count in expected.items():
            assert filtered_total(admin, template.id, entity_id, None) == count, (template.id, entity_id)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_widget_filters_find_the_same_records_in_sql_and_python(demo_instance, template):
    admin = signed_in_client(demo_instance.app)
    conditions = Conditions(template.model)
    for view in template.definition["views"]:
        for widget in view.get("widgets", ()):
            raw = widget.get("filter")
            records = all_records(admin, template.id, widget["entity"])
            now = datetime.now(UTC)
            condition = parse_condition(raw, "") if raw else None
            in_python = conditions.matching(condition, widget["entity"], records, now)
            in_sql = filtered_total(admin, template.id, widget["entity"], raw)
            assert in_sql == len(in_python) > 0, (view["id"], widget["id"])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_stored_records_fill_every_view_and_take_every_branch_and_rule(demo_instance, template):
    rows = _stored_rows(signed_in_client(demo_instance.app), template)
    now = datetime.now(UTC)
    assert view_problems(template.model, rows, now) == []
    assert flow_problems(template.model, rows, now) == []
    assert rule_problems(template.model, rows, now) == []


def test_a_second_install_changes_nothing(demo_instance):
    engine = demo_instance.app.extensions["dabble.engine"]
    admin = signed_in_client(demo_instance.app)
    before = {t.id: filtered_total(admin, t.id, t.model.entities[0].id, None) for t in TEMPLATES}
    assert TemplateInstaller(engine).install_missing() == []
    assert {t.id: filtered_total(admin, t.id, t.model.entities[0].id, None) for t in TEMPLATES} == before
