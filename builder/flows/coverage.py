"""Branch coverage: the conditions leaving a branch node must cover every case and overlap nowhere."""

# Gaps (when there is no default edge) and overlaps are found as bit masks over the cells of
# `branch_analysis`, merged into ranges of the first numeric field and reported with an example.

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from builder.conditions.intervals import Interval, IntervalSet
from builder.exact_numbers import format_number
from builder.flows.branch_analysis import BranchAnalysis
from builder.flows.value_cells import Cell
from builder.problems import Problem, make_problem

MAX_REPORTS = 10


def coverage_problems(
    analysis: BranchAnalysis, node_id: str, node_path: str, *, has_default: bool
) -> Iterator[Problem]:
    """Gaps (unless a default edge takes them) and overlaps, as problems on the nearest edge."""
    gaps = 0 if has_default else analysis.everything & ~analysis.covered()
    overlaps = analysis.overlapping()
    if not gaps and not overlaps:
        return
    width = analysis.primary.size if analysis.primary is not None else 1
    block = (1 << width) - 1
    reported = {"gap": 0, "overlap": 0}
    for base in range(0, analysis.total, width):
        gap_bits, overlap_bits = (gaps >> base) & block, (overlaps >> base) & block
        if not gap_bits and not overlap_bits:
            continue
        outer = analysis.cells_at(base)[: len(analysis.dimensions) - (1 if analysis.primary is not None else 0)]
        if any(cell is None for cell in outer):
            continue
        report = _Block(analysis, base, width, outer)
        for kind, positions in report.runs(gap_bits, overlap_bits):
            if reported[kind] < MAX_REPORTS:
                reported[kind] += 1
                yield report.gap(node_id, node_path, positions) if kind == "gap" else report.overlap(node_id, positions)


class _Block:
    """The cells of the primary field for one combination of the other fields."""

    def __init__(self, analysis: BranchAnalysis, base: int, width: int, outer: tuple[Cell, ...]) -> None:
        self.analysis = analysis
        self.base = base
        self.width = width
        self.outer = outer
        self.primary = analysis.primary

    def _holds_values(self, position: int) -> bool:
        return self.primary is None or self.primary.holds_value(position)

    def runs(self, gap_bits: int, overlap_bits: int) -> Iterator[tuple[str, list[int]]]:
        """Runs of positions with the same status (gap, or the same overlapping edges)."""
        # Cells that hold no value are skipped; the empty-field cell always stands alone.
        null_index = self.primary.null_index if self.primary is not None else None
        current: tuple | None = None
        positions: list[int] = []
        for position in range(self.width):
            if not self._holds_values(position):
                continue
            if gap_bits >> position & 1:
                status: tuple | None = ("gap",)
            elif overlap_bits >> position & 1:
                status = ("overlap", self.analysis.matching(self.base + position))
            else:
                status = None
            if status != current or position == null_index:
                if current is not None:
                    yield current[0], positions
                current, positions = status, []
            positions.append(position)
        if current is not None:
            yield current[0], positions

    def gap(self, node_id: str, node_path: str, positions: list[int]) -> Problem:
        where, example, record = self._where(positions)
        path = node_path
        if self.primary is not None and positions[0] != self.primary.null_index:
            for position in self._neighbours(positions):
                taken = self.analysis.matching(self.base + position)
                if taken:
                    path = self.analysis.edges[taken[0]].path
                    break
        return make_problem("flow.branch_gap", path, node=node_id, range=where, example=example, values=record)

    def overlap(self, node_id: str, positions: list[int]) -> Problem:
        where, example, record = self._where(positions)
        taken = [self.analysis.edges[index] for index in self.analysis.matching(self.base + positions[0])]
        return make_problem(
            "flow.branch_overlap",
            taken[-1].path,
            node=node_id,
            range=where,
            example=example,
            edges=", ".join(edge.id for edge in taken),
            values=record,
        )

    def _neighbours(self, positions: list[int]) -> Iterator[int]:
        """The nearest numeric cells holding values after, then before, a run."""
        null_index, holds_value = self.primary.null_index, self.primary.holds_value
        after = next((p for p in range(positions[-1] + 1, self.width) if p != null_index and holds_value(p)), None)
        before = next((p for p in range(positions[0] - 1, -1, -1) if holds_value(p)), None)
        yield from (position for position in (after, before) if position is not None)

    def _where(self, positions: list[int]) -> tuple[str, str, dict[str, Any]]:
        """The range text, an example and the example as a record."""
        outer = zip(self.analysis.dimensions, self.outer, strict=False)
        shown = [(dimension, [cell], None) for dimension, cell in outer]  # one cell each: no step to join on
        if self.primary is not None:
            cells = [self.primary.cell(position) for position in positions]
            shown.insert(0, (self.primary, cells, self.primary.step))
        ranges, examples, record = [], [], {}
        for dimension, cells, step in shown:
            field_id, example = dimension.field.id, cells[0]
            if example.segment is None:
                ranges.append(example.text)
                examples.append(example.text)
            else:
                ranges.append(describe(field_id, merge_segments(cells, step)))
                examples.append(f"{field_id} = {format_number(example.value)}")
            record[field_id] = example.value
        return ", ".join(ranges), ", ".join(examples), record


def merge_segments(cells: list[Cell], step: Fraction | None) -> IntervalSet:
    """The union of the cells' ranges, with neighbours on the field's step joined."""
    merged = IntervalSet.of(cell.segment for cell in cells if cell.segment is not None)
    return merged.joined_on_lattice(step) if step is not None else merged


def describe(field_id: str, values: IntervalSet) -> str:
    """Ranges in plain notation: 'amount = 50000', '50000 <= amount < 500000', 'amount > 0'."""
    return "; ".join(_describe_interval(field_id, interval) for interval in values.intervals)


def _describe_interval(field_id: str, interval: Interval) -> str:
    if interval.is_point:
        return f"{field_id} = {format_number(interval.low)}"
    low = None if interval.low is None else format_number(interval.low)
    high = None if interval.high is None else format_number(interval.high)
    high_sign = "<=" if interval.high_closed else "<"
    if low is None and high is None:
        return f"{field_id} = *"
    if low is None:
        return f"{field_id} {high_sign} {high}"
    if high is None:
        return f"{field_id} {'>=' if interval.low_closed else '>'} {low}"
    return f"{low} {'<=' if interval.low_closed else '<'} {field_id} {high_sign} {high}"
