"""A draft definition summed up in short strings, so corpus cases can say what a request must yield."""

from __future__ import annotations

from typing import Any


def field_types(document: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """entity id → field id → the field's JSON."""
    return {entity["id"]: {field["id"]: field for field in entity["fields"]} for entity in document["entities"]}


def workflow_tiers(workflow: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each route of an approval flow: its condition ('>= 50000, <= 500000') and its steps ('supervisor')."""
    nodes = {node["id"]: node for node in workflow["nodes"]}
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for edge in workflow["edges"]:
        outgoing.setdefault(edge["from"], []).append(edge)
    first = outgoing["start"][0]["to"]
    entries = [(_condition(edge.get("condition")), edge["to"]) for edge in outgoing.get(first, [])]
    if nodes[first]["kind"] != "branch":
        entries = [("", first)]
    return [(condition, _chain(entry, nodes, outgoing)) for condition, entry in entries]


def _condition(condition: dict[str, Any] | None) -> str:
    if not condition:
        return ""
    rules = condition["rules"]
    if condition.get("combinator") == "or":  # the range, or an empty value
        rules = rules[0]["rules"]
    return ", ".join(f"{rule['operator']} {rule['value']}" for rule in rules)


def _chain(node_id: str, nodes: dict[str, Any], outgoing: dict[str, list[dict[str, Any]]]) -> list[str]:
    steps = []
    while nodes[node_id]["kind"] != "end":
        node = nodes[node_id]
        if node["kind"] == "approval":
            parties = [party_text(party) for party in node["approvers"]]
            steps.append(parties[0] if len(parties) == 1 else f"{node.get('policy', 'any')}({','.join(parties)})")
        following = outgoing[node_id]
        node_id = next((edge["to"] for edge in following if edge.get("outcome") in (None, "approve")), None)
    return steps or ["auto"]


def party_text(party: dict[str, Any]) -> str:
    """'supervisor', 'role:director', 'field:assignee'."""
    detail = party.get("role") or party.get("field") or party.get("user")
    return f"{party['kind']}:{detail}" if detail else party["kind"]


def rule_text(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule as {entity, trigger, when, to}."""
    trigger = rule["trigger"]
    kind = trigger["kind"]
    if kind == "time_elapsed":
        shown = f"time_elapsed {trigger['field']} {trigger['after']['amount']} {trigger['after']['unit']}"
    elif kind == "schedule":
        extra = trigger.get("weekday") or trigger.get("day") or ""
        shown = " ".join(str(part) for part in ("schedule", trigger["frequency"], extra, trigger["time"]) if part)
    elif kind == "field_changed":
        shown = f"field_changed {trigger['field']}" + (f" -> {trigger['to']}" if "to" in trigger else "")
    else:
        shown = kind
    when = []
    for item in (rule.get("condition") or {}).get("rules", []):
        value = item.get("value")
        when.append(f"{item['field']} {item['operator']}" + ("" if value is None else f" {value}"))
    recipients = [party_text(party) for action in rule["actions"] for party in action.get("to", [])]
    return {"entity": rule["entity"], "trigger": shown, "when": sorted(when), "to": recipients}


def view_texts(document: dict[str, Any]) -> list[str]:
    """'kanban lead status', 'calendar campaign start_date', 'chart bar lead sum amount by source month'."""
    texts = []
    for view in document.get("views", []):
        if view["kind"] == "kanban":
            texts.append(f"kanban {view['entity']} {view['group_by']}")
        elif view["kind"] == "calendar":
            texts.append(f"calendar {view['entity']} {view['date_field']}")
        elif view["kind"] == "dashboard":
            for widget in view["widgets"]:
                aggregate, group = widget["aggregate"], widget["group_by"]
                measure = f"{aggregate['function']} {aggregate['field']}" if "field" in aggregate else "count"
                bucket = f" {group['bucket']}" if "bucket" in group else ""
                texts.append(f"chart {widget['kind']} {widget['entity']} {measure} by {group['field']}{bucket}")
    return texts


def permission_texts(document: dict[str, Any]) -> list[str]:
    """'rep lead read=own create=own update=own'."""
    texts = []
    for grant in document.get("permissions", []):
        scopes = " ".join(
            f"{operation}={grant[operation]}"
            for operation in ("read", "create", "update", "delete")
            if operation in grant
        )
        texts.append(f"{grant['role']} {grant['entity']} {scopes}")
    return texts
