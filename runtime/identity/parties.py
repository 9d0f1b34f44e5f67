"""Who a Party of a definition names, read off the org chart: approvers of a flow node, recipients of an alert."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from builder.model.workflows import Party, PartyKind
from runtime.identity.org_chart import OrgChart


class PartyUnresolved(Exception):
    """A party names nobody for this record (no supervisor, an empty role…); the message is in English and Chinese."""


@dataclass(frozen=True, slots=True)
class PartyContext:
    """What a party is resolved against: the chart, the app, the person it is relative to, and the record."""

    chart: OrgChart
    app_id: str
    anchor: str  # the submitter in a flow, the record's owner in a rule: whose supervisor, department, group
    record: Mapping[str, Any]  # stored values: user fields hold user names, `owner` the owner's


def resolve_party(party: Party, context: PartyContext) -> tuple[str, ...]:
    """The active users a party names, in a stable order; PartyUnresolved when it names nobody."""
    found = _named(party, context)
    active = tuple(dict.fromkeys(name for name in found if _is_active(context.chart, name)))
    if not active:
        raise PartyUnresolved(_nobody(party, context))
    return active


def resolve_parties(parties: tuple[Party, ...], context: PartyContext) -> tuple[str, ...]:
    """Every user the parties name together, each once, in order; PartyUnresolved when one names nobody."""
    names: dict[str, None] = {}
    for party in parties:
        names.update(dict.fromkeys(resolve_party(party, context)))
    return tuple(names)


def department_heads(chart: OrgChart, department: str) -> tuple[str, ...]:
    """The members of a department whose supervisor is outside it (or who have none): the top of its chain."""
    members = sorted(
        (user for user in chart.users.values() if user.department == department and user.active),
        key=lambda user: user.username,
    )
    inside = {user.username for user in members}
    return tuple(user.username for user in members if user.supervisor not in inside)


def supervisor_chain(chart: OrgChart, username: str, levels: int) -> tuple[str, ...]:
    """The user's supervisor, theirs, … up to `levels` people (fewer when the chain ends first)."""
    chain: list[str] = []
    current = chart.users.get(username)
    while current is not None and current.supervisor and len(chain) < levels:
        chain.append(current.supervisor)
        current = chart.users.get(current.supervisor)
    return tuple(chain)


def _named(party: Party, context: PartyContext) -> tuple[str, ...]:
    chart, anchor = context.chart, context.anchor
    match party.kind:
        case PartyKind.OWNER:
            return _one(context.record.get("owner"))
        case PartyKind.SUBMITTER:
            return (anchor,)
        case PartyKind.SUPERVISOR:
            return supervisor_chain(chart, anchor, 1)
        case PartyKind.SUPERVISOR_CHAIN:
            levels = party.levels or 1
            chain = supervisor_chain(chart, anchor, levels)
            return chain if len(chain) == levels else ()
        case PartyKind.DEPARTMENT_HEAD:
            user = chart.users.get(anchor)
            return department_heads(chart, user.department) if user and user.department else ()
        case PartyKind.ROLE:
            return tuple(
                sorted(name for name, apps in chart.roles.items() if party.role in apps.get(context.app_id, ()))
            )
        case PartyKind.GROUP_LEADER:
            return tuple(group["leader"] for group in _groups(party, context) if group["leader"])
        case PartyKind.GROUP_MEMBERS:
            return tuple(name for group in _groups(party, context) for name in group["members"])
        case PartyKind.USER:
            return _one(party.user)
        case PartyKind.FIELD:
            return _one(context.record.get(party.field or ""))
    return ()


def _groups(party: Party, context: PartyContext) -> list[dict[str, Any]]:
    """The named group, or without a name every group the anchor belongs to."""
    groups = context.chart.groups
    if party.group is not None:
        return [groups[party.group]] if party.group in groups else []
    return [group for _, group in sorted(groups.items()) if context.anchor in group["members"]]


def _one(name: Any) -> tuple[str, ...]:
    return (name,) if isinstance(name, str) and name else ()


def _is_active(chart: OrgChart, username: str) -> bool:
    user = chart.users.get(username)
    return user is not None and user.active


def _nobody(party: Party, context: PartyContext) -> str:
    """Why a party names nobody, in English and Chinese."""
    who = context.anchor
    match party.kind:
        case PartyKind.SUPERVISOR:
            return f"{who} has no supervisor in the org chart. / {who} 在组织架构中没有直属上级。"
        case PartyKind.SUPERVISOR_CHAIN:
            levels = party.levels or 1
            return f"{who} has fewer than {levels} levels of supervisors. / {who} 的上级不足 {levels} 级。"
        case PartyKind.DEPARTMENT_HEAD:
            return f"{who}'s department has no head. / {who} 所在部门没有负责人。"
        case PartyKind.ROLE:
            return f"Nobody holds the role {party.role} in this app. / 本应用中没有人担任角色 {party.role}。"
        case PartyKind.GROUP_LEADER | PartyKind.GROUP_MEMBERS:
            group = party.group or f"{who}'s group"
            return f"The group {group} has no leader or members. / 小组 {group} 没有组长或成员。"
        case PartyKind.USER:
            return f"The user {party.user} does not exist or is inactive. / 用户 {party.user} 不存在或已停用。"
        case PartyKind.FIELD:
            return f"The field {party.field} names no active user. / 字段 {party.field} 未指定有效用户。"
    return f"Nobody is named by {party.kind}. / 没有可用的人员（{party.kind}）。"
