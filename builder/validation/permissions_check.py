"""Permissions: known roles and entities, one grant per role and entity, sensible scopes."""

from __future__ import annotations

from collections.abc import Iterator

from builder.model.app import Scope
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext


def check_permissions(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the permissions."""
    seen: dict[tuple[str, str], str] = {}
    for grant in context.app.permissions:
        if grant.role not in context.app.role_ids:
            yield make_problem("ref.unknown_role", child(grant.path, "role"), role=grant.role)
        entity, problems = context.entity_at(grant.entity, child(grant.path, "entity"))
        yield from problems
        key = (grant.role, grant.entity)
        if key in seen:
            yield make_problem(
                "permission.duplicate", grant.path, role=grant.role, entity=grant.entity, first=seen[key]
            )
            continue
        seen[key] = grant.path
        if grant.read is Scope.NONE and (grant.update is not Scope.NONE or grant.delete is not Scope.NONE):
            yield make_problem("permission.write_without_read", grant.path, role=grant.role, entity=grant.entity)
        yield from context.condition(grant.where, entity)
