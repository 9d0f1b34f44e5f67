"""The cells of a branch node and, per conditional edge, the set of cells it takes."""

# The fields the conditions of a branch compare become dimensions (see `value_cells`); a
# combination of one cell per field is a cell of the product. Each edge's condition becomes a bit
# mask over the product (bit i set: the edge is taken in cell i), so union, overlap and gaps are
# integer operations. A differential test checks the masks against the compiled predicates.

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from builder.conditions import literals as lit
from builder.conditions.ast import VALUELESS_OPERATORS, ConditionRule, Operator
from builder.conditions.fold import Algebra, DefinitionLookup, UnresolvedDefinition, expanded_rules, fold_condition
from builder.flows.value_cells import (
    Cell,
    Dimension,
    FiniteDimension,
    NotAnalysable,
    NumericDimension,
    named_value_cells,
)
from builder.formulas import FormulaError, parse_formula
from builder.messages import FIELD_TYPE_NAMES_ZH
from builder.model.entities import Entity
from builder.model.fields import Field, FieldType
from builder.model.workflows import Edge

MAX_CELLS = 20000
_UNPROVABLE_OPERATORS = frozenset({Operator.CONTAINS, Operator.BEGINS_WITH, Operator.WITHIN_LAST, Operator.OLDER_THAN})

__all__ = ["BranchAnalysis", "NotAnalysable", "Unprovable", "analyse_branch"]


