"""Each demo user sees their own slice of each installed template: exactly the records their roles' scopes grant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from builder.model import Scope
from runtime.identity.demo_org import DEMO_USERS
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records
from tests.templates.sample_rows import Conditions

TEMPLATES = library().templates
REPS = ("chen.jie", "liu.yang", "zhao.lei", "sun.li")


def _team(username: str) -> set[str]:
    """The user and everyone below them in the demo org's supervisor chain."""
    found = {username}
    while True:
        below = {user.username for user in DEMO_USERS if user.supervisor in found} - found
        if not below:
            return found
        found |= below


def _department(username: str) -> set[str]:
    department = next(user.department for user in DEMO_USERS if user.username == username)
    return {user.username for user in DEMO_USERS if user.department == department}


def _expected_ids(template, username: str, entity_id: str, rows: list[dict]) -> set[int] | None:
    """The ids the user's roles let them read (None: no role of theirs reads the entity at all)."""
    roles = {role for role, users in template.demo_roles.items() if username in users}
    grants = [grant for grant in template.model.permissions if grant.entity == entity_id and grant.role in roles]
    grants = [grant for grant in grants if grant.read is not Scope.NONE]
    if not grants:
        return None
    conditions, now = Conditions(template.model), datetime.now(UTC)
    owners = {Scope.OWN: {username}, Scope.TEAM: _team(username), Scope.DEPARTMENT: _department(username)}
    visible = set()
    for grant in grants:
        where = conditions.predicate(grant.where, entity_id)
        for row in rows:
            if (grant.read is Scope.ALL or row["owner"] in owners[grant.read]) and (where is None or where(row, now)):
                visible.add(row["id"])
    return visible


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_each_demo_user_reads_exactly_what_their_roles_grant(demo_instance, template):
    admin = signed_in_client(demo_instance.app)
    rows = {entity.id: all_records(admin, template.id, entity.id) for entity in template.model.entities}
    users = sorted({user for holders in template.demo_roles.values() for user in holders})
    for username in users:
        client = signed_in_client(demo_instance.app, username, is_admin=False)
        seen_any = False
        for entity_id, entity_rows in rows.items():
            expected = _expected_ids(template, username, entity_id, entity_rows)
            if expected is None:
                response = client.get(f"/api/apps/{template.id}/{entity_id}")
                assert response.status_code == 403, (username, entity_id, response.get_json())
                continue
            seen = {record["id"] for record in all_records(client, template.id, entity_id)}
            assert seen == expected, (username, entity_id)
            seen_any = seen_any or bool(seen)
        assert seen_any, f"{username} sees nothing in {template.id}"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_reps_own_their_sample_records_and_see_no_one_elses_private_ones(demo_instance, template):
    admin = signed_in_client(demo_instance.app)
    owners = {
        record["owner"] for entity in template.model.entities for record in all_records(admin, template.id, entity.id)
    }
    granted = {user for holders in template.demo_roles.values() for user in holders}
    assert owners <= granted, f"records owned by users without a role: {owners - granted}"
    assert owners & set(REPS), "no rep owns a sample record"
    for grant in template.model.permissions:
        if grant.read is not Scope.OWN:
            continue
        holders = [user for user in template.demo_roles.get(grant.role, ()) if user in REPS]
        for rep in holders[:1]:
            client = signed_in_client(demo_instance.app, rep, is_admin=False)
            records = all_records(client, template.id, grant.entity)
            assert records and {record["owner"] for record in records} <= {rep}, (rep, grant.entity)
