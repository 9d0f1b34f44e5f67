"""An approval flow as nodes and edges: a branch on the routed field, one chain of approvals per range."""

from __future__ import annotations

from typing import Any

from voice_intake.drafting.draft_parts import ApprovalStep, DraftWorkflow, Tier, condition_json
from voice_intake.drafting.texts import Text

_APPROVED = {"id": "approved", "kind": "end", "outcome": "approved", "label": Text.both("已通过", "Approved").to_json()}
_REVISE = {"id": "revise", "kind": "revise", "label": Text.both("退回修改", "Back to the submitter").to_json()}


class _Graph:
    """Nodes and edges being written, with unique edge ids."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = [
            {"id": "start", "kind": "start", "label": Text.both("提交", "Submit").to_json()}
        ]
        self.edges: list[dict[str, Any]] = []

    def edge(self, source: str, target: str, **properties: Any) -> None:
        self.edges.append({"id": f"e{len(self.edges) + 1}", "from": source, "to": target, **properties})


def workflow_json(workflow: DraftWorkflow) -> dict[str, Any]:
    """The workflow as the definition writes it."""
    graph = _Graph()
    entries = [_tier_chain(graph, index, tier) for index, tier in enumerate(workflow.tiers, start=1)]
    needs_revise = any(tier.steps for tier in workflow.tiers)
    if len(workflow.tiers) > 1 and workflow.field:
        graph.nodes.insert(1, {"id": "route", "kind": "branch", "label": Text.both("按条件分流", "Route").to_json()})
        graph.edge("start", "route")
        for position, (tier, entry) in enumerate(zip(workflow.tiers, entries, strict=True)):
            condition = condition_json(tier.comparisons(workflow.field))
            if workflow.field_optional and position == len(entries) - 1:  # records without a value: strictest chain
                empty = {"field": workflow.field, "operator": "null"}
                condition = {"combinator": "or", "rules": [condition, empty]}
            graph.edge("route", entry, condition=condition)
        resubmit_to = "route"
    else:
        graph.edge("start", entries[0])
        resubmit_to = entries[0]
    graph.nodes.append(_APPROVED)
    if needs_revise:
        graph.nodes.append(_REVISE)
        graph.edge("revise", resubmit_to)
    return {
        "id": workflow.id,
        "label": workflow.label.to_json(),
        "entity": workflow.entity,
        "nodes": graph.nodes,
        "edges": graph.edges,
    }


def _tier_chain(graph: _Graph, index: int, tier: Tier) -> str:
    """Write one range's nodes (approved automatically, or its approval steps); the id of its first node."""
    if not tier.steps:
        node = f"tier{index}_auto"
        graph.nodes.append(
            {"id": node, "kind": "auto_approve", "label": Text.both("自动通过", "Approved automatically").to_json()}
        )
        graph.edge(node, "approved")
        return node
    ids = [f"tier{index}_step{number}" for number in range(1, len(tier.steps) + 1)]
    for position, (node, step) in enumerate(zip(ids, tier.steps, strict=True)):
        graph.nodes.append(_approval_node(node, step))
        graph.edge(node, ids[position + 1] if position + 1 < len(ids) else "approved", outcome="approve")
        graph.edge(node, "revise", outcome="reject")
    return ids[0]


def _approval_node(node_id: str, step: ApprovalStep) -> dict[str, Any]:
    names = Text.both(
        "、".join(party.label.get("zh") for party in step.approvers) + "审批",
        " / ".join(party.label.get("en") for party in step.approvers) + " approval",
    )
    node: dict[str, Any] = {
        "id": node_id,
        "kind": "approval",
        "label": names.to_json(),
        "approvers": [party.to_json() for party in step.approvers],
    }
    if len(step.approvers) > 1:
        node["policy"] = step.policy.value
    return node
