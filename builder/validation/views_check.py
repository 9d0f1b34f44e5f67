"""Views and dashboard widgets: fields exist and have types the view can use."""

from __future__ import annotations

from collections.abc import Iterator

from builder.model.entities import Entity
from builder.model.fields import UNSORTABLE_TYPES, Field, FieldType
from builder.model.views import (
    CalendarView,
    DashboardView,
    DetailView,
    KanbanView,
    SortKey,
    TableView,
    Widget,
)
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext
from builder.validation.shared_checks import check_aggregate, check_reference_to, check_temporal

GROUPABLE = frozenset(
    {
        FieldType.TEXT,
        FieldType.EMAIL,
        FieldType.PHONE,
        FieldType.URL,
        FieldType.INTEGER,
        FieldType.RATING,
        FieldType.BOOLEAN,
        FieldType.DATE,
        FieldType.DATETIME,
        FieldType.CHOICE,
        FieldType.USER,
        FieldType.REF,
    }
)


def check_views(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the views."""
    for view in context.app.views:
        if isinstance(view, DashboardView):
            for widget in view.widgets:
                yield from _check_widget(context, widget)
            continue
        entity, problems = context.entity_at(view.entity, child(view.path, "entity"))
        yield from problems
        if entity is None:
            continue
        if isinstance(view, TableView):
            yield from _fields(context, entity, view.columns, child(view.path, "columns"))
            yield from _sort(context, entity, view.sort)
            yield from context.condition(view.filter, entity)
            for saved in view.saved_filters:
                yield from context.condition(saved.condition, entity)
        elif isinstance(view, KanbanView):
            yield from _kanban(context, entity, view)
        elif isinstance(view, CalendarView):
            yield from check_temporal(context, entity, view.date_field, child(view.path, "date_field"))
            if view.end_field is not None:
                yield from check_temporal(context, entity, view.end_field, child(view.path, "end_field"))
            yield from context.condition(view.filter, entity)
        elif isinstance(view, DetailView):
            yield from _fields(context, entity, view.fields, child(view.path, "fields"))
            yield from _related(context, entity, view)


def _kanban(context: CheckContext, entity: Entity, view: KanbanView) -> Iterator[Problem]:
    lane, problems = context.field_at(entity, view.group_by, child(view.path, "group_by"))
    yield from problems
    if lane is not None and lane.type is not FieldType.CHOICE:
        yield make_problem("view.kanban_field_type", child(view.path, "group_by"), field=lane.id, type=str(lane.type))
    yield from _fields(context, entity, view.card_fields, child(view.path, "card_fields"))
    yield from _sort(context, entity, view.sort)
    yield from context.condition(view.filter, entity)


def _related(context: CheckContext, entity: Entity, view: DetailView) -> Iterator[Problem]:
    for related in view.related:
        other, problems = context.entity_at(related.entity, child(related.path, "entity"))
        yield from problems
        if other is None:
            continue
        yield from check_reference_to(context, other, related.via, entity.id, child(related.path, "via"))
        yield from _fields(context, other, related.columns, child(related.path, "columns"))


def _check_widget(context: CheckContext, widget: Widget) -> Iterator[Problem]:
    entity, problems = context.entity_at(widget.entity, child(widget.path, "entity"))
    yield from problems
    if entity is None:
        return
    yield from context.condition(widget.filter, entity)
    if widget.aggregate is not None:
        yield from check_aggregate(
            context, entity, widget.aggregate.function, widget.aggregate.field, child(widget.aggregate.path, "field")
        )
    if widget.group_by is not None:
        yield from _group_by(context, entity, widget)
    if widget.compare is not None:
        yield from check_temporal(context, entity, widget.compare.date_field, child(widget.compare.path, "date_field"))
    yield from _fields(context, entity, widget.columns, child(widget.path, "columns"))
    yield from _sort(context, entity, widget.sort)


def _group_by(context: CheckContext, entity: Entity, widget: Widget) -> Iterator[Problem]:
    group_by = widget.group_by
    path = child(group_by.path, "field")
    field, problems = context.field_at(entity, group_by.field, path)
    yield from problems
    if field is None:
        return
    if group_by.bucket is not None and not field.is_temporal:
        yield make_problem("view.bucket_type", child(group_by.path, "bucket"), field=field.id, type=str(field.type))
    elif field.type not in GROUPABLE:
        yield make_problem("view.group_by_type", path, field=field.id, type=str(field.type))
    elif field.type is FieldType.DATETIME and group_by.bucket is None:
        yield make_problem("view.bucket_required", path, field=field.id)


def _fields(context: CheckContext, entity: Entity, field_ids: tuple[str, ...], path: str) -> Iterator[Problem]:
    for index, field_id in enumerate(field_ids):
        _field, problems = context.field_at(entity, field_id, child(path, index))
        yield from problems


def _sort(context: CheckContext, entity: Entity, keys: tuple[SortKey, ...]) -> Iterator[Problem]:
    for key in keys:
        field: Field | None
        field, problems = context.field_at(entity, key.field, child(key.path, "field"))
        yield from problems
        if field is not None and field.type in UNSORTABLE_TYPES:
            yield make_problem("view.sort_type", child(key.path, "field"), field=field.id, type=str(field.type))
