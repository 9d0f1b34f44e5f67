"""Build typed model objects from a definition document, leniently: what cannot be built is left out."""

# The builder is lenient so the validator can check the well-formed parts of a document that
# also has schema errors: a part whose id or kind is unusable is left out and its name is
# recorded as broken, so references to it are not reported a second time.

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from builder.conditions.ast import ConditionGroup
from builder.conditions.parse import ConditionTooDeep, parse_condition
from builder.model import rules as r
from builder.model import views as v
from builder.model import workflows as w
from builder.model.app import (
    OPERATIONS,
    AppDefinition,
    Form,
    FormSection,
    Permission,
    Role,
    Scope,
    SemanticDefinition,
)
from builder.model.common import Label
from builder.model.entities import Entity
from builder.model.fields import ChoiceOption, Field, FieldType, Visibility
from builder.model.parse_parts import (
    read_aggregate,
    read_comparison,
    read_group_by,
    read_sort,
    read_trigger,
    read_value_source,
)
from builder.model.raw_values import (
    label_or_id,
    read_enum,
    read_integer,
    read_label,
    read_number,
    read_strings,
    read_text,
)
from builder.pointers import child, pointer, tokens


@dataclass(frozen=True, slots=True)
class BuiltDefinition:
    """A model built from a document, and the names of the parts that could not be built."""

    model: AppDefinition
    broken: frozenset[tuple[str, ...]] = dataclasses.field(default_factory=frozenset)
    too_deep: tuple[str, ...] = ()

    def is_broken(self, *name: str) -> bool:
        """Whether a part of that name exists in the document but could not be built."""
        return name in self.broken

    def has_broken_parts(self, workflow_id: str) -> bool:
        """Whether some node or edge of a workflow could not be built."""
        return any(name[0] in ("node", "edge") and name[1] == workflow_id for name in self.broken)


# Schema errors inside these keys do not change what an element means.
_COSMETIC_KEYS = frozenset({"label", "description", "help", "message", "title"})


def build_model(document: dict[str, Any], error_paths: Iterable[str] = ()) -> BuiltDefinition:
    """Build the typed model of a definition document; parts with errors at `error_paths` are left out as broken."""
    # Fields, nodes, edges and definitions with such an error are left out; errors in labels and texts do not count.
    return _Builder(_flawed_paths(error_paths)).app(document)


def _flawed_paths(error_paths: Iterable[str]) -> frozenset[str]:
    """Every path that is, or contains, a place with a schema error that matters."""
    flawed: set[str] = set()
    for path in error_paths:
        parts = tokens(path)
        if _COSMETIC_KEYS.intersection(parts):
            continue
        for end in range(len(parts) + 1):
            flawed.add(pointer(parts[:end]))
    return frozenset(flawed)


