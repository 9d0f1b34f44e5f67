"""Row scopes and field visibility through the access layer: a rep, their supervisor, a collaborator, an outsider."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest

from builder.service.errors import ApiError
from runtime.database import ENGINE_KEY, transaction
from runtime.identity.actor import Actor
from runtime.records.access import RecordAccess
from runtime.records.api import LIVE_APPS_KEY
from runtime.records.owner_controls import OwnerControls
from runtime.records.queries import parse_list_query
from runtime.records.service import Records
from tests.support.apps import definition, publish_new

# East: manager mei leads reps ann and bob; director dan leads mei. South: rep sam (manager tom). Ivy: no role.
TEAM_EAST = frozenset({"mei", "ann", "bob"})
ACTORS = {
    "ann": Actor("ann", department="east", supervisor="mei", team=frozenset({"ann"}), department_members=TEAM_EAST),
    "bob": Actor("bob", department="east", supervisor="mei", team=frozenset({"bob"}), department_members=TEAM_EAST),
    "mei": Actor("mei", department="east", supervisor="dan", direct_reports=frozenset({"ann", "bob"}), team=TEAM_EAST),
    "dan": Actor("dan", direct_reports=frozenset({"mei"}), team=TEAM_EAST | {"dan"}),
    "sam": Actor("sam", department="south", supervisor="tom", team=frozenset({"sam"})),
    "ivy": Actor("ivy"),
}
ROLES = {"ann": "rep", "bob": "rep", "sam": "rep", "mei": "manager", "dan": "director"}


def _app() -> dict[str, Any]:
    """The corpus deals app with three restricted fields and rep / manager / director permissions."""
    document = definition()
    document["roles"].append({"id": "director", "label": "Director"})
    document["entities"][0]["fields"] += [
        {"id": "margin", "type": "text", "label": "Margin", "visibility": "supervisor", "owner_may_narrow": True},
        {"id": "diary", "type": "text", "label": "Diary", "visibility": "owner"},
        {"id": "next_step", "type": "text", "label": "Next step", "visibility": "collaborators"},
    ]
    document["permissions"] = [
        {"role": "rep", "entity": "deal", "read": "own", "create": "own", "update": "own"},
        {"role": "manager", "entity": "deal", "read": "team", "update": "team", "delete": "team"},
        {
            "role": "director",
            "entity": "deal",
            "read": "all",
            "where": {"combinator": "and", "rules": [{"field": "amount", "operator": ">=", "value": 1000}]},
        },
    ]
    return document


@pytest.fixture
def deals(app, client) -> Iterator[Any]:
    """The app published, with one deal per rep holding a secret in each restricted field."""
    publish_new(client, _app())

    @contextmanager
    def as_user(name: str) -> Iterator[Records]:
        roles = frozenset({ROLES[name]} if name in ROLES else ())
        actor = replace(ACTORS[name], app_roles={"deals": roles})
        with transaction(app.extensions[ENGINE_KEY], write=True) as connection:
            live = app.extensions[LIVE_APPS_KEY].current(connection, "deals")
            yield Records(connection, live, live.entity("deal"), RecordAccess(actor, live, connection.dialect.name))

    for rep in ("ann", "bob", "sam"):
        with as_user(rep) as records:
            records.create(
                {
                    "name": f"{rep} deal",
                    "amount": 5000 if rep != "bob" else 500,
                    "stage": "open",
                    "margin": f"{rep}-margin",
                    "diary": f"{rep}-diary",
                    "next_step": f"{rep}-next",
                }
            )
    return as_user


def _list(records: Records, **arguments: str) -> list[dict[str, Any]]:
    raw = {name: [value] for name, value in arguments.items()}
    query = parse_list_query(
        raw, records.live, records.entity, records.readable, dialect=records.connection.dialect.name
    )
    return records.list(query)["items"]


def _names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def test_each_role_lists_the_rows_its_scope_grants(deals):
    with deals("ann") as records:
        assert _names(_list(records)) == ["ann deal"]
    with deals("mei") as records:
        assert _names(_list(records)) == ["ann deal", "bob deal"]  # team: her direct reports
    with deals("dan") as records:
        assert _names(_list(records)) == ["ann deal", "sam deal"]  # all, where amount >= 1000
    with deals("ivy") as records, pytest.raises(ApiError) as raised:
        _list(records)
    assert (raised.value.status, raised.value.code) == (403, "access.denied")


def test_field_visibility_follows_owner_supervisor_and_collaborators(deals):
    with deals("ann") as records:
        (own,) = _list(records)
        assert (own["margin"], own["diary"], own["next_step"]) == ("ann-margin", "ann-diary", "ann-next")
        OwnerControls(records).share(own["id"], "sam")
    with deals("mei") as records:
        ann, bob = _list(records)
        assert (ann["margin"], ann["next_step"]) == ("ann-margin", "ann-next") and "diary" not in ann
        assert bob["margin"] == "bob-margin"
    with deals("dan") as records:  # not the direct supervisor of ann
        ann, _sam = _list(records)
        assert not {"margin", "diary", "next_step"} & set(ann) and ann["amount"] == 5000
    with deals("sam") as records:  # a collaborator from another department, through the share
        items = {item["name"]: item for item in _list(records)}
        assert set(items) == {"ann deal", "sam deal"}
        assert items["ann deal"]["next_step"] == "ann-next" and not {"margin", "diary"} & set(items["ann deal"])


@pytest.mark.parametrize(
    "arguments",
    [
        {
            "filter": json.dumps(
                {"combinator": "and", "rules": [{"field": "margin", "operator": "contains", "value": "a"}]}
            )
        },
        {"margin": "ann-margin"},
        {"q": "ann-diary"},
    ],
    ids=["filter", "field=value", "search"],
)
def test_a_hidden_value_cannot_be_found_by_filter_or_search(deals, arguments):
    with deals("dan") as records:
        assert _list(records, **arguments) == []
    with deals("ann") as records:
        assert len(_list(records, **arguments)) == 1  # the owner finds her own value


def test_sorting_by_a_hidden_field_does_not_order_by_its_values(deals):
    with deals("sam") as records:
        records.update(_list(records)[0]["id"], {"row_version": 1, "margin": "a-first"})
    with deals("dan") as records:  # sees neither margin: the id decides the order both ways
        assert (
            _names(_list(records, sort="margin")) == _names(_list(records, sort="-margin")) == ["ann deal", "sam deal"]
        )


def test_writes_obey_the_scope_of_their_operation(deals):
    with deals("bob") as records:
        bob_deal = _list(records)[0]["id"]
    with deals("ann") as records:
        with pytest.raises(ApiError) as unseen:
            records.update(bob_deal, {"row_version": 1, "name": "mine"})
        assert unseen.value.status == 404  # another rep's record does not exist for ann
        own = _list(records)[0]["id"]
        with pytest.raises(ApiError) as no_delete:
            records.delete(own, 1)
        assert (no_delete.value.status, no_delete.value.code) == (403, "access.denied")
        created = records.create({"name": "new", "amount": 1, "stage": "open"})
        assert created["owner"] == "ann"
    with deals("mei") as records:
        assert records.update(bob_deal, {"row_version": 1, "name": "reviewed"})["name"] == "reviewed"
        with pytest.raises(ApiError) as hidden:
            records.update(bob_deal, {"row_version": 2, "diary": "overwritten"})
        assert (hidden.value.status, [p["code"] for p in hidden.value.problems]) == (403, ["access.field_hidden"])
    with deals("dan") as records, pytest.raises(ApiError) as read_only:
        records.update(_list(records)[0]["id"], {"row_version": 1, "name": "x"})
    assert read_only.value.status == 403


def test_history_leaves_out_changes_to_fields_the_reader_may_not_see(deals):
    with deals("ann") as records:
        own = _list(records)[0]["id"]
        records.update(own, {"row_version": 1, "diary": "second", "name": "renamed"})
    with deals("mei") as records:
        changes = [item["changes"] for item in records.history(own)["items"]]
    assert all("diary" not in change for change in changes) and changes[-1] == {"name": ["ann deal", "renamed"]}


def test_only_the_owner_shares_and_a_share_can_be_taken_back(deals):
    with deals("ann") as records:
        own = _list(records)[0]["id"]
        assert OwnerControls(records).share(own, "sam")["items"][0]["username"] == "sam"
    with deals("mei") as records, pytest.raises(ApiError) as not_owner:
        OwnerControls(records).share(own, "bob")
    assert not_owner.value.status == 403
    with deals("ann") as records:
        OwnerControls(records).unshare(own, "sam")
    with deals("sam") as records:
        assert _names(_list(records)) == ["sam deal"]


def test_an_owner_narrows_a_field_on_their_own_record_and_can_reset_it(deals):
    with deals("ann") as records:
        own = _list(records)[0]["id"]
        assert OwnerControls(records).narrow(own, {"field": "margin", "level": "owner"})["margin"]["level"] == "owner"
        with pytest.raises(ApiError) as wider:
            OwnerControls(records).narrow(own, {"field": "margin", "level": "everyone"})
        with pytest.raises(ApiError) as not_narrowable:
            OwnerControls(records).narrow(own, {"field": "diary", "level": "owner"})
        assert _list(records)[0]["margin"] == "ann-margin"
    assert [p["code"] for p in wider.value.problems] == ["visibility.level"]
    assert [p["code"] for p in not_narrowable.value.problems] == ["visibility.field"]
    with deals("mei") as records:
        items = {item["name"]: item for item in _list(records)}
        assert "margin" not in items["ann deal"] and items["bob deal"]["margin"] == "bob-margin"
        assert _names(_list(records, margin="ann-margin")) == []
        with pytest.raises(ApiError) as not_owner:
            OwnerControls(records).narrow(own, {"field": "margin", "level": "supervisor"})
    assert not_owner.value.status == 403
    with deals("ann") as records:
        assert (
            OwnerControls(records).narrow(own, {"field": "margin", "level": "supervisor"})["margin"]["level"]
            == "supervisor"
        )
    with deals("mei") as records:
        assert _names(_list(records, margin="ann-margin")) == ["ann deal"]


def test_share_and_visibility_routes_answer_in_the_api_shape(client):
    publish_new(client, _app())
    created = client.post("/api/apps/deals/deal", json={"name": "D", "amount": 1, "stage": "open", "margin": "m"})
    base = f"/api/apps/deals/deal/{created.get_json()['id']}"
    shared = client.post(f"{base}/shares", json={"username": "sam"})
    assert shared.status_code == 200 and [item["username"] for item in shared.get_json()["items"]] == ["sam"]
    assert client.post(f"{base}/shares", json={"username": "no spaces"}).status_code == 422
    assert client.delete(f"{base}/shares/sam").status_code == 204
    assert client.get(f"{base}/shares").get_json() == {"items": []}
    narrowed = client.put(f"{base}/visibility", json={"field": "margin", "level": "owner"})
    assert narrowed.status_code == 200 and narrowed.get_json()["margin"] == {"level": "owner", "may_narrow": True}
    wrong = client.put(f"{base}/visibility", json={"field": "margin", "level": "everyone"})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["problems"][0]["path"] == "/level"
