"""A workflow as a networkx graph, with its edges grouped by source node."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from builder.model.common import first_by_id
from builder.model.workflows import AnyNode, Edge, EndOutcome, NodeKind, Workflow


@dataclass
class FlowGraph:
    """The nodes, the edges whose ends exist (by source and by target), and the networkx graph they form."""

    workflow: Workflow
    nodes: dict[str, AnyNode]
    outgoing: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    dangling: list[Edge] = field(default_factory=list)  # edges with a missing end, in document order
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)

    @classmethod
    def of(cls, workflow: Workflow) -> FlowGraph:
        """Build the graph of a workflow (edges with a missing end are left out)."""
        nodes: dict[str, AnyNode] = first_by_id(workflow.nodes)
        built = cls(workflow=workflow, nodes=nodes)
        outgoing, incoming = built.outgoing, built.incoming
        ends = []
        for edge in workflow.edges:
            source, target = edge.source, edge.target
            if source in nodes and target in nodes:
                outgoing[source].append(edge)
                incoming[target].append(edge)
                ends.append((source, target))
            else:
                built.dangling.append(edge)
        built.graph.add_nodes_from(nodes)
        built.graph.add_edges_from(ends)
        return built

    def of_kind(self, kind: NodeKind) -> list[AnyNode]:
        """The nodes of one kind, in document order."""
        return [node for node in self.nodes.values() if node.kind is kind]

    def approved_ends(self) -> list[str]:
        """Ids of the end nodes that approve the record."""
        return [node.id for node in self.of_kind(NodeKind.END) if node.outcome is EndOutcome.APPROVED]
