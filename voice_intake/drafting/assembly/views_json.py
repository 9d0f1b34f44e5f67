"""Kanban boards, calendars, the dashboard's charts and the rules, as the definition writes them."""

from __future__ import annotations

from typing import Any

from voice_intake.drafting.draft_parts import CalendarView, ChartWidget, DraftRule, KanbanView, condition_json


def kanban_json(view: KanbanView) -> dict[str, Any]:
    """A kanban view."""
    made: dict[str, Any] = {
        "id": view.id,
        "kind": "kanban",
        "label": view.label.to_json(),
        "entity": view.entity,
        "group_by": view.group_by,
    }
    if view.card_fields:
        made["card_fields"] = view.card_fields
    return made


def calendar_json(view: CalendarView) -> dict[str, Any]:
    """A calendar view."""
    return {
        "id": view.id,
        "kind": "calendar",
        "label": view.label.to_json(),
        "entity": view.entity,
        "date_field": view.date_field,
    }


def widget_json(widget: ChartWidget) -> dict[str, Any]:
    """A chart widget of the dashboard."""
    aggregate: dict[str, Any] = {"function": widget.function.value}
    if widget.measure:
        aggregate["field"] = widget.measure
    group: dict[str, Any] = {"field": widget.group_by}
    if widget.bucket is not None:
        group["bucket"] = widget.bucket.value
    return {
        "id": widget.id,
        "kind": widget.kind.value,
        "label": widget.label.to_json(),
        "entity": widget.entity,
        "aggregate": aggregate,
        "group_by": group,
    }


def rule_json(rule: DraftRule) -> dict[str, Any]:
    """A rule whose one action is an alert."""
    made: dict[str, Any] = {
        "id": rule.id,
        "label": rule.label.to_json(),
        "entity": rule.entity,
        "trigger": rule.trigger.to_json(),
    }
    if rule.conditions:
        made["condition"] = condition_json(rule.conditions)
    alert = {"kind": "alert", "to": [party.to_json() for party in rule.recipients], "message": rule.message.to_json()}
    if rule.severity != "info":
        alert["severity"] = rule.severity
    made["actions"] = [alert]
    return made
