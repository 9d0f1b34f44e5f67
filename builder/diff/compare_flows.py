"""Diffs of workflows: the flow itself, its nodes, its edges and the conditions on them (thresholds)."""

from __future__ import annotations

from builder.diff.compare_parts import by_id, keyed_changes
from builder.diff.model import Change, ChangeKind
from builder.diff.values import own_properties, plain, property_changes
from builder.model import AppDefinition
from builder.model.workflows import Edge, Workflow

_K = ChangeKind


def workflow_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Workflows added or removed, and for the others what changed inside them."""
    old_flows, new_flows = by_id(old.workflows), by_id(new.workflows)
    changes = []
    for flow_id, before in old_flows.items():
        if flow_id not in new_flows:
            changes.append(Change(_K.WORKFLOW_REMOVED, before.path, flow_id, old=_summary(before)))
    for flow_id, after in new_flows.items():
        before = old_flows.get(flow_id)
        if before is None:
            changes.append(Change(_K.WORKFLOW_ADDED, after.path, flow_id, new=_summary(after)))
        else:
            changes += flow_changes(before, after)
    return changes


def _summary(flow: Workflow) -> dict[str, object]:
    return {"label": plain(flow.label), "entity": flow.entity, "nodes": [node.id for node in flow.nodes]}


def flow_changes(before: Workflow, after: Workflow) -> list[Change]:
    """What changed in one workflow: its own properties, nodes, edges and edge conditions."""
    changes = []
    if properties := property_changes(before, after, ("label", "description", "entity")):
        changes.append(Change(_K.WORKFLOW_CHANGED, after.path, after.id, properties=properties))
    kinds = (_K.NODE_ADDED, _K.NODE_REMOVED, _K.NODE_CHANGED)
    changes += keyed_changes(by_id(before.nodes), by_id(after.nodes), kinds, lambda key: f"{after.id}.{key}")
    old_edges, new_edges = by_id(before.edges), by_id(after.edges)
    for edge_id, edge in old_edges.items():
        if edge_id not in new_edges:
            changes.append(_edge_change(_K.EDGE_REMOVED, edge, after.id, old=plain(edge)))
    for edge_id, edge in new_edges.items():
        previous = old_edges.get(edge_id)
        if previous is None:
            changes.append(_edge_change(_K.EDGE_ADDED, edge, after.id, new=plain(edge)))
            continue
        changes += _changed_edge(previous, edge, after.id)
    return changes


def _changed_edge(before: Edge, after: Edge, flow_id: str) -> list[Change]:
    changes = []
    if plain(before.condition) != plain(after.condition):
        path = f"{after.path}/condition"
        changes.append(
            Change(
                _K.EDGE_CONDITION_CHANGED,
                path,
                f"{flow_id}.{after.id}",
                old=plain(before.condition),
                new=plain(after.condition),
                note=_ends(after),
            )
        )
    if properties := property_changes(before, after, own_properties(after, "condition")):
        changes.append(_edge_change(_K.EDGE_CHANGED, after, flow_id, properties=properties))
    return changes


def _edge_change(kind: ChangeKind, edge: Edge, flow_id: str, **values: object) -> Change:
    return Change(kind, edge.path, f"{flow_id}.{edge.id}", note=_ends(edge), **values)  # type: ignore[arg-type]


def _ends(edge: Edge) -> str:
    return f"{edge.source}→{edge.target}"
