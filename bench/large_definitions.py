"""Generated app definitions of benchmark size: many entities and flows, or one huge flow."""

from __future__ import annotations

from typing import Any

_FIELD_TYPES = ("text", "integer", "money", "choice", "date", "boolean", "percent", "user", "email", "computed")


def large_app(entities: int = 200, fields_per_entity: int = 10, flows: int = 50, nodes_per_flow: int = 200) -> dict:
    """An app with `entities` entities and `flows` approval flows of about `nodes_per_flow` nodes."""
    return {
        "format_version": 1,
        "id": "bench_app",
        "label": {"zh": "基准应用", "en": "Benchmark app"},
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}, {"id": "director", "label": "Director"}],
        "entities": [_entity(index, fields_per_entity) for index in range(entities)],
        "workflows": [
            _tiered_flow(f"flow_{index}", f"entity_{index % entities}", nodes_per_flow, index) for index in range(flows)
        ],
        "permissions": [
            {"role": "rep", "entity": f"entity_{index}", "read": "own", "create": "own", "update": "own"}
            for index in range(entities)
        ],
    }


def huge_flow_app(nodes: int = 10000, edges: int = 50000) -> dict:
    """An app with one flow of about `nodes` nodes and `edges` edges (wide branches on amount)."""
    return {
        "format_version": 1,
        "id": "bench_flow",
        "label": "Huge flow",
        "roles": [{"id": "director", "label": "Director"}],
        "entities": [_entity(0, 10)],
        "workflows": [_wide_flow("huge", "entity_0", nodes, edges)],
    }


def _entity(index: int, count: int) -> dict:
    fields = []
    for position in range(count):
        kind = _FIELD_TYPES[position % len(_FIELD_TYPES)]
        field: dict[str, Any] = {
            "id": f"f{position}",
            "type": kind,
            "label": {"zh": f"字段{position}", "en": f"Field {position}"},
        }
        if kind == "money":
            field.update(currency="CNY", required=True, min=0)
        elif kind == "choice":
            field["options"] = [{"id": f"o{option}", "label": f"Option {option}"} for option in range(5)]
        elif kind == "computed":
            field["formula"] = "f2 * f6 / 100"
        fields.append(field)
    fields[0]["id"] = "amount" if count > 2 else fields[0]["id"]
    fields[0].update(type="money", currency="CNY", required=True, min=0)
    if index > 0:
        fields.append({"id": "parent", "type": "ref", "entity": f"entity_{index - 1}", "label": "Parent"})
    return {
        "id": f"entity_{index}",
        "label": {"zh": f"实体{index}", "en": f"Entity {index}"},
        "title_field": "f8" if count > 8 else None,
        "fields": fields,
    } | ({} if count > 8 else {"title_field": "f0"})


def _condition(low: int | None, high: int | None) -> dict:
    rules = []
    if low is not None:
        rules.append({"field": "amount", "operator": ">=", "value": low})
    if high is not None:
        rules.append({"field": "amount", "operator": "<", "value": high})
    return {"combinator": "and", "rules": rules}


