"""Walk every sample record through each workflow: every node and edge must be reached by some record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from builder.model import AppDefinition
from builder.model.workflows import ApprovalNode, BranchNode, Edge, EndNode, SetFieldNode, StartNode, Workflow
from tests.templates.sample_rows import Conditions, Rows


def flow_problems(model: AppDefinition, rows: Rows, now: datetime) -> list[str]:
    """The nodes and edges of each workflow that no sample record reaches, and records no branch takes."""
    conditions = Conditions(model)
    problems = []
    for workflow in model.workflows:
        walk = FlowWalk(workflow, conditions, now)
        for row in rows[workflow.entity]:
            walk.record(row)
        problems += [f"{workflow.id}: {problem}" for problem in walk.stuck]
        problems += [
            f"{workflow.id}: no sample record reaches node {node.id}"
            for node in workflow.nodes
            if node.id not in walk.nodes
        ]
        problems += [
            f"{workflow.id}: no sample record takes edge {edge.id}"
            for edge in workflow.edges
            if edge.id not in walk.edges
        ]
    return problems


class FlowWalk:
    """The nodes and edges records reach in one workflow, following both outcomes of every approval."""

    def __init__(self, workflow: Workflow, conditions: Conditions, now: datetime) -> None:
        self.workflow = workflow
        self.outgoing: dict[str, list[Edge]] = {}
        for edge in workflow.edges:
            self.outgoing.setdefault(edge.source, []).append(edge)
        self.tests = {
            edge.id: conditions.predicate(edge.condition, workflow.entity) for edge in workflow.edges if edge.condition
        }
        self.now = now
        self.nodes: set[str] = set()
        self.edges: set[str] = set()
        self.stuck: list[str] = []

    def record(self, row: dict[str, Any]) -> None:
        """Walk one record from the start node, adding what it reaches to `nodes` and `edges`."""
        start = next(node for node in self.workflow.nodes if isinstance(node, StartNode))
        waiting, seen = [(start.id, dict(row))], set()
        while waiting:
            node_id, values = waiting.pop()
            if node_id in seen:  # back through a revise node with the same values: the same path again
                continue
            seen.add(node_id)
            self.nodes.add(node_id)
            node = self.workflow.node(node_id)
            if isinstance(node, EndNode):
                continue
            if isinstance(node, SetFieldNode):
                values = values | {node.field: node.value}
            for edge in self._taken(node, values):
                self.edges.add(edge.id)
                waiting.append((edge.target, values))

    def _taken(self, node: Any, values: dict[str, Any]) -> list[Edge]:
        edges = self.outgoing.get(node.id, [])
        if isinstance(node, ApprovalNode):
            return edges  # approve and reject: both can happen
        if not isinstance(node, BranchNode):
            return edges
        matched = [edge for edge in edges if edge.condition and self.tests[edge.id](values, self.now)]
        if len(matched) > 1:
            self.stuck.append(f"record {values.get('id')} matches {[edge.id for edge in matched]} at {node.id}")
        return matched or [edge for edge in edges if edge.is_default]
