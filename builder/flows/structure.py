"""Structural checks of a flow: one start, ends, outcomes, reachability and no trap loops."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from builder.flows.graph import FlowGraph
from builder.model.workflows import Edge, EdgeOutcome, NodeKind
from builder.pointers import child
from builder.problems import Problem, make_problem

_SINGLE_EXIT = (NodeKind.START, NodeKind.AUTO_APPROVE, NodeKind.SET_FIELD, NodeKind.NOTIFY, NodeKind.REVISE)


def check_structure(flow: FlowGraph, is_broken) -> Iterator[Problem]:
    """Every structural problem of a flow."""
    workflow = flow.workflow
    for edge in flow.dangling:
        for end, key in ((edge.source, "from"), (edge.target, "to")):
            if end not in flow.nodes and not is_broken("node", workflow.id, end):
                yield make_problem("ref.unknown_node", child(edge.path, key), node=end, workflow=workflow.id)
    starts = flow.of_kind(NodeKind.START)
    nodes_path = child(workflow.path, "nodes")
    if not starts:
        yield make_problem("flow.no_start", nodes_path)
    for extra in starts[1:]:
        yield make_problem("flow.multiple_starts", extra.path, first=starts[0].id)
    if not flow.of_kind(NodeKind.END):
        yield make_problem("flow.no_end", nodes_path)
    for node in flow.nodes.values():
        yield from _check_exits(flow, node)
    yield from _check_paths(flow, starts[0].id if starts else None)


def _check_exits(flow: FlowGraph, node) -> Iterator[Problem]:  # noqa: C901 - one branch per node kind
    edges = flow.outgoing.get(node.id, [])
    kind = node.kind
    if kind is NodeKind.START:
        for edge in flow.incoming.get(node.id, []):
            yield make_problem("flow.start_has_incoming", edge.path)
    if kind is NodeKind.END:
        for edge in edges:
            yield make_problem("flow.end_has_outgoing", edge.path, node=node.id)
        return
    if not edges:
        yield make_problem("flow.no_outgoing_edge", node.path, node=node.id)
    if kind is NodeKind.APPROVAL:
        yield from _check_approval_exits(node, edges)
        return
    for edge in edges:
        if edge.outcome is not None:
            yield make_problem("flow.outcome_unexpected", child(edge.path, "outcome"), node=node.id, kind=str(kind))
    if kind is NodeKind.BRANCH:
        yield from _check_branch_exits(node, edges)
        return
    for edge in edges:
        if (problem := _unexpected_condition(node, edge)) is not None:
            yield problem
    if kind in _SINGLE_EXIT:
        for edge in edges[1:]:
            yield make_problem("flow.too_many_outgoing", edge.path, node=node.id, kind=str(kind))


def _unexpected_condition(node, edge: Edge) -> Problem | None:
    """A condition or default flag on an edge leaving a node that is not a branch."""
    if edge.condition is None and not edge.is_default:
        return None
    key = "condition" if edge.condition is not None else "default"
    return make_problem("flow.condition_unexpected", child(edge.path, key), node=node.id, kind=str(node.kind))


def _check_approval_exits(node, edges: list[Edge]) -> Iterator[Problem]:
    seen: set[EdgeOutcome] = set()
    for edge in edges:
        if (problem := _unexpected_condition(node, edge)) is not None:
            yield problem
        if edge.outcome is None:
            yield make_problem("flow.outcome_missing", edge.path, node=node.id)
        elif edge.outcome in seen:
            yield make_problem(
                "flow.duplicate_outcome", child(edge.path, "outcome"), node=node.id, outcome=str(edge.outcome)
            )
        else:
            seen.add(edge.outcome)
    if EdgeOutcome.APPROVE not in seen:
        yield make_problem("flow.approval_missing_approve", node.path, node=node.id)
    if EdgeOutcome.REJECT not in seen:
        yield make_problem("flow.approval_missing_reject", node.path, node=node.id)


def _check_branch_exits(node, edges: list[Edge]) -> Iterator[Problem]:
    defaults = [edge for edge in edges if edge.is_default]
    for extra in defaults[1:]:
        yield make_problem("flow.multiple_defaults", child(extra.path, "default"), node=node.id)
    for edge in edges:
        if edge.is_default and edge.condition is not None:
            yield make_problem("flow.default_with_condition", child(edge.path, "condition"))
        elif not edge.is_default and edge.condition is None:
            yield make_problem("flow.condition_missing", edge.path, node=node.id)


def _check_paths(flow: FlowGraph, start: str | None) -> Iterator[Problem]:
    """Every node is reachable from the start and can reach an end."""
    graph = flow.graph
    if start is not None:
        reachable = nx.descendants(graph, start) | {start}
        for node_id, node in flow.nodes.items():
            if node_id not in reachable:
                yield make_problem("flow.unreachable_node", node.path, node=node_id)
    ends = [node.id for node in flow.of_kind(NodeKind.END)]
    if not ends:
        return
    can_finish = _reaching(graph, ends)
    for node_id, node in flow.nodes.items():
        if node_id not in can_finish and flow.outgoing.get(node_id):
            yield make_problem("flow.trap", node.path, node=node_id)


def _reaching(graph: nx.DiGraph, targets: list[str]) -> set[str]:
    """The targets and every node with a path to one of them (one backward search)."""
    seen = set(targets)
    frontier = list(targets)
    while frontier:
        for parent in graph.pred[frontier.pop()]:
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return seen
