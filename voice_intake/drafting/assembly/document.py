"""The whole definition: the template's document (or an empty app) with everything the request added."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from voice_intake.drafting.assembly.entities_json import entity_json, field_json, form_json, table_json
from voice_intake.drafting.assembly.views_json import calendar_json, kanban_json, rule_json, widget_json
from voice_intake.drafting.assembly.workflow_json import workflow_json
from voice_intake.drafting.draft_fields import DraftEntity, Origin
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.naming import element_ids
from voice_intake.drafting.texts import Text

FORMAT_VERSION = 1
MAX_DESCRIPTION = 5000
_FIELD_KINDS = {
    ElementKind.FIELD: "",
    ElementKind.OPTIONS: "/options",
    ElementKind.REQUIRED: "/required",
    ElementKind.VISIBILITY: "/visibility",
}


@dataclass(frozen=True, slots=True)
class Assembled:
    """A definition document and the JSON pointer of each element the draft produced."""

    document: dict[str, Any]
    pointers: dict[tuple[ElementKind, str], str]

    def pointer(self, kind: ElementKind, key: str) -> str | None:
        """Where an element is in the document (fields' options, required mark and visibility under the field)."""
        if kind in _FIELD_KINDS:
            found = self.pointers.get((ElementKind.FIELD, key))
            return None if found is None else found + _FIELD_KINDS[kind]
        return self.pointers.get((kind, key))


def assemble(state: DraftState, request: str, template: dict[str, Any] | None = None) -> Assembled:
    """Write the draft as a definition document, on top of the template's when there is one."""
    document = copy.deepcopy(template) if template else {"format_version": FORMAT_VERSION}
    pointers: dict[tuple[ElementKind, str], str] = {}
    main = state.main_entity()
    words = state.app_words or (f"{main.id} app" if main else "app")
    document["id"] = document.get("id") if template and not state.app_words else element_ids("app").allocate(words)
    label = state.app_label
    if label is None and main is not None:
        label = Text.both(f"{main.label.get('zh')}管理", f"{main.label.get('en')} tracker")
    document["label"] = (label or Text.both("应用", "App")).to_json()
    if not template:
        document["description"] = request.strip()[:MAX_DESCRIPTION]
        document["default_language"] = state.language
        if state.language == "zh":
            document["timezone"] = "Asia/Shanghai"
    pointers[(ElementKind.APP, "app")] = ""
    entities, forms, views = _list(document, "entities"), _list(document, "forms"), _list(document, "views")
    for entity in state.entities:
        _write_entity(entity, entities, forms, views, pointers)
    for view in state.kanbans:
        pointers[(ElementKind.VIEW, view.id)] = _append(views, "views", kanban_json(view))
    for view in state.calendars:
        pointers[(ElementKind.VIEW, view.id)] = _append(views, "views", calendar_json(view))
    if state.widgets:
        dashboard_id = element_ids("view", {view["id"] for view in views}).allocate("dashboard")
        label = Text.both("数据看板", "Dashboard").to_json()
        at = _append(views, "views", {"id": dashboard_id, "kind": "dashboard", "label": label, "widgets": []})
        for widget in state.widgets:
            pointers[(ElementKind.WIDGET, widget.id)] = _append(
                views[-1]["widgets"], f"{at}/widgets", widget_json(widget)
            )
    _write_roles(state, _list(document, "roles"))
    for workflow in state.workflows:
        pointers[(ElementKind.WORKFLOW, workflow.id)] = _append(
            _list(document, "workflows"), "workflows", workflow_json(workflow)
        )
    for rule in state.rules:
        pointers[(ElementKind.RULE, rule.id)] = _append(_list(document, "rules"), "rules", rule_json(rule))
    _write_permissions(state, _list(document, "permissions"), pointers)
    for key in [
        key
        for key in ("roles", "forms", "views", "workflows", "rules", "permissions")
        if key in document and not document[key]
    ]:
        del document[key]
    return Assembled(document, pointers)


def _write_entity(
    entity: DraftEntity, entities: list, forms: list, views: list, pointers: dict[tuple[ElementKind, str], str]
) -> None:
    index = next((i for i, existing in enumerate(entities) if existing.get("id") == entity.id), None)
    if index is None:
        at = _append(entities, "entities", entity_json(entity))
        pointers[(ElementKind.ENTITY, entity.id)] = at
        for position, draft_field in enumerate(entity.fields):
            pointers[(ElementKind.FIELD, f"{entity.id}.{draft_field.id}")] = f"{at}/fields/{position}"
        form_ids = element_ids("form", {form["id"] for form in forms})
        forms.append(form_json(form_ids.allocate(f"{entity.id} form"), entity, entity.fields))
        view_ids = element_ids("view", {view["id"] for view in views})
        views.append(table_json(view_ids.allocate(f"{entity.id} list"), entity))
        return
    pointers[(ElementKind.ENTITY, entity.id)] = f"/entities/{index}"
    fields = entities[index]["fields"]
    added = []
    for draft_field in entity.fields:
        position = next((i for i, existing in enumerate(fields) if existing.get("id") == draft_field.id), None)
        if position is None:
            position = len(fields)
            fields.append(field_json(draft_field))
            added.append(draft_field.id)
        elif draft_field.origin is Origin.TEMPLATE:
            if draft_field.visibility is not None:
                fields[position]["visibility"] = draft_field.visibility.value
            if draft_field.required:
                fields[position]["required"] = True
        pointers[(ElementKind.FIELD, f"{entity.id}.{draft_field.id}")] = f"/entities/{index}/fields/{position}"
    form = next((form for form in forms if form.get("entity") == entity.id), None)
    if form is not None and added:
        form["sections"][-1]["fields"].extend(added)


def _write_roles(state: DraftState, roles: list) -> None:
    taken = {role["id"] for role in roles}
    for role in state.roles.values():
        if role.id not in taken:
            roles.append({"id": role.id, "label": role.label.to_json()})


def _write_permissions(state: DraftState, grants: list, pointers: dict[tuple[ElementKind, str], str]) -> None:
    for grant in state.permissions:
        made = grant.to_json()
        index = next((i for i, g in enumerate(grants) if (g["role"], g["entity"]) == (grant.role, grant.entity)), None)
        if index is None:
            index = len(grants)
            grants.append(made)
        else:
            grants[index] = made  # the request's words replace the template's grant
        pointers[(ElementKind.PERMISSION, f"{grant.role}@{grant.entity}")] = f"/permissions/{index}"


def _list(document: dict[str, Any], key: str) -> list:
    return document.setdefault(key, [])


def _append(items: list, at: str, item: dict[str, Any]) -> str:
    items.append(item)
    return f"/{at.lstrip('/')}/{len(items) - 1}"
