"""Sample records as rows the condition evaluator reads: generated values, ids, owners and computed fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from builder.conditions.ast import ConditionGroup
from builder.conditions.evaluate import Predicate, compile_predicate
from builder.conditions.parse import parse_condition
from builder.formulas import parse_formula
from builder.model import AppDefinition, Entity, FieldType
from templates_library.sample_data import SampleData, values_by_entity

Rows = Mapping[str, list[dict[str, Any]]]


def sample_rows(model: AppDefinition, data: SampleData) -> Rows:
    """Each entity's generated records with sequential ids and their computed fields, as the database stores them."""
    rows = values_by_entity(data)
    return {entity.id: [with_computed(entity, row) for row in rows.get(entity.id, [])] for entity in model.entities}


def with_computed(entity: Entity, values: dict[str, Any]) -> dict[str, Any]:
    """A row with its computed fields filled in, rounded to their scale (formulas read own, non-computed fields)."""
    row = dict(values)
    for field in entity.fields:
        if field.type is FieldType.COMPUTED:
            value = parse_formula(field.formula).evaluate(values)
            scale = field.effective_scale
            row[field.id] = value if value is None or scale is None else value.quantize(Decimal(1).scaleb(-scale))
    return row


class Conditions:
    """Compiles the conditions of one app against its entities, once each."""

    def __init__(self, model: AppDefinition) -> None:
        self.model = model
        self.timezone: tzinfo = ZoneInfo(model.timezone)

    def predicate(self, condition: ConditionGroup | None, entity_id: str) -> Predicate | None:
        """The compiled condition (None: no condition, every record)."""
        if condition is None:
            return None
        return compile_predicate(condition, self.model.entity(entity_id), self.model.definition, self.timezone)

    def raw(self, raw: dict[str, Any], entity_id: str) -> Predicate:
        """A condition written as JSON, compiled."""
        return self.predicate(parse_condition(raw, ""), entity_id)

    def matching(self, condition: ConditionGroup | None, entity_id: str, rows: list[dict], now) -> list[dict]:
        """The rows the condition holds for at `now`."""
        predicate = self.predicate(condition, entity_id)
        return list(rows) if predicate is None else [row for row in rows if predicate(row, now)]
