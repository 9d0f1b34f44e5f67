"""Ids: no reserved SQL words, no system field names, no duplicates within a collection."""

from __future__ import annotations

from collections.abc import Iterator

from builder.identifiers import (
    RESERVED_ENTITY_IDS,
    RESERVED_FIELD_IDS,
    RESERVED_WORDS,
    SYSTEM_FIELD_IDS,
    is_reserved_word,
)
from builder.model.fields import ChoiceOption
from builder.model.views import DashboardView, TableView
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext


def check_identifiers(context: CheckContext) -> Iterator[Problem]:
    """Every id problem the schema cannot express."""
    app = context.app
    collections = [(items, [item.id for item in items]) for items in _collections(context)]
    for items, ids in collections:
        yield from _reserved_words(items, ids)
    if is_reserved_word(app.id):
        yield make_problem("id.reserved_word", "/id", id=app.id)
    for entity in app.entities:
        if entity.id in RESERVED_ENTITY_IDS:
            yield make_problem("id.reserved_route", child(entity.path, "id"), id=entity.id)
        for field in entity.fields:
            if field.id in SYSTEM_FIELD_IDS:
                yield make_problem("id.reserved_system_field", child(field.path, "id"), id=field.id)
            elif field.id in RESERVED_FIELD_IDS:
                yield make_problem("id.reserved_parameter", child(field.path, "id"), id=field.id)
    for items, ids in collections:
        if len(set(ids)) < len(ids):
            yield from _duplicate_ids(items)


def _reserved_words(items, ids: list[str]) -> Iterator[Problem]:
    """A problem for each item named with a reserved word (`ids`: the items' ids, in order)."""
    if RESERVED_WORDS.isdisjoint(ids):  # the usual case, decided without a call per item
        return
    for item in items:
        if is_reserved_word(item.id) and not isinstance(item, ChoiceOption):  # option ids are values, not names
            yield make_problem("id.reserved_word", child(item.path, "id"), id=item.id)


def _duplicate_ids(items) -> Iterator[Problem]:
    """A problem for each item whose id an earlier item of the same collection already uses."""
    first_seen: dict[str, str] = {}
    for item in items:
        if item.id in first_seen:
            yield make_problem("id.duplicate", child(item.path, "id"), id=item.id, first=first_seen[item.id])
        else:
            first_seen[item.id] = item.path


def _collections(context: CheckContext):
    """Each collection within which ids must be unique."""
    app = context.app
    yield app.roles
    yield app.entities
    for entity in app.entities:
        yield entity.fields
        for field in entity.fields:
            yield field.options
    yield app.forms
    for form in app.forms:
        yield form.sections
    yield app.views
    for view in app.views:
        if isinstance(view, TableView):
            yield view.saved_filters
        if isinstance(view, DashboardView):
            yield view.widgets
    yield app.workflows
    for flow in app.workflows:
        yield flow.nodes
        yield flow.edges
    yield app.rules
    yield app.definitions
