"""One engine step in one transaction: the instance, its pinned flow, the live record, and what it writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from builder.model.workflows import Edge, Workflow
from builder.service.errors import ApiError
from runtime.identity.org_chart import OrgChart
from runtime.identity.parties import PartyContext
from runtime.live_apps import LiveApp
from runtime.records.write_events import WriteListener
from runtime.workflows.pinned import PinnedVersion
from runtime.workflows.record_state import stored_record, write_record
from runtime.workflows.tables import EventRow, InstanceRow, TaskRow, TaskStatus

INSTANCES = InstanceRow.__table__
TASKS = TaskRow.__table__
EVENTS = EventRow.__table__


@dataclass
class Run:
    """An instance being moved on by one request (or one rule), with everything a step reads and writes."""

    connection: Connection
    live: LiveApp  # the current version: the record's table
    pinned: PinnedVersion  # the version the instance is pinned to: its flow and conditions
    flow: Workflow
    instance: dict[str, Any]  # the instance's columns; saved by save()
    chart: OrgChart
    actor: str
    listeners: tuple[WriteListener, ...]
    request_key: str | None = None  # carried by the first timeline line the request writes

    def record(self) -> dict[str, Any]:
        """The record's stored values now."""
        return dict(stored_record(self.connection, self.live, self.flow.entity, self.instance["record_id"])._mapping)

    def record_model_values(self) -> dict[str, Any]:
        """The record's values as conditions read them (model values by field id)."""
        codecs = self.live.entity(self.flow.entity).storage.codecs
        return {name: codecs[name].to_model(value) for name, value in self.record().items() if name in codecs}

    def matches(self, edge: Edge, values: dict[str, Any]) -> bool:
        """Whether a branch edge's condition holds for the record (compiled once per pinned version)."""
        return self.pinned.edge_predicate(self.flow, edge)(values)

    def parties(self) -> PartyContext:
        """Who parties are relative to: the submitter, and the record."""
        return PartyContext(self.chart, self.live.app_id, self.instance["submitter"], self.record())

    def set_record(self, values: dict[str, Any]) -> None:
        """Write values (database form) on the record as the engine."""
        write_record(
            self.connection,
            self.live,
            self.flow.entity,
            self.instance["record_id"],
            values,
            actor=self.actor,
            listeners=self.listeners,
        )

    def event(self, action: str, *, node: str | None = None, comment: str = "", **details: Any) -> None:
        """Add a line to the timeline."""
        self.connection.execute(
            EVENTS.insert().values(
                instance_id=self.instance["id"],
                at=datetime.now(UTC),
                actor=self.actor,
                action=action,
                node=node,
                comment=comment,
                details=details,
                request_key=self.request_key,
            )
        )
        self.request_key = None

    def open_tasks(self, node: str, approvers: tuple[str, ...]) -> None:
        """One pending task per approver at this step."""
        instance = self.instance
        now = datetime.now(UTC)
        self.connection.execute(
            TASKS.insert(),
            [
                {
                    "instance_id": instance["id"],
                    "app_number": instance["app_number"],
                    "entity": instance["entity"],
                    "record_id": instance["record_id"],
                    "node": node,
                    "step": instance["step"],
                    "approver": approver,
                    "status": TaskStatus.PENDING,
                    "created_at": now,
                }
                for approver in approvers
            ],
        )

    def tasks(self) -> list[Any]:
        """The tasks of the current step."""
        query = select(TASKS).where(TASKS.c.instance_id == self.instance["id"], TASKS.c.step == self.instance["step"])
        return list(self.connection.execute(query.order_by(TASKS.c.id)))

    def close_open_tasks(self) -> None:
        """Cancel the pending tasks of the instance (its node was decided, or it left the node)."""
        self.connection.execute(
            update(TASKS)
            .where(TASKS.c.instance_id == self.instance["id"], TASKS.c.status == TaskStatus.PENDING)
            .values(status=TaskStatus.CANCELLED, decided_at=datetime.now(UTC))
        )

    def save(self) -> None:
        """Store the instance's changed columns."""
        values = {name: value for name, value in self.instance.items() if name != "id"}
        values["updated_at"] = datetime.now(UTC)
        self.connection.execute(update(INSTANCES).where(INSTANCES.c.id == self.instance["id"]).values(**values))


def no_route(flow: Workflow, node: str) -> ApiError:
    """422 when no edge leaves a node for this record (an empty value no branch condition matches)."""
    return ApiError(
        422,
        "workflow.no_route",
        f"No path of flow {flow.id} leaves node {node} for this record; fill in the fields its conditions read. "
        f"/ 流程 {flow.id} 的节点 {node} 没有适用于该记录的路径，请补全条件所需字段。",
    )
