"""Moving an instance through its flow from a node until it waits (approval, revise) or ends."""

from __future__ import annotations

from builder.model.workflows import (
    ApprovalNode,
    AutoApproveNode,
    BranchNode,
    Edge,
    EdgeOutcome,
    EndNode,
    NotifyNode,
    ReviseNode,
    SetFieldNode,
)
from builder.service.errors import ApiError
from runtime.identity.parties import PartyUnresolved, resolve_parties
from runtime.workflows.notices import tell_approvers, tell_recipients, tell_submitter
from runtime.workflows.run import Run, no_route
from runtime.workflows.tables import InstanceState

MAX_STEPS = 500  # a flow the validator accepted never loops without waiting; this only stops a runaway


def advance(run: Run, node_id: str) -> None:
    """Enter `node_id` and keep going through automatic nodes until the instance waits or ends."""
    for _ in range(MAX_STEPS):
        node = run.flow.node(node_id)
        run.instance["step"] += 1
        match node:
            case ApprovalNode():
                _wait_for_approvers(run, node)
                return
            case ReviseNode():
                _wait_for_submitter(run, node.id)
                return
            case EndNode():
                _end(run, node)
                return
            case BranchNode():
                node_id = _branch_target(run, node.id)
                continue
            case AutoApproveNode():
                run.event("auto_approve", node=node.id)
            case SetFieldNode():
                _set_field(run, node)
            case NotifyNode():
                _notify(run, node)
        node_id = _single_edge(run, node.id).target
    raise ApiError(500, "workflow.runaway", "The flow did not come to rest. / 流程未能停止在任一节点。")


def follow_outcome(run: Run, node_id: str, outcome: EdgeOutcome) -> None:
    """Leave an approval node by its approve or reject edge."""
    edge = next((edge for edge in _edges_from(run, node_id) if edge.outcome is outcome), None)
    if edge is None:
        raise no_route(run.flow, node_id)
    advance(run, edge.target)


def _wait_for_approvers(run: Run, node: ApprovalNode) -> None:
    try:
        approvers = resolve_parties(node.approvers, run.parties())
    except PartyUnresolved as unresolved:
        raise ApiError(
            422,
            "workflow.approver_unresolved",
            f"Node {node.id} has no approver for this record: {unresolved} / 节点 {node.id} 找不到审批人。",
        ) from None
    run.instance |= {"node": node.id, "state": InstanceState.IN_APPROVAL}
    run.open_tasks(node.id, approvers)
    tell_approvers(run, node.id, approvers)
    run.event("enter", node=node.id, approvers=list(approvers), policy=node.policy.value)
    run.set_record({"workflow_state": InstanceState.IN_APPROVAL.value})


def _wait_for_submitter(run: Run, node_id: str) -> None:
    run.instance |= {"node": node_id, "state": InstanceState.REVISING}
    run.event("revise", node=node_id)
    run.set_record({"workflow_state": InstanceState.REVISING.value})
    tell_submitter(run, InstanceState.REVISING.value)


def _end(run: Run, node: EndNode) -> None:
    state = InstanceState(node.outcome.value)
    run.instance |= {"node": None, "state": state}
    run.event("end", node=node.id, outcome=node.outcome.value)
    run.set_record({"workflow_state": state.value})
    tell_submitter(run, state.value)


def _branch_target(run: Run, node_id: str) -> str:
    """The first edge whose condition holds, else the default edge."""
    values = run.record_model_values()
    edges = _edges_from(run, node_id)
    for edge in edges:
        if edge.condition is not None and run.matches(edge, values):
            run.event("route", node=node_id, edge=edge.id)
            return edge.target
    default = next((edge for edge in edges if edge.is_default), None)
    if default is None:
        raise no_route(run.flow, node_id)
    run.event("route", node=node_id, edge=default.id)
    return default.target


def _set_field(run: Run, node: SetFieldNode) -> None:
    entity = run.live.entity(run.flow.entity)
    codec = entity.storage.codecs.get(node.field)
    if codec is None:  # a later version dropped the field: the pinned flow cannot set it any more
        run.event("set_field", node=node.id, field=node.field, skipped=True)
        return
    run.set_record({node.field: codec.to_database(node.value)})
    run.event("set_field", node=node.id, field=node.field, value=codec.to_json(codec.to_database(node.value)))


def _notify(run: Run, node: NotifyNode) -> None:
    try:
        recipients = resolve_parties(node.recipients, run.parties())
    except PartyUnresolved as unresolved:
        run.event("notify", node=node.id, recipients=[], problem=str(unresolved))
        return
    told = tell_recipients(run, node, recipients)
    run.event("notify", node=node.id, recipients=told, not_readable=sorted(set(recipients) - set(told)))


def _single_edge(run: Run, node_id: str) -> Edge:
    edges = _edges_from(run, node_id)
    if not edges:
        raise no_route(run.flow, node_id)
    return edges[0]


def _edges_from(run: Run, node_id: str) -> list[Edge]:
    return [edge for edge in run.flow.edges if edge.source == node_id]
