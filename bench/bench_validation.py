"""Validation speed: a large app (200 entities × 10 fields, 50 flows of 200 nodes) and one huge flow."""

from __future__ import annotations

from bench.harness import Measurement, measure_ms
from bench.large_definitions import huge_flow_app, large_app
from builder import validate_definition


def _counts(document: dict) -> dict[str, int]:
    flows = document.get("workflows", [])
    return {
        "entities": len(document["entities"]),
        "fields": sum(len(entity["fields"]) for entity in document["entities"]),
        "flows": len(flows),
        "nodes": sum(len(flow["nodes"]) for flow in flows),
        "edges": sum(len(flow["edges"]) for flow in flows),
    }


def run(quick: bool = False) -> list[Measurement]:
    """Validate each document several times; the documents must be valid."""
    runs = 3 if quick else 9
    results = []
    for name, document, target in (
        ("large app: 200 entities x 10 fields, 50 flows x 200 nodes", large_app(), 300),
        ("huge flow: 10,000 nodes / 50,000 edges", huge_flow_app(), 1000),
    ):
        report = validate_definition(document)
        if not report.is_valid:
            raise AssertionError(f"benchmark document is invalid: {report.errors[:3]}")
        results.append(
            measure_ms(
                "validation",
                name,
                lambda document=document: validate_definition(document),
                runs=runs,
                target_ms=target,
                **_counts(document),
            )
        )
    return results
