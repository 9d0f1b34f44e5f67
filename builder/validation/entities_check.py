"""Entities and fields: targets of refs, options, bounds, defaults, titles and computed formulas."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from builder.field_values import value_problem
from builder.formulas import FormulaError, parse_formula
from builder.model.entities import Entity
from builder.model.fields import Field, FieldType, Visibility
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext
from builder.validation.cycles import cycles_of


def check_entities(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the entities and their fields."""
    if not context.timezone_known:
        yield make_problem("app.unknown_timezone", "/timezone", timezone=context.app.timezone)
    for entity in context.app.entities:
        yield from _check_title(context, entity)
        for field in entity.fields:
            yield from _check_field(context, field)
        yield from _check_formulas(context, entity)


def _check_title(context: CheckContext, entity: Entity) -> Iterator[Problem]:
    if entity.title_field is None:
        return
    path = child(entity.path, "title_field")
    field, problems = context.field_at(entity, entity.title_field, path, own=True)
    yield from problems
    if field is not None and (not field.is_textual or field.type is FieldType.LONGTEXT):
        yield make_problem("entity.title_field_type", path, field=field.id, type=str(field.type))


def _check_field(context: CheckContext, field: Field) -> Iterator[Problem]:
    target = field.target_entity
    if field.type is FieldType.REF and target is not None and context.app.entity(target) is None:
        yield make_problem("ref.unknown_entity", child(field.path, "entity"), entity=target)
    if field.min is not None and field.max is not None and field.min > field.max:
        yield make_problem("field.bounds", child(field.path, "min"), min=field.min, max=field.max)
    if field.default is not None:
        expected = value_problem(field, field.default, context.timezone)
        if expected is not None:
            yield make_problem(
                "field.default_invalid",
                child(field.path, "default"),
                field=field.id,
                type=str(field.type),
                expected=expected[0],
                expected_zh=expected[1],
            )
    if field.unique and field.default is not None:
        yield make_problem("field.unique_default", child(field.path, "default"), field=field.id)
    if field.required and field.read_only and field.default is None:
        yield make_problem("field.read_only_required", child(field.path, "read_only"), field=field.id)
    if field.owner_may_narrow and field.visibility is Visibility.OWNER:
        yield make_problem("field.narrowing_needs_owner_scope", child(field.path, "owner_may_narrow"), field=field.id)


def _check_formulas(context: CheckContext, entity: Entity) -> Iterator[Problem]:
    """Formulas parse, read only numeric fields of the same record, and have no cycles."""
    dependencies = nx.DiGraph()
    for field in entity.fields:
        if field.type is not FieldType.COMPUTED or field.formula is None:
            continue
        path = child(field.path, "formula")
        try:
            formula = parse_formula(field.formula)
        except FormulaError as error:
            near = field.formula[error.position : error.position + 12] or field.formula[-12:]
            yield make_problem("formula.syntax", path, position=error.position + 1, near=near)
            continue
        dependencies.add_node(field.id)
        for used in sorted(formula.fields):
            source = entity.own_field(used)
            if source is None:
                if entity.field(used) is not None:
                    yield make_problem("formula.system_field", path, field=used)
                elif not context.is_broken("field", entity.id, used):
                    yield make_problem("formula.unknown_field", path, field=used)
            elif not source.is_numeric:
                yield make_problem("formula.not_numeric", path, field=used, type=str(source.type))
            elif source.type is FieldType.COMPUTED:
                dependencies.add_edge(field.id, used)
    for cycle in cycles_of(dependencies):
        yield make_problem("formula.cycle", child(entity.own_field(cycle.first).path, "formula"), cycle=cycle.text)
