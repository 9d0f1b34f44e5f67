"""Diffs of the parts known by id: roles, forms, views and their widgets, rules, semantic definitions, permissions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from builder.diff.model import Change, ChangeKind, PropertyChange
from builder.diff.values import own_properties, plain, property_changes
from builder.model import AppDefinition, Permission
from builder.model.app import OPERATIONS
from builder.model.common import first_by_id
from builder.model.views import DashboardView
from builder.renames import Renames

_K = ChangeKind


def by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Parts by id (the first of a repeated id, which validation reports)."""
    return first_by_id(items)


def keyed_changes(
    old_items: dict[str, Any],
    new_items: dict[str, Any],
    kinds: tuple[ChangeKind, ChangeKind, ChangeKind],
    subject: Callable[[str], str],
    left_out: tuple[str, ...] = (),
) -> list[Change]:
    """Parts added, removed, or changed property by property (those in `left_out` are compared elsewhere)."""
    added, removed, changed = kinds
    changes = []
    for key, before in old_items.items():
        if key not in new_items:
            changes.append(Change(removed, before.path, subject(key), old=plain(before)))
    for key, after in new_items.items():
        before = old_items.get(key)
        if before is None:
            changes.append(Change(added, after.path, subject(key), new=plain(after)))
            continue
        properties = property_changes(before, after, own_properties(after, *left_out, *_NESTED))
        for name in _NESTED:
            properties += nested_changes(getattr(before, name, ()), getattr(after, name, ()), name)
        if properties:
            changes.append(Change(changed, after.path, subject(key), properties=properties))
    return changes


_NESTED = ("sections", "saved_filters")  # lists of parts with ids, diffed part by part


def nested_changes(old_items: Iterable[Any], new_items: Iterable[Any], name: str) -> tuple[PropertyChange, ...]:
    """Property changes of a list of parts with ids: `sections.pricing.fields`, `saved_filters.large` (added)."""
    old_parts, new_parts = by_id(old_items), by_id(new_items)
    changes = [PropertyChange(f"{name}.{key}", plain(part), None) for key, part in old_parts.items()]
    changes = [item for item in changes if item.name.partition(".")[2] not in new_parts]
    for key, after in new_parts.items():
        before = old_parts.get(key)
        if before is None:
            changes.append(PropertyChange(f"{name}.{key}", None, plain(after)))
            continue
        for item in property_changes(before, after, own_properties(after)):
            changes.append(PropertyChange(f"{name}.{key}.{item.name}", item.old, item.new))
    if [part.id for part in old_parts.values()] != [part.id for part in new_parts.values()] and not changes:
        changes.append(PropertyChange(f"{name}.order", list(old_parts), list(new_parts)))
    return tuple(changes)


def _same(key: str) -> str:
    return key


def role_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Roles added, removed or relabelled."""
    return keyed_changes(by_id(old.roles), by_id(new.roles), (_K.ROLE_ADDED, _K.ROLE_REMOVED, _K.ROLE_CHANGED), _same)


def form_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Forms added, removed or changed (entity, label, sections)."""
    kinds = (_K.FORM_ADDED, _K.FORM_REMOVED, _K.FORM_CHANGED)
    return keyed_changes(by_id(old.forms), by_id(new.forms), kinds, _same)


def view_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Views added, removed or changed (a change of kind included); the widgets of a dashboard one by one."""
    old_views, new_views = by_id(old.views), by_id(new.views)
    kinds = (_K.VIEW_ADDED, _K.VIEW_REMOVED, _K.VIEW_CHANGED)
    changes = keyed_changes(old_views, new_views, kinds, _same, ("widgets",))
    widget_kinds = (_K.WIDGET_ADDED, _K.WIDGET_REMOVED, _K.WIDGET_CHANGED)
    for view_id, after in new_views.items():
        before = old_views.get(view_id)
        if isinstance(before, DashboardView) and isinstance(after, DashboardView):
            prefix = f"{view_id}."
            widgets = by_id(before.widgets), by_id(after.widgets)
            changes += keyed_changes(*widgets, widget_kinds, lambda key, prefix=prefix: prefix + key)
    return changes


def rule_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Rules added, removed or changed (trigger, condition, actions, enabled…)."""
    return keyed_changes(by_id(old.rules), by_id(new.rules), (_K.RULE_ADDED, _K.RULE_REMOVED, _K.RULE_CHANGED), _same)


def definition_changes(old: AppDefinition, new: AppDefinition) -> list[Change]:
    """Semantic definitions added, removed or changed (their condition above all)."""
    kinds = (_K.DEFINITION_ADDED, _K.DEFINITION_REMOVED, _K.DEFINITION_CHANGED)
    return keyed_changes(by_id(old.definitions), by_id(new.definitions), kinds, _same)


def permission_changes(old: AppDefinition, new: AppDefinition, renames: Renames) -> list[Change]:
    """Permissions per role and entity: added, removed, a scope per operation, or the `where` condition."""
    old_items = _permissions(old.permissions, renames.new_entity_id)
    new_items = _permissions(new.permissions, _same)
    changes = []
    for key, before in old_items.items():
        if key not in new_items:
            changes.append(Change(_K.PERMISSION_REMOVED, before.path, ".".join(key), old=_scopes(before)))
    for key, after in new_items.items():
        subject, before = ".".join(key), old_items.get(key)
        if before is None:
            changes.append(Change(_K.PERMISSION_ADDED, after.path, subject, new=_scopes(after)))
            continue
        for operation in OPERATIONS:
            was, now = getattr(before, operation).value, getattr(after, operation).value
            if was != now:
                path = f"{after.path}/{operation}"
                changes.append(Change(_K.PERMISSION_SCOPE_CHANGED, path, subject, old=was, new=now, note=operation))
        if plain(before.where) != plain(after.where):
            path = f"{after.path}/where"
            changes.append(
                Change(_K.PERMISSION_WHERE_CHANGED, path, subject, old=plain(before.where), new=plain(after.where))
            )
    return changes


def _permissions(items: Iterable[Permission], entity_id: Callable[[str], str]) -> dict[tuple[str, str], Permission]:
    found: dict[tuple[str, str], Permission] = {}
    for item in items:
        found.setdefault((item.role, entity_id(item.entity)), item)
    return found


def _scopes(item: Permission) -> dict[str, Any]:
    data: dict[str, Any] = {operation: getattr(item, operation).value for operation in OPERATIONS}
    return data | ({"where": plain(item.where)} if item.where is not None else {})
