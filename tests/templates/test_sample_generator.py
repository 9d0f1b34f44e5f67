"""The one sample-data generator: deterministic, every value valid for its field, refs and owners consistent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from builder import parse_definition
from builder.field_values import value_problem
from builder.model import FieldType, Scope
from templates_library import SampleRef, SampleSpecError, generate_sample_data, library
from templates_library.sample_spec import parse_sample_spec

TEMPLATES = library().templates
NOW = datetime(2025, 3, 5, 2, 30, tzinfo=UTC)  # a Wednesday, 10:30 in Shanghai


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_the_same_seed_and_moment_give_the_same_data(template):
    first = template.sample_data(NOW)
    assert template.sample_data(NOW) == first
    other_seed = generate_sample_data(template.sample_spec, template.model, seed=template.sample_seed + 1, now=NOW)
    assert other_seed != first and other_seed.counts() == first.counts()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_every_value_fits_its_field_and_every_ref_an_earlier_record(template):
    data = template.sample_data(NOW)
    created: dict[str, int] = {}
    for entity_id, records in data.entities:
        entity = template.model.entity(entity_id)
        for record in records:
            for field in entity.fields:
                if field.needs_input:
                    assert record.values.get(field.id) is not None, (entity_id, record.position, field.id)
            for field_id, value in record.values.items():
                field = entity.own_field(field_id)
                if isinstance(value, SampleRef):
                    assert field.type is FieldType.REF and value.entity == field.target_entity
                    assert value.position < created.get(value.entity, 0), "a ref to a record not created before"
                else:
                    assert value_problem(field, value) is None, (entity_id, record.position, field_id, value)
        for field in entity.fields:
            if field.unique:
                values = [record.values.get(field.id) for record in records]
                assert len(set(values)) == len(values), (entity_id, field.id)
        created[entity_id] = len(records)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_records_are_owned_by_demo_users_whose_role_may_create_them(template):
    data = template.sample_data(NOW)
    for record in data.all_records():
        roles = {role for role, users in template.demo_roles.items() if record.owner in users}
        grants = [g for g in template.model.permissions if g.entity == record.entity and g.role in roles]
        assert any(grant.create is not Scope.NONE for grant in grants), (record.entity, record.owner)
    assert data.owners & {"chen.jie", "liu.yang", "zhao.lei", "sun.li"}


DEALS = parse_definition(
    {
        "format_version": 1,
        "id": "deals",
        "label": "Deals",
        "timezone": "Asia/Shanghai",
        "entities": [
            {
                "id": "account",
                "label": "Account",
                "title_field": "name",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True, "unique": True},
                    {"id": "city", "type": "choice", "label": "City", "options": [{"id": "sh", "label": "SH"}]},
                ],
            },
            {
                "id": "deal",
                "label": "Deal",
                "fields": [
                    {"id": "title", "type": "text", "label": "Title", "required": True},
                    {"id": "account", "type": "ref", "entity": "account", "label": "Account"},
                    {"id": "city", "type": "choice", "label": "City", "options": [{"id": "sh", "label": "SH"}]},
                    {"id": "amount", "type": "money", "currency": "CNY", "label": "Amount", "min": 0},
                    {"id": "closes", "type": "date", "label": "Closes"},
                    {"id": "met_at", "type": "datetime", "label": "Met"},
                    {"id": "net", "type": "computed", "label": "Net", "formula": "amount * 2"},
                ],
            },
        ],
    }
)


def _spec(deal_values: dict, *, account_count: int = 2, deal_owner=("chen.jie",), count: int = 3) -> dict:
    accounts = {
        "count": account_count,
        "owner": {"cycle": ["chen.jie", "li.na"]},
        "values": {"name": {"format": "Account {index}"}, "city": "sh"},
    }
    deals = {"count": count, "owner": {"cycle": list(deal_owner)}, "values": {"title": "Deal"} | deal_values}
    return {
        "entities": [
            {"entity": "account", "segments": [accounts]},
            {"entity": "deal", "segments": [deals]},
        ]
    }


def _generate(spec: dict):
    return generate_sample_data(parse_sample_spec(spec), DEALS, seed=7, now=NOW)


def test_dates_in_turn_in_periods_and_after_other_fields():
    data = _generate(
        _spec(
            {
                "closes": {"days_from_today": [-2, 0], "in_turn": True},
                "met_at": {"in_period": "week", "offset": -1},
                "account": {"ref": "account", "each": 2},
                "city": {"of_ref": "account", "field": "city"},
                "title": {"format": "{account} #{index}"},
            },
            count=4,
        )
    )
    deals = data.records("deal")
    assert [deal.values["closes"] for deal in deals] == ["2025-03-05", "2025-03-04", "2025-03-03", "2025-03-05"]
    for deal in deals:
        met = datetime.fromisoformat(deal.values["met_at"])
        assert date(2025, 2, 24) <= met.date() <= date(2025, 3, 2) and met.utcoffset().total_seconds() == 8 * 3600
    assert [deal.values["account"].position for deal in deals] == [0, 0, 1, 1]
    assert [deal.values["title"] for deal in deals] == ["Account 1 #1", "Account 1 #2", "Account 2 #3", "Account 2 #4"]
    assert {deal.values["city"] for deal in deals} == {"sh"}


def test_owners_follow_the_records_they_point_at():
    data = _generate(_spec({"account": {"ref": "account", "same_owner": True}}, deal_owner=("li.na",)))
    assert {deal.values["account"].position for deal in data.records("deal")} == {1}
    data = _generate({**_spec({"account": {"ref": "account", "each": 1}}, count=2)})
    spec = _spec({"account": {"ref": "account", "each": 1}}, count=2)
    spec["entities"][1]["segments"][0]["owner"] = {"owner_of": "account"}
    assert [deal.owner for deal in _generate(spec).records("deal")] == ["chen.jie", "li.na"]
    assert data.owners == {"chen.jie", "li.na"}


@pytest.mark.parametrize(
    ("deal_values", "complaint"),
    [
        ({"nothing": 1}, "no field 'nothing'"),
        ({"net": 5}, "no field 'net'"),
        ({"title": None}, "required field 'title' gets no value"),
        ({"city": "bj"}, "is not one of"),
        ({"amount": -5}, "is not"),
        ({"closes": {"hours_from_now": [-5, -1]}}, "does not fit a date field"),
        ({"amount": {"decimal": [1, 2], "integer": [1, 2]}}, "exactly one"),
        ({"amount": {"integer": [5, 1]}}, "low <= high"),
        ({"amount": {"integer": [1, 5], "step": 2}}, "step"),
        ({"account": {"ref": "deal"}}, "points at 'account'"),
        ({"account": {"ref": "account", "each": 1}}, "no account record 2"),
        ({"city": {"of_ref": "title", "field": "city"}}, "not a ref field"),
        ({"closes": {"days_after": "closes"}}, "loop"),
        ({"met_at": {"hours_after": "missing_field", "range": [1, 2]}}, "does not draw"),
        ({"title": {"format": "{nope}"}}, "does not draw"),
        ({"closes": {"in_period": "decade"}}, "one of day"),
    ],
)
def test_a_spec_mistake_is_refused_with_where_it_is(deal_values, complaint):
    with pytest.raises(SampleSpecError, match=complaint) as caught:
        _generate(_spec(deal_values))
    assert str(caught.value).startswith("/entities/1/segments/0")


def test_required_fields_and_unique_values_are_checked():
    spec = _spec({})
    del spec["entities"][1]["segments"][0]["values"]["title"]
    with pytest.raises(SampleSpecError, match="required field 'title'"):
        _generate(spec)
    spec = _spec({})
    spec["entities"][0]["segments"][0]["values"]["name"] = "Same"
    with pytest.raises(SampleSpecError, match="unique field 'name'"):
        _generate(spec)
    spec = _spec({"account": {"ref": "account"}})
    spec["entities"].reverse()
    with pytest.raises(SampleSpecError, match="must be generated before"):
        _generate(spec)
    with pytest.raises(SampleSpecError, match="user name"):
        _generate(_spec({}, deal_owner=(5,)))


def test_now_must_say_its_time_zone():
    with pytest.raises(ValueError, match="timezone-aware"):
        generate_sample_data(parse_sample_spec(_spec({})), DEALS, seed=1, now=datetime(2025, 3, 5))
