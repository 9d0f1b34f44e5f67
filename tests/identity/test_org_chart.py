"""The org chart: supervisors (no loops), teams with indirect reports, departments, groups, role grants."""

from __future__ import annotations

import pytest

from runtime.database import ENGINE_KEY
from runtime.identity import org_admin
from runtime.identity.authentication import ORG_CACHE_KEY
from runtime.identity.org_errors import OrgError


@pytest.fixture
def engine(app):
    """The engine of `app`, with a small org: ceo ← vp ← manager ← rep, and an unrelated outsider."""
    engine = app.extensions[ENGINE_KEY]
    org_admin.create_department(engine, "east", {"zh": "华东", "en": "East"})
    org_admin.create_department(engine, "south", "South")
    org_admin.create_user(engine, "ceo", department="east")
    org_admin.create_user(engine, "vp", supervisor="ceo", department="east")
    org_admin.create_user(engine, "manager", supervisor="vp", department="south")
    org_admin.create_user(engine, "rep", supervisor="manager", department="south")
    org_admin.create_user(engine, "outsider")
    return engine


def _actor(app, username):
    return app.extensions[ORG_CACHE_KEY].current().actor(username)


def test_team_holds_direct_and_indirect_reports(app, engine):
    ceo, manager, rep = _actor(app, "ceo"), _actor(app, "manager"), _actor(app, "rep")
    assert ceo.team == {"ceo", "vp", "manager", "rep"} and ceo.direct_reports == {"vp"}
    assert manager.team == {"manager", "rep"} and manager.supervisor == "vp"
    assert rep.team == {"rep"} and rep.direct_reports == frozenset()
    assert _actor(app, "outsider").team == {"outsider"}


def test_department_members_and_role_grants_reach_the_actor(app, engine):
    org_admin.grant_role(engine, "rep", "deals", "sales")
    org_admin.grant_role(engine, "rep", "deals", "viewer")
    assert not org_admin.grant_role(engine, "rep", "deals", "sales")  # already held
    rep = _actor(app, "rep")
    assert rep.department == "south" and rep.department_members == {"manager", "rep"}
    assert rep.roles("deals") == {"sales", "viewer"} and rep.roles("other") == frozenset()
    assert org_admin.revoke_role(engine, "rep", "deals", "viewer")
    assert _actor(app, "rep").roles("deals") == {"sales"}
    assert _actor(app, "outsider").department_members == {"outsider"}


def test_a_supervisor_loop_is_refused_and_nothing_changes(app, engine):
    for user, supervisor in (("ceo", "rep"), ("vp", "manager"), ("rep", "rep")):
        with pytest.raises(OrgError) as refused:
            org_admin.set_supervisor(engine, user, supervisor)
        assert refused.value.code == "org.supervisor_cycle" and refused.value.status == 409
        assert "汇报" in refused.value.message and supervisor in refused.value.message
    assert _actor(app, "ceo").supervisor is None and _actor(app, "vp").supervisor == "ceo"


def test_moving_a_user_updates_every_cached_actor(app, engine):
    assert "rep" in _actor(app, "vp").team
    org_admin.set_supervisor(engine, "rep", "outsider")
    org_admin.set_department(engine, "rep", "east")
    assert "rep" not in _actor(app, "vp").team and _actor(app, "outsider").team == {"outsider", "rep"}
    assert _actor(app, "ceo").department_members == {"ceo", "vp", "rep"}


def test_groups_have_a_leader_among_their_members(app, engine):
    org_admin.create_group(engine, "squad", {"zh": "客户成功小组", "en": "Squad"}, leader="vp", members=["rep"])
    chart = app.extensions[ORG_CACHE_KEY].current()
    assert chart.groups["squad"]["members"] == ["rep", "vp"] and chart.groups["squad"]["leader"] == "vp"
    assert [group["key"] for group in chart.groups_of("rep")] == ["squad"] and chart.groups_of("ceo") == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda engine: org_admin.create_user(engine, "rep"), "org.user_exists"),
        (lambda engine: org_admin.create_user(engine, "Bad Name"), "org.username"),
        (lambda engine: org_admin.create_user(engine, "x"), "org.username"),
        (lambda engine: org_admin.create_user(engine, "newbie", password="short"), "org.password"),
        (lambda engine: org_admin.create_user(engine, "newbie", department="north"), "org.unknown_department"),
        (lambda engine: org_admin.set_supervisor(engine, "rep", "ghost"), "org.unknown_user"),
        (lambda engine: org_admin.grant_role(engine, "rep", "Deals!", "sales"), "org.key"),
        (lambda engine: org_admin.create_department(engine, "east", "East"), "org.department_exists"),
        (lambda engine: org_admin.create_group(engine, "g", "G", members=["ghost"]), "org.unknown_user"),
    ],
)
def test_invalid_changes_are_refused_with_a_code(app, engine, change, code):
    with pytest.raises(OrgError) as refused:
        change(engine)
    assert refused.value.code == code and " / " in refused.value.message


def test_list_users_shows_the_chart(app, engine):
    org_admin.grant_role(engine, "rep", "deals", "sales")
    listed = {user["username"]: user for user in org_admin.list_users(engine)}
    assert sorted(listed) == ["ceo", "manager", "outsider", "rep", "vp"]
    assert listed["rep"]["supervisor"] == "manager" and listed["rep"]["department"] == "south"
    assert listed["rep"]["roles"] == {"deals": ["sales"]} and listed["ceo"]["roles"] == {}
