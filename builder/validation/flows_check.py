"""The flow layer: structure, people, assignments, conditions and branch coverage of each workflow."""

from __future__ import annotations

from collections.abc import Iterator

from builder.flows.approval_levels import approval_levels, level_order_problems
from builder.flows.branch_analysis import NotAnalysable, Unprovable, analyse_branch
from builder.flows.coverage import coverage_problems
from builder.flows.graph import FlowGraph
from builder.flows.structure import check_structure
from builder.model.entities import Entity
from builder.model.workflows import ApprovalNode, NodeKind, NotifyNode, PartyKind, SetFieldNode, Workflow
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext
from builder.validation.shared_checks import check_assignment, check_parties, check_template

_SUPERVISOR_KINDS = frozenset({PartyKind.SUPERVISOR, PartyKind.SUPERVISOR_CHAIN})


def check_flows(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the workflows."""
    for workflow in context.app.workflows:
        yield from check_workflow(context, workflow)


def check_workflow(context: CheckContext, workflow: Workflow) -> Iterator[Problem]:
    """Every problem of one workflow."""
    entity, problems = context.entity_at(workflow.entity, child(workflow.path, "entity"))
    yield from problems
    flow = FlowGraph.of(workflow)
    complete = not context.built.has_broken_parts(workflow.id)
    if complete:
        yield from check_structure(flow, context.is_broken)
    for node in flow.nodes.values():
        yield from _check_node(context, node, entity)
    if entity is None:
        return
    ill_typed: set[str] = set()  # edge paths: ids may repeat
    for edge in workflow.edges:
        problems = context.condition(edge.condition, entity)
        if problems:
            ill_typed.add(edge.path)
        yield from problems
    if not complete:
        return
    levels = approval_levels(flow)
    for node in flow.of_kind(NodeKind.BRANCH):
        edges = flow.outgoing.get(node.id, [])
        if not ill_typed or not any(edge.path in ill_typed for edge in edges):
            yield from _check_branch(context, entity, node, edges, levels)


def _check_branch(context: CheckContext, entity: Entity, node, edges, levels) -> Iterator[Problem]:
    """Coverage and approval-level order of one branch node whose edges are well-formed."""
    conditional = [edge for edge in edges if not edge.is_default and edge.condition is not None]
    defaults = [edge for edge in edges if edge.is_default]
    if not conditional or any(not edge.is_default and edge.condition is None for edge in edges):
        return
    try:
        analysis = analyse_branch(conditional, entity, context.app.definition)
    except NotAnalysable:
        return
    except Unprovable as reason:
        if not defaults:
            yield make_problem(
                "flow.coverage_unprovable", node.path, node=node.id, reason=reason.reason, reason_zh=reason.reason_zh
            )
        return
    yield from coverage_problems(analysis, node.id, node.path, has_default=bool(defaults))
    yield from level_order_problems(analysis, defaults, levels)


def _check_node(context: CheckContext, node, entity: Entity | None) -> Iterator[Problem]:
    if isinstance(node, ApprovalNode):
        yield from check_parties(context, node.approvers, entity)
        yield from _supervisors_known(context, node)
    elif isinstance(node, NotifyNode):
        yield from check_parties(context, node.recipients, entity)
        yield from check_template(context, node.message, entity, child(node.path, "message"))
    elif isinstance(node, SetFieldNode):
        yield from check_assignment(
            context,
            entity,
            node.field,
            node.value,
            field_path=child(node.path, "field"),
            value_path=child(node.path, "value"),
        )


def _supervisors_known(context: CheckContext, node: ApprovalNode) -> Iterator[Problem]:
    """With an org chart: warn about users who would have nobody to approve at this node."""
    directory = context.directory
    if directory is None or not directory.users_without_supervisor:
        return
    if any(approver.kind in _SUPERVISOR_KINDS for approver in node.approvers):
        users = sorted(directory.users_without_supervisor)
        yield make_problem("org.no_supervisor", node.path, node=node.id, users=", ".join(users))
