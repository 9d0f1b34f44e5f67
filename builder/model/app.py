"""The whole app definition and its smaller parts: roles, forms, definitions, permissions."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from builder.conditions.ast import ConditionGroup
from builder.model.common import Label, first_by_id
from builder.model.entities import Entity
from builder.model.rules import Rule
from builder.model.views import AnyView
from builder.model.workflows import Workflow

FORMAT_VERSION = 1


class Scope(StrEnum):
    """Which records a role may touch for an operation."""

    NONE = "none"
    OWN = "own"
    TEAM = "team"
    DEPARTMENT = "department"
    ALL = "all"


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role users are granted in this app."""

    id: str
    label: Label
    description: Label | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FormSection:
    """A titled block of a form laid out in 1–4 columns."""

    id: str
    fields: tuple[str, ...]
    label: Label | None = None
    columns: int = 1
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Form:
    """The layout of an entity's record form."""

    id: str
    entity: str
    sections: tuple[FormSection, ...]
    label: Label | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SemanticDefinition:
    """A named business condition, e.g. 有效线索 / valid lead."""

    id: str
    label: Label
    entity: str
    condition: ConditionGroup | None
    description: Label | None = None
    path: str = dataclasses.field(default="", compare=False)


OPERATIONS = ("read", "create", "update", "delete")  # what a permission grants a scope for, in this order


@dataclass(frozen=True, slots=True, kw_only=True)
class Permission:
    """What a role may do with an entity's records, by operation."""

    role: str
    entity: str
    read: Scope = Scope.NONE
    create: Scope = Scope.NONE
    update: Scope = Scope.NONE
    delete: Scope = Scope.NONE
    where: ConditionGroup | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AppDefinition:
    """One version of an app, parsed once at the edge."""

    id: str
    label: Label
    entities: tuple[Entity, ...]
    format_version: int = FORMAT_VERSION
    description: Label | None = None
    timezone: str = "UTC"
    default_language: str = "zh"
    roles: tuple[Role, ...] = ()
    forms: tuple[Form, ...] = ()
    views: tuple[AnyView, ...] = ()
    workflows: tuple[Workflow, ...] = ()
    rules: tuple[Rule, ...] = ()
    definitions: tuple[SemanticDefinition, ...] = ()
    permissions: tuple[Permission, ...] = ()
    _entities: Mapping[str, Entity] = dataclasses.field(init=False, repr=False, compare=False)
    _definitions: Mapping[str, SemanticDefinition] = dataclasses.field(init=False, repr=False, compare=False)
    _workflows: Mapping[str, Workflow] = dataclasses.field(init=False, repr=False, compare=False)
    _views: Mapping[str, AnyView] = dataclasses.field(init=False, repr=False, compare=False)
    _role_ids: frozenset[str] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_entities", first_by_id(self.entities))
        object.__setattr__(self, "_definitions", first_by_id(self.definitions))
        object.__setattr__(self, "_workflows", first_by_id(self.workflows))
        object.__setattr__(self, "_views", first_by_id(self.views))
        object.__setattr__(self, "_role_ids", frozenset(role.id for role in self.roles))

    def entity(self, entity_id: str) -> Entity | None:
        """An entity by id."""
        return self._entities.get(entity_id)

    def definition(self, definition_id: str) -> SemanticDefinition | None:
        """A semantic definition by id."""
        return self._definitions.get(definition_id)

    def workflow(self, workflow_id: str) -> Workflow | None:
        """A workflow by id."""
        return self._workflows.get(workflow_id)

    def view(self, view_id: str) -> AnyView | None:
        """A view by id."""
        return self._views.get(view_id)

    @property
    def role_ids(self) -> frozenset[str]:
        """The ids of the app's roles."""
        return self._role_ids