def _tiered_flow(flow_id: str, entity: str, size: int, seed: int) -> dict:
    """Segments of: branch on amount → auto / one approval / two approvals → set a field → notify."""
    nodes: list[dict] = [{"id": "start", "kind": "start"}, {"id": "revise", "kind": "revise"}]
    edges: list[dict] = []
    segments = max(1, (size - 3) // 7)
    entry = "start"
    for segment in range(segments):
        low, high = 10000 * (segment + 1 + seed % 7), 100000 * (segment + 1 + seed % 5)
        route, auto, first, second = f"route_{segment}", f"auto_{segment}", f"first_{segment}", f"second_{segment}"
        only, mark, tell = f"only_{segment}", f"mark_{segment}", f"tell_{segment}"
        nodes += [
            {"id": route, "kind": "branch"},
            {"id": auto, "kind": "auto_approve"},
            {"id": only, "kind": "approval", "approvers": [{"kind": "supervisor"}]},
            {"id": first, "kind": "approval", "approvers": [{"kind": "supervisor"}]},
            {"id": second, "kind": "approval", "approvers": [{"kind": "role", "role": "director"}], "policy": "all"},
            {"id": mark, "kind": "set_field", "field": "f5", "value": True},
            {"id": tell, "kind": "notify", "to": [{"kind": "submitter"}], "message": "Step {f8} passed"},
        ]
        edges += [
            {"id": f"in_{segment}", "from": entry, "to": route},
            {"id": f"low_{segment}", "from": route, "to": auto, "condition": _condition(None, low)},
            {"id": f"mid_{segment}", "from": route, "to": only, "condition": _condition(low, high)},
            {"id": f"high_{segment}", "from": route, "to": first, "condition": _condition(high, None)},
            {"id": f"auto_ok_{segment}", "from": auto, "to": mark},
            {"id": f"only_ok_{segment}", "from": only, "to": mark, "outcome": "approve"},
            {"id": f"only_no_{segment}", "from": only, "to": "revise", "outcome": "reject"},
            {"id": f"first_ok_{segment}", "from": first, "to": second, "outcome": "approve"},
            {"id": f"first_no_{segment}", "from": first, "to": "revise", "outcome": "reject"},
            {"id": f"second_ok_{segment}", "from": second, "to": mark, "outcome": "approve"},
            {"id": f"second_no_{segment}", "from": second, "to": "revise", "outcome": "reject"},
            {"id": f"mark_{segment}_next", "from": mark, "to": tell},
        ]
        entry = tell
    nodes.append({"id": "approved", "kind": "end", "outcome": "approved"})
    edges += [{"id": "finish", "from": entry, "to": "approved"}, {"id": "resubmit", "from": "revise", "to": "route_0"}]
    return {"id": flow_id, "label": {"zh": "审批", "en": "Approval"}, "entity": entity, "nodes": nodes, "edges": edges}


def _wide_flow(flow_id: str, entity: str, size: int, edge_target: int) -> dict:
    """Layers of `width` branch nodes, each routing amount tiers to the layer's `width` approvals.

    Every approval approves into one branch of the next layer and rejects back to the submitter,
    so a layer of 2·width nodes has width² + 2·width edges (width 8: 16 nodes, 80 edges).
    """
    width = 8
    layers = max(1, (size - 3) // (2 * width))
    nodes: list[dict] = [{"id": "start", "kind": "start"}, {"id": "revise", "kind": "revise"}]
    edges: list[dict] = [
        {"id": "entry", "from": "start", "to": "b0_0"},
        {"id": "resubmit", "from": "revise", "to": "b0_0"},
    ]
    for layer in range(layers):
        for lane in range(1 if layer == 0 else width):
            branch = f"b{layer}_{lane}"
            nodes.append({"id": branch, "kind": "branch"})
            step = 1000 * (layer + 1) + 10 * lane
            bounds = [None, *(step * tier for tier in range(1, width)), None]
            for tier in range(width):
                edges.append(
                    {
                        "id": f"e{layer}_{lane}_{tier}",
                        "from": branch,
                        "to": f"a{layer}_{tier}",
                        "condition": _condition(bounds[tier], bounds[tier + 1]),
                    }
                )
        for tier in range(width):
            approval = f"a{layer}_{tier}"
            following = f"b{layer + 1}_{tier}" if layer + 1 < layers else "approved"
            nodes.append(
                {
                    "id": approval,
                    "kind": "approval",
                    "approvers": [{"kind": "supervisor_chain", "levels": 1 + tier % 3}],
                }
            )
            edges.append({"id": f"ok{layer}_{tier}", "from": approval, "to": following, "outcome": "approve"})
            edges.append({"id": f"no{layer}_{tier}", "from": approval, "to": "revise", "outcome": "reject"})
    nodes.append({"id": "approved", "kind": "end", "outcome": "approved"})
    return {"id": flow_id, "label": "Huge", "entity": entity, "nodes": nodes, "edges": edges}