class _Builder:
    def __init__(self, flawed: frozenset[str] = frozenset()) -> None:
        self.broken: set[tuple[str, ...]] = set()
        self.too_deep: list[str] = []
        self.flawed = flawed

    def app(self, raw: dict[str, Any]) -> BuiltDefinition:
        app_id = read_text(raw, "id") or ""
        model = AppDefinition(
            id=app_id,
            label=label_or_id(raw, app_id),
            description=read_label(raw.get("description")),
            timezone=read_text(raw, "timezone") or "UTC",
            default_language=raw.get("default_language") if raw.get("default_language") in ("zh", "en") else "zh",
            roles=self._each(raw, "roles", "", self.role),
            entities=self._each(raw, "entities", "", self.entity),
            forms=self._each(raw, "forms", "", self.form),
            views=self._each(raw, "views", "", self.view),
            workflows=self._each(raw, "workflows", "", self.workflow),
            rules=self._each(raw, "rules", "", self.rule),
            definitions=self._each(raw, "definitions", "", self.semantic_definition),
            permissions=self._each(raw, "permissions", "", self.permission),
        )
        return BuiltDefinition(model=model, broken=frozenset(self.broken), too_deep=tuple(self.too_deep))

    def _each(self, raw: Any, key: str, path: str, build, *context: str) -> tuple[Any, ...]:
        """Build each object item of a list property, leaving out what cannot be built."""
        items = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(items, list):
            return ()
        prefix = f"{path}/{key}/"
        built = []
        for index, item in enumerate(items):
            if isinstance(item, dict) and (made := build(item, f"{prefix}{index}", *context)) is not None:
                built.append(made)
        return tuple(built)

    def _condition(self, raw: dict[str, Any], key: str, path: str) -> ConditionGroup | None:
        if key not in raw:
            return None
        try:
            return parse_condition(raw[key], child(path, key))
        except ConditionTooDeep as too_deep:
            self.too_deep.append(str(too_deep))
            return None

    def role(self, raw: dict[str, Any], path: str) -> Role | None:
        role_id = read_text(raw, "id")
        if role_id is None:
            return None
        description = read_label(raw.get("description"))
        return Role(id=role_id, label=label_or_id(raw, role_id), description=description, path=path)

    def entity(self, raw: dict[str, Any], path: str) -> Entity | None:
        entity_id = read_text(raw, "id")
        if entity_id is None:
            return None
        return Entity(
            id=entity_id,
            label=label_or_id(raw, entity_id),
            description=read_label(raw.get("description")),
            title_field=read_text(raw, "title_field"),
            icon=read_text(raw, "icon"),
            fields=self._each(raw, "fields", path, self.field, entity_id),
            path=path,
        )

    def field(self, raw: dict[str, Any], path: str, entity_id: str) -> Field | None:
        field_id = read_text(raw, "id")
        if field_id is None:
            return None
        field_type = read_enum(FieldType, raw.get("type"))
        if field_type is None or path in self.flawed:
            self.broken.add(("field", entity_id, field_id))
            return None
        return Field(
            id=field_id,
            type=field_type,
            label=label_or_id(raw, field_id),
            required=raw.get("required") is True,
            unique=raw.get("unique") is True,
            default=raw.get("default"),
            help=read_label(raw.get("help")),
            visibility=read_enum(Visibility, raw.get("visibility")) or Visibility.EVERYONE,
            owner_may_narrow=raw.get("owner_may_narrow") is True,
            read_only=raw.get("read_only") is True,
            max_length=read_integer(raw.get("max_length")),
            min=read_number(raw.get("min")),
            max=read_number(raw.get("max")),
            scale=read_integer(raw.get("scale")),
            currency=read_text(raw, "currency"),
            options=self._each(raw, "options", path, self.option),
            target_entity=read_text(raw, "entity"),
            formula=read_text(raw, "formula"),
            format=read_text(raw, "format"),
            path=path,
        )

    def option(self, raw: dict[str, Any], path: str) -> ChoiceOption | None:
        option_id = read_text(raw, "id")
        if option_id is None:
            return None
        color = read_text(raw, "color")
        return ChoiceOption(id=option_id, label=label_or_id(raw, option_id), color=color, path=path)

    def form(self, raw: dict[str, Any], path: str) -> Form | None:
        form_id, entity_id = read_text(raw, "id"), read_text(raw, "entity")
        if form_id is None or entity_id is None:
            return None
        return Form(
            id=form_id,
            entity=entity_id,
            label=read_label(raw.get("label")),
            sections=self._each(raw, "sections", path, self.section),
            path=path,
        )

    def section(self, raw: dict[str, Any], path: str) -> FormSection | None:
        section_id = read_text(raw, "id")
        if section_id is None:
            return None
        columns = read_integer(raw.get("columns"))
        return FormSection(
            id=section_id,
            label=read_label(raw.get("label")),
            columns=columns if columns in (1, 2, 3, 4) else 1,
            fields=read_strings(raw.get("fields")),
            path=path,
        )

    def view(self, raw: dict[str, Any], path: str) -> v.AnyView | None:
        view_id, kind = read_text(raw, "id"), read_enum(v.ViewKind, raw.get("kind"))
        if view_id is None or kind is None:
            return None
        common = {
            "id": view_id,
            "label": label_or_id(raw, view_id),
            "description": read_label(raw.get("description")),
            "path": path,
        }
        if kind is v.ViewKind.DASHBOARD:
            return v.DashboardView(widgets=self._each(raw, "widgets", path, self.widget), **common)
        entity_id = read_text(raw, "entity")
        if entity_id is None:
            return None
        condition = self._condition(raw, "filter", path)
        if kind is v.ViewKind.TABLE:
            page_size = read_integer(raw.get("page_size"))
            return v.TableView(
                entity=entity_id,
                columns=read_strings(raw.get("columns")),
                filter=condition,
                sort=read_sort(raw, path),
                saved_filters=self._each(raw, "saved_filters", path, self.saved_filter),
                page_size=page_size if page_size and 0 < page_size <= 500 else 50,
                **common,
            )
        if kind is v.ViewKind.KANBAN:
            return v.KanbanView(
                entity=entity_id,
                group_by=read_text(raw, "group_by") or "",
                card_fields=read_strings(raw.get("card_fields")),
                filter=condition,
                sort=read_sort(raw, path),
                **common,
            )
        if kind is v.ViewKind.CALENDAR:
            return v.CalendarView(
                entity=entity_id,
                date_field=read_text(raw, "date_field") or "",
                end_field=read_text(raw, "end_field"),
                filter=condition,
                **common,
            )
        return v.DetailView(
            entity=entity_id,
            fields=read_strings(raw.get("fields")),
            related=self._each(raw, "related", path, self.related_list),
            timeline=raw.get("timeline") is not False,
            **common,
        )

    def saved_filter(self, raw: dict[str, Any], path: str) -> v.SavedFilter | None:
        filter_id = read_text(raw, "id")
        if filter_id is None:
            return None
        return v.SavedFilter(
            id=filter_id,
            label=label_or_id(raw, filter_id),
            condition=self._condition(raw, "condition", path),
            path=path,
        )

    def related_list(self, raw: dict[str, Any], path: str) -> v.RelatedList | None:
        entity_id, via = read_text(raw, "entity"), read_text(raw, "via")
        if entity_id is None or via is None:
            return None
        label, columns = read_label(raw.get("label")), read_strings(raw.get("columns"))
        return v.RelatedList(entity=entity_id, via=via, label=label, columns=columns, path=path)

    def widget(self, raw: dict[str, Any], path: str) -> v.Widget | None:
        widget_id, entity_id = read_text(raw, "id"), read_text(raw, "entity")
        kind = read_enum(v.WidgetKind, raw.get("kind"))
        if widget_id is None or kind is None or entity_id is None:
            return None
        return v.Widget(
            id=widget_id,
            kind=kind,
            label=label_or_id(raw, widget_id),
            entity=entity_id,
            filter=self._condition(raw, "filter", path),
            aggregate=read_aggregate(raw.get("aggregate"), child(path, "aggregate")),
            group_by=read_group_by(raw.get("group_by"), child(path, "group_by")),
            compare=read_comparison(raw.get("compare"), child(path, "compare")),
            target=read_number(raw.get("target")),
            columns=read_strings(raw.get("columns")),
            sort=read_sort(raw, path),
            limit=read_integer(raw.get("limit")),
            path=path,
        )

    def workflow(self, raw: dict[str, Any], path: str) -> w.Workflow | None:
        workflow_id, entity_id = read_text(raw, "id"), read_text(raw, "entity")
        if workflow_id is None:
            return None
        if entity_id is None:
            self.broken.add(("workflow", workflow_id))
            return None
        return w.Workflow(
            id=workflow_id,
            label=label_or_id(raw, workflow_id),
            description=read_label(raw.get("description")),
            entity=entity_id,
            nodes=self._each(raw, "nodes", path, self.node, workflow_id),
            edges=self._each(raw, "edges", path, self.edge, workflow_id),
            path=path,
        )

    def node(self, raw: dict[str, Any], path: str, workflow_id: str) -> w.AnyNode | None:
        node_id = read_text(raw, "id")
        if node_id is None:
            return None
        kind = raw.get("kind")
        make = _NODE_MAKERS.get(kind) if type(kind) is str else None
        common = {"id": node_id, "label": read_label(raw.get("label")), "path": path}
        built = None if make is None else make(self, raw, path, common)
        if built is None or path in self.flawed:
            self.broken.add(("node", workflow_id, node_id))
            return None
        return built

    def end_node(self, raw: dict[str, Any], path: str, common: dict[str, Any]) -> w.EndNode | None:
        outcome = read_enum(w.EndOutcome, raw.get("outcome"))
        return w.EndNode(outcome=outcome, **common) if outcome else None

    def approval_node(self, raw: dict[str, Any], path: str, common: dict[str, Any]) -> w.ApprovalNode:
        return w.ApprovalNode(
            approvers=self._each(raw, "approvers", path, self.party),
            policy=read_enum(w.ApprovalPolicy, raw.get("policy")) or w.ApprovalPolicy.ANY,
            **common,
        )

    def set_field_node(self, raw: dict[str, Any], path: str, common: dict[str, Any]) -> w.SetFieldNode | None:
        if read_text(raw, "field") is None:
            return None
        return w.SetFieldNode(field=raw["field"], value=raw.get("value"), **common)

    def notify_node(self, raw: dict[str, Any], path: str, common: dict[str, Any]) -> w.NotifyNode:
        return w.NotifyNode(
            recipients=self._each(raw, "to", path, self.party),
            message=read_label(raw.get("message")) or Label(plain=""),
            **common,
        )

    def party(self, raw: dict[str, Any], path: str) -> w.Party | None:
        kind = read_enum(w.PartyKind, raw.get("kind"))
        if kind is None:
            return None
        return w.Party(
            kind=kind,
            role=read_text(raw, "role"),
            levels=read_integer(raw.get("levels")),
            group=read_text(raw, "group"),
            user=read_text(raw, "user"),
            field=read_text(raw, "field"),
            path=path,
        )

    def edge(self, raw: dict[str, Any], path: str, workflow_id: str) -> w.Edge | None:
        edge_id, source, target = read_text(raw, "id"), read_text(raw, "from"), read_text(raw, "to")
        condition, too_deep = None, False
        if "condition" in raw:
            deep_before = len(self.too_deep)
            condition = self._condition(raw, "condition", path)
            too_deep = len(self.too_deep) > deep_before  # its condition was too deep
        if edge_id is None or source is None or target is None or path in self.flawed or too_deep:
            self.broken.add(("edge", workflow_id, edge_id or path))
            return None
        label, outcome = raw.get("label"), raw.get("outcome")
        return w.Edge(
            id=edge_id,
            source=source,
            target=target,
            label=None if label is None else read_label(label),
            condition=condition,
            is_default=raw.get("default") is True,
            outcome=None if outcome is None else read_enum(w.EdgeOutcome, outcome),
            path=path,
        )

    def rule(self, raw: dict[str, Any], path: str) -> r.Rule | None:
        rule_id, entity_id = read_text(raw, "id"), read_text(raw, "entity")
        if rule_id is None or entity_id is None:
            return None
        trigger = read_trigger(raw.get("trigger"), child(path, "trigger"))
        if trigger is None:
            return None
        return r.Rule(
            id=rule_id,
            label=label_or_id(raw, rule_id),
            description=read_label(raw.get("description")),
            entity=entity_id,
            enabled=raw.get("enabled") is not False,
            trigger=trigger,
            condition=self._condition(raw, "condition", path),
            actions=self._each(raw, "actions", path, self.action),
            path=path,
        )

    def action(self, raw: dict[str, Any], path: str) -> r.AnyAction | None:
        kind = read_enum(r.ActionKind, raw.get("kind"))
        if kind is r.ActionKind.ALERT:
            message = read_label(raw.get("message"))
            if message is None:
                return None
            severity = raw.get("severity") if raw.get("severity") in ("info", "warning", "critical") else "info"
            return r.AlertAction(
                recipients=self._each(raw, "to", path, self.party),
                message=message,
                severity=severity,
                path=path,
            )
        if kind is r.ActionKind.CREATE_RECORD:
            values = raw.get("values")
            if read_text(raw, "entity") is None or not isinstance(values, dict):
                return None
            return r.CreateRecordAction(
                entity=raw["entity"],
                values=tuple(
                    (key, read_value_source(value, child(path, "values", key))) for key, value in values.items()
                ),
                path=path,
            )
        if kind is r.ActionKind.SET_FIELD and read_text(raw, "field") is not None and "value" in raw:
            return r.SetFieldAction(field=raw["field"], value=raw["value"], path=path)
        if kind is r.ActionKind.START_WORKFLOW and read_text(raw, "workflow") is not None:
            return r.StartWorkflowAction(workflow=raw["workflow"], path=path)
        if kind is r.ActionKind.SUGGEST:
            message = read_label(raw.get("message"))
            return r.SuggestAction(message=message, title=read_label(raw.get("title")), path=path) if message else None
        return None

    def semantic_definition(self, raw: dict[str, Any], path: str) -> SemanticDefinition | None:
        definition_id, entity_id = read_text(raw, "id"), read_text(raw, "entity")
        if definition_id is None:
            return None
        if entity_id is None or path in self.flawed:
            self.broken.add(("definition", definition_id))
            return None
        return SemanticDefinition(
            id=definition_id,
            label=label_or_id(raw, definition_id),
            description=read_label(raw.get("description")),
            entity=entity_id,
            condition=self._condition(raw, "condition", path),
            path=path,
        )

    def permission(self, raw: dict[str, Any], path: str) -> Permission | None:
        role_id, entity_id = read_text(raw, "role"), read_text(raw, "entity")
        if role_id is None or entity_id is None:
            return None
        scopes = {operation: read_enum(Scope, raw.get(operation)) or Scope.NONE for operation in OPERATIONS}
        return Permission(
            role=role_id, entity=entity_id, where=self._condition(raw, "where", path), path=path, **scopes
        )


def _plain_node(node_class: type[w.AnyNode]) -> Callable[..., w.AnyNode]:
    """A node maker for a kind with nothing beyond id, label and path."""
    return lambda builder, raw, path, common: node_class(**common)


# How to build each kind of node, by the kind's name (a lookup instead of a comparison per kind).
_NODE_MAKERS = {
    w.NodeKind.START: _plain_node(w.StartNode),
    w.NodeKind.END: _Builder.end_node,
    w.NodeKind.APPROVAL: _Builder.approval_node,
    w.NodeKind.BRANCH: _plain_node(w.BranchNode),
    w.NodeKind.AUTO_APPROVE: _plain_node(w.AutoApproveNode),
    w.NodeKind.SET_FIELD: _Builder.set_field_node,
    w.NodeKind.NOTIFY: _Builder.notify_node,
    w.NodeKind.REVISE: _plain_node(w.ReviseNode),
}
