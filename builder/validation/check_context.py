"""What every semantic check needs: the built model, what could not be built, and the org chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

from builder.conditions.ast import ConditionGroup
from builder.conditions.typecheck import check_condition
from builder.model.app import AppDefinition
from builder.model.entities import Entity
from builder.model.fields import Field
from builder.model.parse import BuiltDefinition
from builder.problems import Problem, make_problem


@dataclass(frozen=True, slots=True)
class OrgDirectory:
    """The org chart the validator may check names against (absent in pure validation)."""

    users: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    users_without_supervisor: frozenset[str] = frozenset()


class CheckContext:
    """Lookups shared by the semantic checks."""

    def __init__(self, built: BuiltDefinition, directory: OrgDirectory | None) -> None:
        self.built = built
        self.app: AppDefinition = built.model
        self.directory = directory
        zone = _zone(self.app.timezone)
        self.timezone_known = zone is not None
        self.timezone: tzinfo = zone or UTC  # an unknown zone is reported once; checks go on in UTC

    def is_broken(self, *name: str) -> bool:
        """Whether a named part exists but could not be built (already reported by the schema layer)."""
        return self.built.is_broken(*name)

    def entity_at(self, entity_id: str, path: str) -> tuple[Entity | None, list[Problem]]:
        """The entity named at `path`, or a problem when there is none."""
        entity = self.app.entity(entity_id)
        if entity is None:
            return None, [make_problem("ref.unknown_entity", path, entity=entity_id)]
        return entity, []

    def field_at(
        self, entity: Entity, field_id: str, path: str, *, own: bool = False
    ) -> tuple[Field | None, list[Problem]]:
        """A field of `entity` named at `path`, or a problem when there is none."""
        found = entity.own_field(field_id) if own else entity.field(field_id)
        if found is None and not self.is_broken("field", entity.id, field_id):
            return None, [make_problem("ref.unknown_field", path, field=field_id, entity=entity.id)]
        return found, []

    def condition(self, condition: ConditionGroup | None, entity: Entity | None) -> list[Problem]:
        """The problems of a condition on records of `entity` (nothing when either is missing)."""
        if condition is None or entity is None:
            return []
        return check_condition(condition, entity, self.app.definition, self.timezone, self.is_broken)


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None
