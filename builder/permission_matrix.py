"""The permission matrix of a definition, as an IT reviewer reads it: roles × entities × operations, and fields.

>>> from builder import parse_definition
>>> model = parse_definition({
...     "format_version": 1, "id": "leads", "label": "Leads",
...     "roles": [{"id": "rep", "label": "Rep"}],
...     "entities": [{"id": "lead", "label": "Lead", "fields": [{"id": "name", "label": "Name", "type": "text"}]}],
...     "permissions": [{"role": "rep", "entity": "lead", "read": "own", "create": "own"}],
... })
>>> permission_matrix(model)["entities"][0]["grants"][0]["scopes"]
{'read': 'own', 'create': 'own', 'update': 'none', 'delete': 'none'}
"""

from __future__ import annotations

from typing import Any

from builder.diff.describe import condition_text
from builder.diff.values import plain
from builder.model import AppDefinition, Entity
from builder.model.app import OPERATIONS


def permission_matrix(model: AppDefinition) -> dict[str, Any]:
    """Every role's scope per entity and operation (with its `where`), and every field's visibility level."""
    return {
        "operations": list(OPERATIONS),
        "roles": [{"id": role.id, "label": plain(role.label)} for role in model.roles],
        "entities": [_entity_matrix(model, entity) for entity in model.entities],
    }


def _entity_matrix(model: AppDefinition, entity: Entity) -> dict[str, Any]:
    grants = {grant.role: grant for grant in model.permissions if grant.entity == entity.id}
    rows = []
    for role in model.roles:
        grant = grants.get(role.id)
        scopes = {operation: (getattr(grant, operation).value if grant else "none") for operation in OPERATIONS}
        where = plain(grant.where) if grant and grant.where is not None else None
        row: dict[str, Any] = {"role": role.id, "scopes": scopes, "where": where}
        if where is not None:
            row["where_text"] = {"zh": condition_text(where, "zh"), "en": condition_text(where, "en")}
        rows.append(row)
    return {
        "entity": entity.id,
        "label": plain(entity.label),
        "grants": rows,
        "fields": [
            {"field": field.id, "label": plain(field.label), "visibility": field.visibility.value}
            for field in entity.fields
        ],
    }
