"""Everything a request has produced so far, and which sentence produced what (for the report)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from builder.schema_import.naming import IdAllocator
from voice_intake.drafting.draft_fields import DraftEntity, Origin, mentions
from voice_intake.drafting.draft_parts import (
    CalendarView,
    ChartWidget,
    DraftPermission,
    DraftRole,
    DraftRule,
    DraftWorkflow,
    KanbanView,
)
from voice_intake.drafting.naming import element_ids, entity_ids, name_of
from voice_intake.drafting.texts import Text


class ElementKind(StrEnum):
    """The kinds of element a sentence can produce."""

    APP = "app"
    ENTITY = "entity"
    FIELD = "field"
    OPTIONS = "options"
    REQUIRED = "required"
    VISIBILITY = "visibility"
    WORKFLOW = "workflow"
    RULE = "rule"
    VIEW = "view"
    WIDGET = "widget"
    PERMISSION = "permission"


@dataclass(frozen=True, slots=True)
class Produced:
    """One element of the draft and the sentence it came from (None: added so the app works)."""

    kind: ElementKind
    key: str  # entity id, "entity.field", view/rule/workflow/widget id, "role@entity"
    summary: Text
    sentence: int | None


@dataclass(slots=True)
class DraftState:
    """The draft being built: typed parts, plus the record of what each sentence produced."""

    language: str
    app_label: Text | None = None
    app_words: str = ""
    entities: list[DraftEntity] = field(default_factory=list)
    workflows: list[DraftWorkflow] = field(default_factory=list)
    rules: list[DraftRule] = field(default_factory=list)
    kanbans: list[KanbanView] = field(default_factory=list)
    calendars: list[CalendarView] = field(default_factory=list)
    widgets: list[ChartWidget] = field(default_factory=list)
    permissions: list[DraftPermission] = field(default_factory=list)
    roles: dict[str, DraftRole] = field(default_factory=dict)
    produced: list[Produced] = field(default_factory=list)
    notes: list[tuple[int | None, Text]] = field(default_factory=list)
    main_entity_id: str | None = None
    entity_ids: IdAllocator = field(default_factory=entity_ids)
    view_ids: IdAllocator = field(default_factory=lambda: element_ids("view"))
    rule_ids: IdAllocator = field(default_factory=lambda: element_ids("rule"))
    workflow_ids: IdAllocator = field(default_factory=lambda: element_ids("workflow"))

    def record(self, kind: ElementKind, key: str, summary: Text, sentence: int | None) -> None:
        """Note that a sentence produced an element."""
        self.produced.append(Produced(kind, key, summary, sentence))

    def note(self, sentence: int | None, text: Text) -> None:
        """Tell the reviewer something assumed or left out while reading a sentence."""
        self.notes.append((sentence, text))

    def entity(self, entity_id: str) -> DraftEntity | None:
        """The entity with this id."""
        return next((entity for entity in self.entities if entity.id == entity_id), None)

    def find_entity(self, text: str) -> DraftEntity | None:
        """The entity the text names (the longest label found), if any."""
        scored = [(mentions(text, entity.label), index, entity) for index, entity in enumerate(self.entities)]
        scored = [entry for entry in scored if entry[0] > 0]
        return max(scored, key=lambda entry: (entry[0], -entry[1]))[2] if scored else None

    def main_entity(self) -> DraftEntity | None:
        """The entity the app is about: the one its purpose names, else the first."""
        return self.entity(self.main_entity_id) if self.main_entity_id else next(iter(self.entities), None)

    def entity_for(self, text: str, sentence: int | None) -> DraftEntity:
        """The entity a sentence is about: named, else the one whose fields or options it names, else the main one.

        A new one is created when there is none yet.
        """
        found = self.find_entity(text) or self._entity_by_contents(text) or self.main_entity()
        if found is None:
            found = self.add_entity("记录" if self.language == "zh" else "record", sentence, Origin.IMPLIED)
        return found

    def _entity_by_contents(self, text: str) -> DraftEntity | None:
        """The entity with most fields and options named in the text ('谈判阶段…' is about the one with that stage)."""
        scores = []
        for index, entity in enumerate(self.entities):
            labels = [f.label for f in entity.fields] + [o.label for f in entity.fields for o in f.options]
            score = sum(mentions(text, label) for label in labels if len(label.get(self.language)) > 1)
            if score:
                scores.append((score, -index, entity))
        return max(scores, key=lambda entry: entry[:2])[2] if scores else None

    def add_entity(self, phrase: str, sentence: int | None, origin: Origin = Origin.REQUEST) -> DraftEntity:
        """The entity named by a phrase: the existing one with that label, or a new one."""
        name = name_of(phrase, self.language, singular_form=True)
        existing = next(
            (entity for entity in self.entities if entity.label.get(self.language) == name.label.get(self.language)),
            None,
        )
        if existing is not None:
            return existing
        entity = DraftEntity(self.entity_ids.allocate(name.id_words), name.label, origin)
        self.entities.append(entity)
        summary = Text.both(f"实体 {entity.label.get('zh')}", f"entity {entity.label.get('en')}")
        self.record(ElementKind.ENTITY, entity.id, summary, sentence)
        return entity

    def add_role(self, role_id: str, label: Text) -> str:
        """Declare a role (once) and return its id."""
        self.roles.setdefault(role_id, DraftRole(role_id, label))
        return role_id

    def permission(self, role: str, entity: str) -> DraftPermission:
        """The permission of a role on an entity, created empty on first use."""
        for grant in self.permissions:
            if grant.role == role and grant.entity == entity:
                return grant
        grant = DraftPermission(role, entity)
        self.permissions.append(grant)
        return grant
