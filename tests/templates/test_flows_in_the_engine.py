"""Each template's workflows run in the workflow engine on the installed sample records.

For every route the sample records take through a flow, one record is submitted by its owner and driven by
the approvers the engine asks: rejected once at each approval node on its way (back to the rep, who
resubmits, or to a rejected end, after which the owner submits again), then approved all the way through.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from builder.model.workflows import ApprovalNode, NodeKind
from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records
from tests.templates.coverage_flows import FlowWalk
from tests.templates.sample_rows import Conditions

TEMPLATES = library().templates
MAX_STEPS = 20


class Driver:
    """Submits one record and acts on its instance as the engine's approvers and its submitter."""

    def __init__(self, app, template_id: str, entity_id: str, record: dict[str, Any], workflow_id: str) -> None:
        self.app = app
        self.base = f"/api/apps/{template_id}"
        self.record = record
        self.workflow_id = workflow_id
        self.entity_id = entity_id
        self.waited_at: list[str] = []
        self.instance: dict[str, Any] = {}

    def submit(self) -> None:
        response = self._client(self.record["owner"]).post(
            f"{self.base}/{self.entity_id}/{self.record['id']}/approval", json={"workflow": self.workflow_id}
        )
        assert response.status_code == 201, response.get_json()
        self._now(response.get_json())

    def drive(self, reject_at: str | None) -> str:
        """Approve until `reject_at` (rejected there once) or the end; the instance's state then."""
        for _ in range(MAX_STEPS):
            if self.instance["state"] != "in_approval":
                return self.instance["state"]
            node = self.instance["node"]
            pending = [task["approver"] for task in self.instance["tasks"] if task["status"] == "pending"]
            action = "reject" if node == reject_at else "approve"
            self._act(pending[0], action)
        raise AssertionError(f"no end after {MAX_STEPS} steps: {self.instance}")

    def resubmit(self) -> None:
        self._act(self.instance["submitter"], "resubmit")

    def _act(self, username: str, action: str) -> None:
        response = self._client(username).post(f"{self.base}/workflows/{self.instance['id']}/{action}", json={})
        assert response.status_code == 200, (action, response.get_json())
        self._now(response.get_json())

    def _now(self, instance: dict[str, Any]) -> None:
        self.instance = instance
        if instance["state"] == "in_approval":
            self.waited_at.append(instance["node"])

    def _client(self, username: str):
        return signed_in_client(self.app, username, is_admin=False)


def _routes(template, workflow, rows: list[dict]) -> dict[frozenset[str], dict]:
    """One record per set of approval nodes the sample records can reach."""
    conditions, now = Conditions(template.model), datetime.now(UTC)
    approvals = {node.id for node in workflow.nodes if isinstance(node, ApprovalNode)}
    routes: dict[frozenset[str], dict] = {}
    for row in rows:
        walk = FlowWalk(workflow, conditions, now)
        walk.record(row)
        routes.setdefault(frozenset(walk.nodes & approvals), row)
    return routes


def _reject_state(workflow, node_id: str) -> str:
    """Where rejecting at a node leads: back to the submitter (revising) or to a rejected end."""
    target = next(edge.target for edge in workflow.edges if edge.source == node_id and edge.outcome == "reject")
    while workflow.node(target).kind not in (NodeKind.REVISE, NodeKind.END):
        target = next(edge.target for edge in workflow.edges if edge.source == target)
    return "revising" if workflow.node(target).kind is NodeKind.REVISE else "rejected"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_every_approval_node_runs_both_ways_in_the_engine(demo_instance, template):
    admin = signed_in_client(demo_instance.app)
    for workflow in template.model.workflows:
        rows = all_records(admin, template.id, workflow.entity)
        waited: set[str] = set()
        for nodes, row in _routes(template, workflow, rows).items():
            driver = Driver(demo_instance.app, template.id, workflow.entity, row, workflow.id)
            driver.submit()
            for node in sorted(nodes):
                state = driver.drive(reject_at=node)
                assert state == _reject_state(workflow, node), (workflow.id, node, driver.instance)
                if state == "revising":
                    driver.resubmit()
                else:
                    driver.submit()
            assert driver.drive(reject_at=None) == "approved", (workflow.id, driver.instance)
            assert set(driver.waited_at) == nodes, (workflow.id, row["id"])
            waited |= set(driver.waited_at)
        approvals = {node.id for node in workflow.nodes if isinstance(node, ApprovalNode)}
        assert waited == approvals, f"{workflow.id}: the engine never waited at {approvals - waited}"
