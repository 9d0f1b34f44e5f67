"""The permission matrix of the contract-approval app, over HTTP: every user × entity × operation × field.

An oracle computes what each user may do from the definition and the org chart written below, with
the Python predicate of each permission's `where`; the API must agree on every cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask

from builder import parse_definition
from builder.conditions.evaluate import compile_predicate
from builder.model import AppDefinition, Scope, Visibility
from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from tests.support.apps import definition, publish_new
from tests.support.auth import signed_in_client

APP = "contract_approval"
# user: (department, supervisor, roles). dan directs; mei and tom manage; leo is legal; ivy has no role.
ORG = {
    "dan": ("east", None, ("director",)),
    "mei": ("east", "dan", ("manager",)),
    "tom": ("south", "dan", ("manager",)),
    "ann": ("east", "mei", ("rep",)),
    "bob": ("east", "mei", ("rep",)),
    "sam": ("south", "tom", ("rep",)),
    "sue": ("south", "tom", ("rep",)),
    "eve": ("east", "dan", ("rep",)),  # in mei's department, not in her team
    "leo": (None, None, ("legal",)),
    "ivy": ("south", None, ()),
}
REPS = ("ann", "bob", "sam", "sue", "eve")


@dataclass
class Oracle:
    """What the definition and the org chart say each user may do."""

    model: AppDefinition
    predicates: dict[int, Any] = field(default_factory=dict)

    def team(self, user: str) -> set[str]:
        below = {name for name, (_, supervisor, _) in ORG.items() if supervisor == user}
        return {user}.union(*(self.team(name) for name in below))

    def department(self, user: str) -> set[str]:
        department = ORG[user][0]
        return {user} | ({name for name, (dept, _, _) in ORG.items() if dept == department} if department else set())

    def covers(self, scope: Scope, user: str, owner: str) -> bool:
        members = {Scope.OWN: {user}, Scope.TEAM: self.team(user), Scope.DEPARTMENT: self.department(user)}
        return scope is Scope.ALL or (scope is not Scope.NONE and owner in members[scope])

    def allows(self, user: str, entity: str, operation: str, record: dict[str, Any]) -> bool:
        for grant in self.model.permissions:
            if grant.entity != entity or grant.role not in ORG[user][2]:
                continue
            if self.covers(getattr(grant, operation), user, record["owner"]) and self._holds(grant, record):
                return True
        return False

    def may_create(self, user: str, entity: str) -> bool:
        grants = [g for g in self.model.permissions if g.entity == entity and g.role in ORG[user][2]]
        return any(grant.create is not Scope.NONE for grant in grants)

    def sees(self, user: str, visibility: Visibility, owner: str) -> bool:
        if visibility is Visibility.EVERYONE:
            return True
        if visibility is Visibility.OWNER:
            return owner == user
        return owner == user or ORG[owner][1] == user  # supervisor and collaborators (nothing shared here)

    def _holds(self, grant, record: dict[str, Any]) -> bool:
        if grant.where is None:
            return True
        entity = self.model.entity(grant.entity)
        return compile_predicate(grant.where, entity, self.model.definition)(record)


def _seed(app: Flask) -> dict[str, Any]:
    """The org, the published app, and records owned by each rep and manager (created through the API)."""
    engine = app.extensions[ENGINE_KEY]
    for key in ("east", "south"):
        org_admin.create_department(engine, key, key.title())
    for name, (department, _supervisor, roles) in ORG.items():
        org_admin.create_user(engine, name, department=department)
        for role in roles:
            org_admin.grant_role(engine, name, APP, role)
    for name, (_department, supervisor, _roles) in ORG.items():
        if supervisor:
            org_admin.set_supervisor(engine, name, supervisor)
    admin = signed_in_client(app)
    publish_new(admin, definition("contract_approval.json"))
    clients = {name: signed_in_client(app, name, is_admin=False) for name in ORG}
    for rep in REPS:
        customer = _post(
            clients[rep],
            "customer",
            name=f"{rep} Ltd",
            contact_phone=f"+86 138 0000 00{REPS.index(rep)}",
            notes=f"{rep}-notes-secret",
        )
        for amount in (1000, 600000):
            contract = _post(
                clients[rep],
                "contract",
                title=f"{rep} {amount}",
                customer=customer,
                amount=amount,
                margin_note=f"{rep}-{amount}-margin-secret",
            )
        _post(clients[rep], "follow_up", subject=f"{rep} call", contract=contract)
    for manager in ("mei", "tom"):
        _post(
            clients[manager],
            "contract",
            title=f"{manager} deal",
            customer=1,
            amount=700000,
            margin_note=f"{manager}-margin-secret",
        )
    return {"admin": admin, "clients": clients}


def _post(client, entity: str, **values: Any) -> int:
    response = client.post(f"/api/apps/{APP}/{entity}", json=values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.fixture
def matrix(app):
    seeded = _seed(app)
    model = parse_definition(definition("contract_approval.json"))
    everything = {
        entity.id: seeded["admin"].get(f"/api/apps/{APP}/{entity.id}?page_size=100").get_json()["items"]
        for entity in model.entities
    }
    return seeded["admin"], seeded["clients"], Oracle(model), everything


def test_every_user_reads_exactly_the_rows_and_fields_the_definition_grants(matrix):
    _admin, clients, oracle, everything = matrix
    model = oracle.model
    for user, client in clients.items():
        for entity in model.entities:
            records = everything[entity.id]
            readable = [r for r in records if oracle.allows(user, entity.id, "read", r)]
            listed = client.get(f"/api/apps/{APP}/{entity.id}?page_size=100")
            if not any(
                g.entity == entity.id and g.role in ORG[user][2] and g.read is not Scope.NONE for g in model.permissions
            ):
                assert listed.status_code == 403, (user, entity.id)
                continue
            assert [r["id"] for r in listed.get_json()["items"]] == [r["id"] for r in readable], (user, entity.id)
            for record in records:
                got = client.get(f"/api/apps/{APP}/{entity.id}/{record['id']}")
                if record not in readable:
                    assert got.status_code == 404, (user, entity.id, record["id"])
                    continue
                shown = got.get_json()
                for item in entity.fields:
                    expected = oracle.sees(user, item.visibility, record["owner"])
                    assert (item.id in shown) is expected, (user, entity.id, record["id"], item.id)
                    if expected:
                        assert shown[item.id] == record[item.id]


def test_writes_are_allowed_exactly_where_the_definition_grants_them(matrix):
    admin, clients, oracle, everything = matrix
    for user, client in clients.items():
        for entity in oracle.model.entities:
            for record in everything[entity.id]:
                url = f"/api/apps/{APP}/{entity.id}/{record['id']}"
                version = admin.get(url).get_json()["row_version"]
                readable = oracle.allows(user, entity.id, "read", record)
                updated = client.patch(url, json={"row_version": version})
                expected = 404 if not readable else 200 if oracle.allows(user, entity.id, "update", record) else 403
                assert updated.status_code == expected, (user, entity.id, record["id"], updated.get_json())
                version = admin.get(url).get_json()["row_version"]
                deleted = client.delete(f"{url}?row_version={version}")
                expected = 404 if not readable else 204 if oracle.allows(user, entity.id, "delete", record) else 403
                assert deleted.status_code == expected, (user, entity.id, record["id"])
                if deleted.status_code == 204:
                    assert admin.post(f"{url}/restore").status_code == 200
            created = client.post(f"/api/apps/{APP}/{entity.id}", json=_minimal(entity.id))
            assert created.status_code == (201 if oracle.may_create(user, entity.id) else 403), (user, entity.id)
            if created.status_code == 201:
                assert created.get_json()["owner"] == user
                assert admin.delete(f"/api/apps/{APP}/{entity.id}/{created.get_json()['id']}").status_code == 204


def _minimal(entity: str) -> dict[str, Any]:
    return {
        "customer": {"name": "New Co"},
        "contract": {"title": "New", "customer": 1, "amount": 10},
        "follow_up": {"subject": "New"},
    }[entity]


@pytest.mark.parametrize("how", ["filter", "field", "search"])
def test_hidden_values_cannot_be_found_by_filter_or_search(matrix, how):
    _admin, clients, oracle, everything = matrix
    for user, client in clients.items():
        for entity in oracle.model.entities:
            for item in (f for f in entity.fields if f.visibility is not Visibility.EVERYONE):
                for record in everything[entity.id]:
                    value = record.get(item.id)
                    if value is None or oracle.sees(user, item.visibility, record["owner"]):
                        continue
                    query = {
                        "filter": {
                            "filter": json.dumps({"rules": [{"field": item.id, "operator": "=", "value": value}]})
                        },
                        "field": {item.id: value},
                        "search": {"q": value},
                    }[how]
                    found = client.get(f"/api/apps/{APP}/{entity.id}", query_string=query)
                    if found.status_code == 200:
                        assert record["id"] not in [r["id"] for r in found.get_json()["items"]], (user, item.id)
                    else:  # no read grant, or a field that cannot be compared so: nothing about the value
                        assert found.status_code in (400, 403) and value not in found.get_data(as_text=True)


def test_a_reviewer_views_the_app_exactly_as_a_user_or_a_role(app, matrix):
    _admin, clients, _oracle, everything = matrix
    org_admin.create_user(app.extensions[ENGINE_KEY], "rita", is_reviewer=True)
    reviewer = signed_in_client(app, "rita", is_admin=False)
    url = f"/api/apps/{APP}/contract?page_size=100"
    for user in ("ann", "mei", "dan", "leo"):
        as_user = reviewer.get(url, headers={"X-View-As": f"user:{user}"})
        assert as_user.get_json() == clients[user].get(url).get_json(), user
    legal = reviewer.get(url, headers={"X-View-As": "role:legal"}).get_json()["items"]
    assert [r["id"] for r in legal] == [r["id"] for r in everything["contract"] if r["amount"] > 500000]
    assert not any("margin_note" in r for r in legal)  # a role, not an owner or a supervisor
    assert reviewer.get(url).status_code == 403  # rita herself holds no role in the app
    refused = {
        "not a reviewer": clients["ann"].get(url, headers={"X-View-As": "user:mei"}),
        "a write": reviewer.post(f"/api/apps/{APP}/contract", json={}, headers={"X-View-As": "user:ann"}),
    }
    assert {name: response.status_code for name, response in refused.items()} == {"not a reviewer": 403, "a write": 403}
    assert reviewer.get(url, headers={"X-View-As": "user:nobody"}).status_code == 404
    assert reviewer.get(url, headers={"X-View-As": "role:nobody"}).status_code == 404
    assert reviewer.get(url, headers={"X-View-As": "ann"}).status_code == 400
