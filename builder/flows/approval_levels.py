"""Warn when a larger amount passes fewer approval levels than a smaller one."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from builder.flows.branch_analysis import BranchAnalysis
from builder.flows.coverage import describe, merge_segments
from builder.flows.graph import FlowGraph
from builder.flows.value_cells import NumericDimension
from builder.model.workflows import Edge, EdgeOutcome, NodeKind
from builder.problems import Problem, make_problem


def approval_levels(flow: FlowGraph) -> dict[str, int]:
    """For each node, the fewest approval nodes on a path from it to an approving end (rejections not taken)."""
    # A 0-1 breadth-first search backwards from the approving ends: stepping back over an edge
    # costs 1 when its source is an approval node, else 0.
    levels: dict[str, int] = {}
    queue = deque((end, 0) for end in flow.approved_ends())
    reject, approval = EdgeOutcome.REJECT, NodeKind.APPROVAL  # looked up once: enum members are slow to reach
    while queue:
        node_id, cost = queue.popleft()
        if node_id in levels:
            continue
        levels[node_id] = cost
        for edge in flow.incoming.get(node_id, ()):
            if edge.outcome is reject or edge.source in levels:
                continue
            if flow.nodes[edge.source].kind is approval:
                queue.append((edge.source, cost + 1))
            else:
                queue.appendleft((edge.source, cost))
    return levels


def level_order_problems(
    analysis: BranchAnalysis, default_edges: list[Edge], levels: dict[str, int]
) -> Iterator[Problem]:
    """For a branch on one numeric field: a higher range must not get fewer approval levels."""
    dimension = analysis.primary
    if len(analysis.dimensions) != 1 or dimension is None:
        return
    if len({levels.get(edge.target) for edge in (*analysis.edges, *default_edges)}) < 2:
        return
    regions = [(edge, mask & dimension.numbers) for edge, mask in zip(analysis.edges, analysis.masks, strict=True)]
    regions += [(edge, dimension.numbers & ~analysis.covered()) for edge in default_edges]
    if not _may_be_out_of_order(regions, levels):
        return
    ranked = sorted(
        (
            (extent, mask, levels[edge.target], edge)
            for edge, mask in regions
            if edge.target in levels and (extent := dimension.value_extent(mask)) is not None
        ),
        key=lambda item: item[0][0],
    )
    for (lowest, _highest), mask, count, edge in ranked:
        # Compare with every range wholly below this one: a range spanning both sides must not hide the others.
        below = [item for item in ranked if item[0][1] < lowest and item[2] > count]
        if below:
            _extent, smaller_mask, smaller_levels, _edge = max(below, key=lambda item: item[2])
            yield make_problem(
                "flow.fewer_levels",
                edge.path,
                larger=_describe_mask(dimension, mask),
                larger_levels=count,
                smaller=_describe_mask(dimension, smaller_mask),
                smaller_levels=smaller_levels,
            )


def _may_be_out_of_order(regions: list[tuple[Edge, int]], levels: dict[str, int]) -> bool:
    """Whether some range could lie wholly below one with fewer levels, judging by cell positions alone."""
    # A range lies wholly below another only if its lowest cell is below the other's highest one;
    # ruling that out spares working out which cells hold values.
    spans = [
        ((mask & -mask).bit_length() - 1, mask.bit_length() - 1, levels[edge.target])
        for edge, mask in regions
        if mask and edge.target in levels
    ]
    return any(
        low < other_high and count > other_count for low, _, count in spans for _, other_high, other_count in spans
    )


def _describe_mask(dimension: NumericDimension, mask: int) -> str:
    cells = [dimension.cell(position) for position in range(mask.bit_length()) if mask >> position & 1]
    return describe(dimension.field.id, merge_segments([cell for cell in cells if cell], dimension.step))
