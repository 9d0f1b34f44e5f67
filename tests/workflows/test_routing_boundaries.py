"""Every branch routes exactly as the validator's interval analysis says, at threshold − 1, threshold and + 1."""

from __future__ import annotations

from decimal import Decimal

import pytest

from builder import parse_definition
from builder.flows.branch_analysis import analyse_branch
from builder.model.workflows import NodeKind
from tests.workflows.flows import contract_app, discount_app

CASES = {
    "contracts": (contract_app, "contract", "amount", {"title": "Boundary"}),
    "discounts": (discount_app, "quote", "discount", {"customer": "Boundary"}),
}


def _expected_routes(document) -> list[tuple[Decimal, str]]:
    """(value, target node) for each threshold of each branch ± 1, from the analysis the validator proves with."""
    model = parse_definition(document)
    flow = model.workflows[0]
    entity = model.entity(flow.entity)
    routes = []
    for node in flow.nodes:
        if node.kind is not NodeKind.BRANCH:
            continue
        edges = [edge for edge in flow.edges if edge.source == node.id and edge.condition is not None]
        analysis = analyse_branch(edges, entity, model.definition)
        dimension = analysis.primary
        for point in dimension.points:
            for value in (point - 1, point, point + 1):
                position = 2 * sum(other < value for other in dimension.points) + (
                    1 if value in dimension.points else 0
                )
                matching = analysis.matching(position)
                assert len(matching) == 1, f"{value} takes {len(matching)} edges"
                routes.append((value, edges[matching[0]].target))
    return routes


@pytest.mark.parametrize("app_id", sorted(CASES))
def test_boundary_values_route_as_the_analysis_proves(launch, app_id):
    build, entity, field, values = CASES[app_id]
    document = build()
    routes = _expected_routes(document)
    assert len(routes) == 6  # two thresholds, three values each
    people = launch(document)
    rep = people["chen.jie"]
    for value, target in routes:
        created = rep.post(f"/api/apps/{app_id}/{entity}", json=values | {field: float(value)})
        assert created.status_code == 201, created.get_json()
        instance = rep.post(f"/api/apps/{app_id}/{entity}/{created.get_json()['id']}/approval", json={})
        assert instance.status_code == 201, instance.get_json()
        routed = next(line for line in instance.get_json()["timeline"] if line["action"] == "route")
        edge = next(e for e in document["workflows"][0]["edges"] if e["id"] == routed["details"]["edge"])
        assert edge["to"] == target, f"{field} = {value} went to {edge['to']}, not {target}"
