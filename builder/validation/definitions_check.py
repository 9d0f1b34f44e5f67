"""Semantic definitions: their entity, their condition, and no definition that uses itself."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from builder.conditions.ast import referenced_definitions
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext
from builder.validation.cycles import cycles_of


def check_definitions(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the named definitions."""
    uses = nx.DiGraph()
    for definition in context.app.definitions:
        entity, problems = context.entity_at(definition.entity, child(definition.path, "entity"))
        yield from problems
        uses.add_node(definition.id)
        if definition.condition is not None:
            uses.add_edges_from((definition.id, used) for used in referenced_definitions(definition.condition))
        yield from context.condition(definition.condition, entity)
    for cycle in cycles_of(uses):
        first = context.app.definition(cycle.first)
        yield make_problem("definition.cycle", child(first.path, "condition"), definition=cycle.first, cycle=cycle.text)