class Unprovable(Exception):
    """Coverage cannot be decided by this analysis; `reason` and `reason_zh` say why."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh


@dataclass
class BranchAnalysis:
    """The dimensions of a branch node and the mask of product cells each conditional edge takes."""

    edges: list[Edge]
    dimensions: list[Dimension]
    masks: list[int]
    total: int  # the number of cells of the product

    @property
    def primary(self) -> NumericDimension | None:
        """The numeric field ranges are merged along (the last, fastest-varying dimension), if any."""
        last = self.dimensions[-1] if self.dimensions else None
        return last if isinstance(last, NumericDimension) else None

    @property
    def everything(self) -> int:
        """The mask of all cells."""
        return (1 << self.total) - 1

    def covered(self) -> int:
        """Cells some edge takes."""
        mask = 0
        for edge_mask in self.masks:
            mask |= edge_mask
        return mask

    def overlapping(self) -> int:
        """Cells more than one edge takes."""
        seen = twice = 0
        for edge_mask in self.masks:
            twice |= seen & edge_mask
            seen |= edge_mask
        return twice

    def cells_at(self, index: int) -> tuple[Cell | None, ...]:
        """The cell of each dimension that product cell `index` combines (None: holds no value)."""
        cells = []
        for dimension in reversed(self.dimensions):
            index, position = divmod(index, dimension.size)
            cells.append(dimension.cell(position))
        return tuple(reversed(cells))

    def matching(self, index: int) -> tuple[int, ...]:
        """Indexes of the edges taken in product cell `index`."""
        return tuple(number for number, mask in enumerate(self.masks) if mask >> index & 1)


def analyse_branch(conditional: Sequence[Edge], entity: Entity, definitions: DefinitionLookup) -> BranchAnalysis:
    """Build the dimensions and masks for the conditional edges of a branch node (each has a condition)."""
    rules_by_field: dict[str, list[ConditionRule]] = {}
    try:
        for edge in conditional:
            for rule in expanded_rules(edge.condition, definitions):
                rules_by_field.setdefault(rule.field, []).append(rule)
    except UnresolvedDefinition as unresolved:
        raise NotAnalysable(str(unresolved)) from None
    dimensions = [_dimension(entity, field_id, rules) for field_id, rules in rules_by_field.items()]
    numeric = [dimension for dimension in dimensions if dimension.numeric]
    if numeric:  # the first numeric field becomes the last, fastest-varying dimension
        dimensions.remove(numeric[0])
        dimensions.append(numeric[0])
    total = math.prod(dimension.size for dimension in dimensions)
    if total > MAX_CELLS:
        raise Unprovable("too many combinations of values", "取值组合过多")
    algebra = _mask_algebra(total)
    # One dimension: its masks are already masks over the product, with nothing to lift.
    leaf = dimensions[0].rule_mask if len(dimensions) == 1 else _Lifter(dimensions, total).rule_mask
    masks = [fold_condition(edge.condition, leaf, algebra, definitions) for edge in conditional]
    return BranchAnalysis(edges=list(conditional), dimensions=dimensions, masks=masks, total=total)


def _mask_algebra(total: int) -> Algebra[int]:
    """Sets of the `total` product cells as bit masks."""
    everything = (1 << total) - 1
    return Algebra(
        everything=everything, nothing=0, meet=int.__and__, join=int.__or__, complement=lambda mask: everything & ~mask
    )


class _Lifter:
    """Turns a mask over one dimension's cells into a mask over the product."""

    def __init__(self, dimensions: list[Dimension], total: int) -> None:
        self.index = {dimension.field.id: position for position, dimension in enumerate(dimensions)}
        self.dimensions = dimensions
        self.total = total

    def rule_mask(self, rule: ConditionRule) -> int:
        """The product cells where a comparison holds."""
        return self.lift(rule.field, self.dimensions[self.index[rule.field]].rule_mask(rule))

    def lift(self, field_id: str, mask: int) -> int:
        if len(self.dimensions) == 1:
            return mask
        position = self.index[field_id]
        dimension = self.dimensions[position]
        stride = math.prod(other.size for other in self.dimensions[position + 1 :])
        repeats = self.total // (stride * dimension.size)
        block = (1 << stride) - 1
        expanded = 0
        for cell in range(dimension.size):
            if mask >> cell & 1:
                expanded |= block << (cell * stride)
        width = stride * dimension.size
        return expanded * (((1 << (width * repeats)) - 1) // ((1 << width) - 1))


def _dimension(entity: Entity, field_id: str, rules: list[ConditionRule]) -> Dimension:
    field = entity.field(field_id)
    if field is None:
        raise NotAnalysable(field_id)
    constants: set = set()
    for rule in rules:
        if rule.operator in _UNPROVABLE_OPERATORS:
            raise Unprovable(
                f"'{field_id}' is compared with {rule.operator}", f"字段“{field_id}”使用了 {rule.operator} 比较"
            )
        if rule.operator not in VALUELESS_OPERATORS:
            for value in rule.value if isinstance(rule.value, list) else (rule.value,):
                if not isinstance(value, (dict, list)):
                    constants.add(value)
    kind = lit.value_kind(field)
    nullable = _nullable(entity, field)
    try:
        if kind is lit.NUMBER:
            numbers = {value: Decimal(lit.to_number(value)) for value in constants}
            return NumericDimension(field, sorted(set(numbers.values())), nullable, numbers)
        if kind is lit.OPTION:
            cells = [Cell(option, text=f"{field_id} = {option}") for option in field.option_ids]
        elif kind is lit.BOOLEAN:
            cells = [Cell(flag, text=f"{field_id} = {str(flag).lower()}") for flag in (True, False)]
        elif kind in (lit.TEXT, lit.USER, lit.RECORD):
            cells = named_value_cells(field_id, constants, kind)
        else:
            zh_type = FIELD_TYPE_NAMES_ZH[str(field.type)]
            raise Unprovable(f"'{field_id}' is a {field.type} field", f"字段“{field_id}”是{zh_type}字段")
    except (lit.LiteralError, TypeError):
        raise NotAnalysable(field_id) from None
    return FiniteDimension(field, cells, nullable)


def _nullable(entity: Entity, field: Field, seen: frozenset[str] = frozenset()) -> bool:
    """Whether the field can be empty: optional, or computed from what can be (or through a loop)."""
    if field.system:
        return False  # the runtime always fills system columns
    if field.type is not FieldType.COMPUTED:
        return not field.required
    if field.id in seen:
        return True  # a formula cycle, reported by the formula checks
    try:
        formula = parse_formula(field.formula or "")
    except FormulaError:
        return True
    inputs = [entity.own_field(used) for used in formula.fields]
    return formula.divides or any(used is None or _nullable(entity, used, seen | {field.id}) for used in inputs)
