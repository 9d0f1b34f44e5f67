"""Approval workflows: nodes and edges of a flow bound to an entity."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from builder.conditions.ast import ConditionGroup
from builder.model.common import Label, first_by_id


class NodeKind(StrEnum):
    """The kinds of flow node."""

    START = "start"
    END = "end"
    APPROVAL = "approval"
    BRANCH = "branch"
    AUTO_APPROVE = "auto_approve"
    SET_FIELD = "set_field"
    NOTIFY = "notify"
    REVISE = "revise"


class PartyKind(StrEnum):
    """Ways to name the people who approve or are notified (submitter's in a flow, owner's in a rule)."""

    OWNER = "owner"  # the record's owner
    SUBMITTER = "submitter"  # who submitted it for approval
    SUPERVISOR = "supervisor"  # the direct supervisor of the submitter (flow) or of the owner (rule)
    SUPERVISOR_CHAIN = "supervisor_chain"  # that supervisor and theirs, `levels` deep
    DEPARTMENT_HEAD = "department_head"  # head of the submitter's (owner's) department
    ROLE = "role"  # everyone granted the role in this app
    GROUP_LEADER = "group_leader"  # of the named `group`, or without one, of the submitter's (owner's) group
    GROUP_MEMBERS = "group_members"  # likewise
    USER = "user"  # one named user
    FIELD = "field"  # the user held in a user field of the record


class ApprovalPolicy(StrEnum):
    """How the votes of several approvers combine: 或签, 会签, majority."""

    ANY = "any"
    ALL = "all"
    MAJORITY = "majority"


class EdgeOutcome(StrEnum):
    """The decision an edge leaving an approval node follows."""

    APPROVE = "approve"
    REJECT = "reject"


class EndOutcome(StrEnum):
    """The outcome an end node gives the record."""

    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """Who approves or receives: a role, the supervisor, a chain of N supervisors, a user…"""

    kind: PartyKind
    role: str | None = None
    levels: int | None = None
    group: str | None = None
    user: str | None = None
    field: str | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """What every flow node has."""

    id: str
    label: Label | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class StartNode(Node):
    """Where a submitted record enters the flow."""

    kind = NodeKind.START


@dataclass(frozen=True, slots=True, kw_only=True)
class EndNode(Node):
    """Where the flow ends, giving the record its outcome."""

    outcome: EndOutcome
    kind = NodeKind.END


@dataclass(frozen=True, slots=True, kw_only=True)
class ApprovalNode(Node):
    """People decide: approve or reject."""

    approvers: tuple[Party, ...]
    policy: ApprovalPolicy = ApprovalPolicy.ANY
    kind = NodeKind.APPROVAL


@dataclass(frozen=True, slots=True, kw_only=True)
class BranchNode(Node):
    """Routes by the conditions of its outgoing edges."""

    kind = NodeKind.BRANCH


@dataclass(frozen=True, slots=True, kw_only=True)
class AutoApproveNode(Node):
    """Approved automatically (the group's own signing authority)."""

    kind = NodeKind.AUTO_APPROVE


@dataclass(frozen=True, slots=True, kw_only=True)
class SetFieldNode(Node):
    """Sets a field of the record."""

    field: str
    value: Any = None
    kind = NodeKind.SET_FIELD


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyNode(Node):
    """Sends a message to people."""

    recipients: tuple[Party, ...]
    message: Label
    kind = NodeKind.NOTIFY


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviseNode(Node):
    """Back to the submitter, who revises and resubmits (or withdraws)."""

    kind = NodeKind.REVISE


AnyNode = StartNode | EndNode | ApprovalNode | BranchNode | AutoApproveNode | SetFieldNode | NotifyNode | ReviseNode


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    """A transition between two nodes, with a condition (from a branch) or an outcome."""

    id: str
    source: str
    target: str
    label: Label | None = None
    condition: ConditionGroup | None = None
    is_default: bool = False
    outcome: EdgeOutcome | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Workflow:
    """An approval flow for records of one entity."""

    id: str
    label: Label
    entity: str
    nodes: tuple[AnyNode, ...]
    edges: tuple[Edge, ...]
    description: Label | None = None
    path: str = dataclasses.field(default="", compare=False)
    _nodes_by_id: Mapping[str, AnyNode] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_nodes_by_id", first_by_id(self.nodes))

    def node(self, node_id: str) -> AnyNode | None:
        """A node by id."""
        return self._nodes_by_id.get(node_id)
