"""The semantic diff of two app definitions: app, roles, entities, fields and options; the rest in sibling modules."""

from __future__ import annotations

from builder.diff.compare_flows import workflow_changes
from builder.diff.compare_parts import (
    by_id,
    definition_changes,
    form_changes,
    permission_changes,
    role_changes,
    rule_changes,
    view_changes,
)
from builder.diff.model import AppDiff, Change, ChangeKind
from builder.diff.values import plain, property_changes
from builder.model import AppDefinition, Entity, Field
from builder.renames import Renames

APP_PROPERTIES = ("label", "description", "timezone", "default_language", "format_version")
ENTITY_PROPERTIES = ("description", "title_field", "icon")
FIELD_PROPERTIES = (
    "required",
    "unique",
    "default",
    "help",
    "visibility",
    "owner_may_narrow",
    "read_only",
    "max_length",
    "min",
    "max",
    "scale",
    "currency",
    "target_entity",
    "formula",
    "format",
)


def diff_definitions(old: AppDefinition, new: AppDefinition, renames: Renames | None = None) -> AppDiff:
    """What changed from `old` to `new`; ids that change are renames only when `renames` says so."""
    renames = renames or Renames()
    changes: list[Change] = []
    app_properties = property_changes(old, new, APP_PROPERTIES)
    if app_properties:
        changes.append(Change(ChangeKind.APP_CHANGED, "", new.id, properties=app_properties))
    changes += role_changes(old, new)
    changes += entity_changes(old, new, renames)
    changes += form_changes(old, new)
    changes += view_changes(old, new)
    changes += workflow_changes(old, new)
    changes += permission_changes(old, new, renames)
    changes += rule_changes(old, new)
    changes += definition_changes(old, new)
    return AppDiff.of(old.id, new.id, changes)


def entity_changes(old: AppDefinition, new: AppDefinition, renames: Renames) -> list[Change]:
    """Entities added, removed, renamed, relabelled or changed, and the changes of their fields."""
    changes: list[Change] = []
    new_entities = by_id(new.entities)
    matched: set[str] = set()
    for before in by_id(old.entities).values():
        after = new_entities.get(renames.new_entity_id(before.id)) or new_entities.get(before.id)
        if after is None or after.id in matched:
            changes.append(Change(ChangeKind.ENTITY_REMOVED, before.path, before.id, old=_entity_summary(before)))
            continue
        matched.add(after.id)
        changes += _matched_entity(before, after, renames)
    for after in new_entities.values():
        if after.id not in matched:
            changes.append(Change(ChangeKind.ENTITY_ADDED, after.path, after.id, new=_entity_summary(after)))
    return changes


def _matched_entity(before: Entity, after: Entity, renames: Renames) -> list[Change]:
    changes = []
    if before.id != after.id:
        changes.append(Change(ChangeKind.ENTITY_RENAMED, after.path, after.id, old=before.id, new=after.id))
    if plain(before.label) != plain(after.label):
        changes.append(
            Change(ChangeKind.ENTITY_RELABELLED, after.path, after.id, old=plain(before.label), new=plain(after.label))
        )
    if properties := property_changes(before, after, ENTITY_PROPERTIES):
        changes.append(Change(ChangeKind.ENTITY_CHANGED, after.path, after.id, properties=properties))
    return changes + field_changes(before, after, renames)


def _entity_summary(entity: Entity) -> dict[str, object]:
    return {"label": plain(entity.label), "fields": [item.id for item in entity.fields]}


def field_changes(before: Entity, after: Entity, renames: Renames) -> list[Change]:
    """Fields of one entity (matched across versions) added, removed, renamed, retyped or changed."""
    changes: list[Change] = []
    new_fields = by_id(after.fields)
    matched: set[str] = set()
    for old_field in by_id(before.fields).values():
        new_field = new_fields.get(renames.new_field_id(before.id, old_field.id)) or new_fields.get(old_field.id)
        subject = f"{before.id}.{old_field.id}"
        if new_field is None or new_field.id in matched:
            changes.append(Change(ChangeKind.FIELD_REMOVED, old_field.path, subject, old=_field_summary(old_field)))
            continue
        matched.add(new_field.id)
        changes += _matched_field(old_field, new_field, f"{after.id}.{new_field.id}", renames)
    for new_field in new_fields.values():
        if new_field.id not in matched:
            subject = f"{after.id}.{new_field.id}"
            changes.append(Change(ChangeKind.FIELD_ADDED, new_field.path, subject, new=_field_summary(new_field)))
    return changes


def _field_summary(item: Field) -> dict[str, object]:
    return {"type": item.type.value, "label": plain(item.label)}


def _matched_field(before: Field, after: Field, subject: str, renames: Renames) -> list[Change]:
    path = after.path
    changes = []
    if before.id != after.id:
        changes.append(Change(ChangeKind.FIELD_RENAMED, path, subject, old=before.id, new=after.id))
    if before.type is not after.type:
        changes.append(Change(ChangeKind.FIELD_RETYPED, path, subject, old=before.type.value, new=after.type.value))
    if plain(before.label) != plain(after.label):
        changes.append(
            Change(ChangeKind.FIELD_RELABELLED, path, subject, old=plain(before.label), new=plain(after.label))
        )
    properties = property_changes(before, after, FIELD_PROPERTIES)
    if before.target_entity is not None and renames.new_entity_id(before.target_entity) == after.target_entity:
        properties = tuple(item for item in properties if item.name != "target_entity")  # follows a renamed entity
    if properties:
        changes.append(Change(ChangeKind.FIELD_CHANGED, path, subject, properties=properties))
    return changes + option_changes(before, after, subject)


def option_changes(before: Field, after: Field, subject: str) -> list[Change]:
    """Options of a choice field added, removed, relabelled or recoloured (option ids never rename)."""
    changes = []
    old_options, new_options = by_id(before.options), by_id(after.options)
    for option_id, option in old_options.items():
        if option_id not in new_options:
            changes.append(
                Change(ChangeKind.OPTION_REMOVED, option.path, f"{subject}.{option_id}", old=plain(option.label))
            )
    for option_id, option in new_options.items():
        name = f"{subject}.{option_id}"
        previous = old_options.get(option_id)
        if previous is None:
            changes.append(Change(ChangeKind.OPTION_ADDED, option.path, name, new=plain(option.label)))
            continue
        if plain(previous.label) != plain(option.label):
            changes.append(
                Change(
                    ChangeKind.OPTION_RELABELLED, option.path, name, old=plain(previous.label), new=plain(option.label)
                )
            )
        if properties := property_changes(previous, option, ("color",)):
            changes.append(Change(ChangeKind.OPTION_CHANGED, option.path, name, properties=properties))
    return changes
