"""Parties of a definition resolved against an org chart: supervisors, chains, heads, roles, groups, fields."""

from __future__ import annotations

import pytest

from builder.model.workflows import Party, PartyKind
from runtime.identity.org_chart import OrgChart, OrgUser
from runtime.identity.parties import PartyContext, PartyUnresolved, resolve_parties, resolve_party


def _user(name: str, department: str | None, supervisor: str | None = None, *, active: bool = True) -> OrgUser:
    return OrgUser(name, name, department, supervisor, False, False, active)


CHART = OrgChart(
    revision=1,
    users={
        user.username: user
        for user in (
            _user("zhang.wei", "sales"),
            _user("li.na", "east", "zhang.wei"),
            _user("chen.jie", "east", "li.na"),
            _user("gone", "east", "li.na", active=False),
        )
    },
    departments={"sales": "Sales", "east": "East"},
    groups={"squad": {"label": "Squad", "leader": "li.na", "members": ["chen.jie", "li.na"]}},
    roles={"zhang.wei": {"deals": frozenset({"director"})}, "gone": {"deals": frozenset({"director"})}},
)


def _context(anchor: str = "chen.jie", **record) -> PartyContext:
    return PartyContext(CHART, "deals", anchor, {"owner": anchor} | record)


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        (Party(kind=PartyKind.SUPERVISOR), ("li.na",)),
        (Party(kind=PartyKind.SUPERVISOR_CHAIN, levels=2), ("li.na", "zhang.wei")),
        (Party(kind=PartyKind.DEPARTMENT_HEAD), ("li.na",)),  # her supervisor is outside East
        (Party(kind=PartyKind.ROLE, role="director"), ("zhang.wei",)),  # `gone` is inactive
        (Party(kind=PartyKind.GROUP_LEADER), ("li.na",)),
        (Party(kind=PartyKind.GROUP_MEMBERS, group="squad"), ("chen.jie", "li.na")),
        (Party(kind=PartyKind.USER, user="zhang.wei"), ("zhang.wei",)),
        (Party(kind=PartyKind.FIELD, field="account_manager"), ("li.na",)),
        (Party(kind=PartyKind.OWNER), ("chen.jie",)),
        (Party(kind=PartyKind.SUBMITTER), ("chen.jie",)),
    ],
)
def test_each_kind_names_the_right_people(party, expected):
    assert resolve_party(party, _context(account_manager="li.na")) == expected


@pytest.mark.parametrize(
    ("party", "message"),
    [
        (Party(kind=PartyKind.SUPERVISOR), "zhang.wei has no supervisor"),
        (Party(kind=PartyKind.SUPERVISOR_CHAIN, levels=1), "fewer than 1 levels"),
        (Party(kind=PartyKind.ROLE, role="legal"), "Nobody holds the role legal"),
        (Party(kind=PartyKind.GROUP_LEADER), "has no leader or members"),
        (Party(kind=PartyKind.USER, user="gone"), "does not exist or is inactive"),
        (Party(kind=PartyKind.FIELD, field="account_manager"), "names no active user"),
    ],
)
def test_a_party_that_names_nobody_says_why(party, message):
    with pytest.raises(PartyUnresolved, match=message):
        resolve_party(party, _context("zhang.wei"))


def test_a_chain_shorter_than_asked_names_nobody_and_parties_combine_once_each():
    with pytest.raises(PartyUnresolved):
        resolve_party(Party(kind=PartyKind.SUPERVISOR_CHAIN, levels=3), _context())
    both = (Party(kind=PartyKind.SUPERVISOR), Party(kind=PartyKind.GROUP_LEADER))
    assert resolve_parties(both, _context()) == ("li.na",)
