"""The typed result of a semantic diff: changes with a stable kind, a JSON pointer and old/new values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    """Stable codes of the changes a diff reports; their order is the order of a diff's listing."""

    APP_CHANGED = "app.changed"
    ROLE_ADDED = "role.added"
    ROLE_REMOVED = "role.removed"
    ROLE_CHANGED = "role.changed"
    ENTITY_ADDED = "entity.added"
    ENTITY_REMOVED = "entity.removed"
    ENTITY_RENAMED = "entity.renamed"
    ENTITY_RELABELLED = "entity.relabelled"
    ENTITY_CHANGED = "entity.changed"
    FIELD_ADDED = "field.added"
    FIELD_REMOVED = "field.removed"
    FIELD_RENAMED = "field.renamed"
    FIELD_RETYPED = "field.retyped"
    FIELD_RELABELLED = "field.relabelled"
    FIELD_CHANGED = "field.changed"
    OPTION_ADDED = "option.added"
    OPTION_REMOVED = "option.removed"
    OPTION_RELABELLED = "option.relabelled"
    OPTION_CHANGED = "option.changed"
    FORM_ADDED = "form.added"
    FORM_REMOVED = "form.removed"
    FORM_CHANGED = "form.changed"
    VIEW_ADDED = "view.added"
    VIEW_REMOVED = "view.removed"
    VIEW_CHANGED = "view.changed"
    WIDGET_ADDED = "view.widget_added"
    WIDGET_REMOVED = "view.widget_removed"
    WIDGET_CHANGED = "view.widget_changed"
    WORKFLOW_ADDED = "workflow.added"
    WORKFLOW_REMOVED = "workflow.removed"
    WORKFLOW_CHANGED = "workflow.changed"
    NODE_ADDED = "workflow.node_added"
    NODE_REMOVED = "workflow.node_removed"
    NODE_CHANGED = "workflow.node_changed"
    EDGE_ADDED = "workflow.edge_added"
    EDGE_REMOVED = "workflow.edge_removed"
    EDGE_CHANGED = "workflow.edge_changed"
    EDGE_CONDITION_CHANGED = "workflow.condition_changed"
    PERMISSION_ADDED = "permission.added"
    PERMISSION_REMOVED = "permission.removed"
    PERMISSION_SCOPE_CHANGED = "permission.scope_changed"
    PERMISSION_WHERE_CHANGED = "permission.where_changed"
    RULE_ADDED = "rule.added"
    RULE_REMOVED = "rule.removed"
    RULE_CHANGED = "rule.changed"
    DEFINITION_ADDED = "definition.added"
    DEFINITION_REMOVED = "definition.removed"
    DEFINITION_CHANGED = "definition.changed"


_KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True, slots=True)
class PropertyChange:
    """One property of a part that changed: required false → true; values in their JSON form."""

    name: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        """The property change as JSON."""
        return {"name": self.name, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its kind, where (a pointer into the new document, the old one for removals) and what.

    `subject` names the part by ids (`deal.region`, `signoff.route`, `rep.contract`); `note` is a
    language-neutral detail the text shows (an edge's `source→target`, a permission's operation).
    """

    kind: ChangeKind
    path: str
    subject: str
    old: Any = None
    new: Any = None
    properties: tuple[PropertyChange, ...] = ()
    note: str = ""

    def sort_key(self) -> tuple[int, tuple[tuple[int, int | str], ...], str]:
        """Kind order, then path (numbers in paths compared as numbers), then subject."""
        parts = tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(self.path) if part)
        return _KIND_ORDER[self.kind], parts, self.subject

    def to_json(self) -> dict[str, Any]:
        """The change as JSON."""
        data: dict[str, Any] = {"kind": str(self.kind), "path": self.path, "subject": self.subject}
        data |= {"old": self.old, "new": self.new}
        if self.properties:
            data["properties"] = [item.to_json() for item in self.properties]
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class AppDiff:
    """Every change between two versions of an app definition, in listing order."""

    old_app: str
    new_app: str
    changes: tuple[Change, ...] = ()

    @classmethod
    def of(cls, old_app: str, new_app: str, changes: list[Change]) -> AppDiff:
        """A diff with its changes put in listing order (kind order, then path)."""
        return cls(old_app, new_app, tuple(sorted(changes, key=Change.sort_key)))

    @property
    def is_empty(self) -> bool:
        """Whether the two versions mean the same app."""
        return not self.changes

    def kinds(self) -> list[str]:
        """The kinds of the changes, in listing order."""
        return [str(change.kind) for change in self.changes]

    def to_json(self) -> dict[str, Any]:
        """The diff as JSON, in listing order."""
        return {
            "old_app": self.old_app,
            "new_app": self.new_app,
            "changes": [change.to_json() for change in self.changes],
        }
