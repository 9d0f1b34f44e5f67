"""Find dependency loops (computed fields, semantic definitions) with networkx."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True, slots=True)
class Cycle:
    """A dependency loop, from its smallest node."""

    nodes: tuple[str, ...]

    @property
    def first(self) -> str:
        """The node the loop starts at (where it is reported)."""
        return self.nodes[0]

    @property
    def text(self) -> str:
        """The loop written out for a message: 'a → b → a'."""
        return " → ".join([*self.nodes, self.nodes[0]])


def cycles_of(graph: nx.DiGraph) -> list[Cycle]:
    """One cycle per strongly connected component that has one, each starting at its smallest node.

    >>> graph = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "c"), ("d", "a")])
    >>> [cycle.text for cycle in cycles_of(graph)]
    ['a → b → a', 'c → c']
    """
    cycles = []
    for component in nx.strongly_connected_components(graph):
        members = sorted(component)
        if len(members) > 1 or graph.has_edge(members[0], members[0]):
            cycle = nx.find_cycle(graph.subgraph(members), source=members[0])
            cycles.append(Cycle(tuple(edge[0] for edge in cycle)))
    return sorted(cycles, key=lambda cycle: cycle.nodes)
