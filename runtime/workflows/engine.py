"""The workflow actions: submit, approve, reject, send back, resubmit, withdraw, comment; each checked, idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from builder.model.workflows import EdgeOutcome, NodeKind, Workflow
from builder.service.errors import ApiError
from runtime.identity.actor import Actor
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp
from runtime.records.access import RecordAccess
from runtime.records.write_events import WriteListener
from runtime.workflows.notices import tell_submitter
from runtime.workflows.pinned import PinnedVersion, pinned_version
from runtime.workflows.record_state import stored_record
from runtime.workflows.routing import advance, follow_outcome
from runtime.workflows.run import EVENTS, INSTANCES, TASKS, Run
from runtime.workflows.tables import ACTIVE_STATES, InstanceState, TaskStatus
from runtime.workflows.votes import node_decision

ACTIONS = ("approve", "reject", "send_back", "resubmit", "withdraw", "comment")
SUBMITTER = "submitter"  # send_back's target naming the submitter rather than a node


@dataclass(frozen=True, slots=True)
class Engine:
    """The engine as one request (or rule) uses it: the connection, the live app, the acting user, the chart."""

    connection: Connection
    live: LiveApp
    user: Actor
    chart: OrgChart
    listeners: tuple[WriteListener, ...]
    request_key: str | None = None  # the client's Idempotency-Key: a request repeated with it changes nothing

    def submit(self, entity_id: str, record_id: int, workflow_id: str | None, comment: str = "") -> int:
        """Start the entity's workflow on a record the user may update; the instance id."""
        workflow = self._workflow(entity_id, workflow_id)
        self.require_readable(entity_id, record_id, "update")  # the submitter may change the record
        active = self._active_instance(entity_id, record_id)
        if active is not None and self.request_key and replayed(self.connection, active, self.request_key):
            return active
        if active is not None:
            raise ApiError(
                409,
                "workflow.already_running",
                f"Record {record_id} is already in workflow instance {active}. / 该记录已在审批流程中。",
            )
        self._check_valid(entity_id, record_id)
        now = datetime.now(UTC)
        instance = {
            "app_number": self.live.number,
            "app_id": self.live.app_id,
            "version": self.live.version,
            "workflow": workflow.id,
            "entity": entity_id,
            "record_id": record_id,
            "submitter": self.user.username,
            "state": InstanceState.IN_APPROVAL,
            "node": None,
            "step": 0,
            "round": 1,
            "path": [],
            "started_at": now,
            "updated_at": now,
        }
        instance["id"] = self.connection.execute(
            INSTANCES.insert().values(**instance).returning(INSTANCES.c.id)
        ).scalar_one()
        run = self._run(pinned_version(self.connection, self.live.number, self.live.version), workflow, instance)
        run.event("submit", comment=comment)
        start = next(node for node in workflow.nodes if node.kind is NodeKind.START)
        advance(run, start.id)
        run.save()
        return instance["id"]

    def act(self, instance_id: int, action: str, *, comment: str = "", to: str | None = None) -> None:
        """Take an action on an instance, locking it first (a request repeated with its Idempotency-Key is a no-op)."""
        instance = load_instance(self.connection, self.live, instance_id)
        if self.request_key and replayed(self.connection, instance_id, self.request_key):
            return
        pinned = pinned_version(self.connection, instance["app_number"], instance["version"])
        run = self._run(pinned, pinned.model.workflow(instance["workflow"]), instance)
        match action:
            case "approve":
                self._vote(run, TaskStatus.APPROVED, action, comment)
            case "reject":
                self._vote(run, TaskStatus.REJECTED, action, comment)
            case "send_back":
                self._send_back(run, to, comment)
            case "resubmit":
                self._resubmit(run, comment)
            case "withdraw":
                self._withdraw(run, comment)
            case "comment":
                if not comment:
                    raise _invalid("The comment is empty. / 评论内容为空。")
                run.event("comment", node=instance["node"], comment=comment)
        run.save()

    # -- actions -----------------------------------------------------------------------------------

    def _vote(self, run: Run, vote: TaskStatus, action: str, comment: str) -> None:
        instance = run.instance
        self._require_state(instance, InstanceState.IN_APPROVAL)
        tasks = run.tasks()
        mine = [task for task in tasks if task.approver == self.user.username]
        pending = next((task for task in mine if task.status == TaskStatus.PENDING), None)
        if pending is None:
            if any(task.status == vote for task in mine):
                return  # the same vote again: already counted, nothing changes
            if self._outvoted(instance["id"]):
                raise ApiError(
                    409,
                    "workflow.already_decided",
                    "The step was decided before your vote; it is not counted. / 该审批节点已有结论，你的操作未生效。",
                )
            raise _not_your_turn(instance["node"])
        self.connection.execute(
            TASKS.update().where(TASKS.c.id == pending.id).values(status=vote, decided_at=datetime.now(UTC))
        )
        node_id = instance["node"]
        run.event(action, node=node_id, comment=comment)
        node = run.flow.node(node_id)
        votes = [vote if task.id == pending.id else task.status for task in tasks]
        decision = node_decision(node.policy.value, votes)
        if decision is None:
            return
        run.close_open_tasks()
        instance["path"] = [*instance["path"], node_id]
        follow_outcome(run, node_id, EdgeOutcome(decision))

    def _send_back(self, run: Run, to: str | None, comment: str) -> None:
        instance = run.instance
        self._require_state(instance, InstanceState.IN_APPROVAL)
        if not any(t.approver == self.user.username and t.status == TaskStatus.PENDING for t in run.tasks()):
            raise _not_your_turn(instance["node"])
        earlier = instance["path"]
        if to is None or (to != SUBMITTER and to not in earlier):
            choices = ", ".join([SUBMITTER, *earlier])
            raise _invalid(f"send_back needs 'to': one of {choices}. / 退回需指定 to：{choices}。")
        run.close_open_tasks()
        run.event("send_back", node=instance["node"], comment=comment, to=to)
        if to == SUBMITTER:
            instance |= {"node": None, "state": InstanceState.REVISING, "path": []}
            run.set_record({"workflow_state": InstanceState.REVISING.value})
            tell_submitter(run, InstanceState.REVISING.value)
            return
        instance["path"] = earlier[: earlier.index(to)]
        advance(run, to)

    def _resubmit(self, run: Run, comment: str) -> None:
        instance = run.instance
        self._require_state(instance, InstanceState.REVISING)
        self._require_submitter(instance)
        self._check_valid(instance["entity"], instance["record_id"])
        instance["round"] += 1
        run.event("resubmit", comment=comment)
        node = run.flow.node(instance["node"]) if instance["node"] else None
        if node is not None and node.kind is NodeKind.REVISE:
            edge = next(edge for edge in run.flow.edges if edge.source == node.id)
            advance(run, edge.target)
        else:  # sent back to the submitter without a revise node: route again from the start
            start = next(item for item in run.flow.nodes if item.kind is NodeKind.START)
            advance(run, start.id)

    def _withdraw(self, run: Run, comment: str) -> None:
        instance = run.instance
        if instance["state"] not in ACTIVE_STATES:
            raise _finished(instance)
        self._require_submitter(instance)
        run.close_open_tasks()
        instance |= {"node": None, "state": InstanceState.WITHDRAWN}
        run.event("withdraw", comment=comment)
        run.set_record({"workflow_state": InstanceState.WITHDRAWN.value})

    # -- checks ------------------------------------------------------------------------------------

    def _workflow(self, entity_id: str, workflow_id: str | None) -> Workflow:
        entity = self.live.entity(entity_id)  # 404 for an unknown entity
        flows = [flow for flow in self.live.model.workflows if flow.entity == entity.id]
        if workflow_id is not None:
            flows = [flow for flow in flows if flow.id == workflow_id]
        if len(flows) == 1:
            return flows[0]
        if not flows:
            raise ApiError(404, "workflow.not_found", f"No such workflow for {entity_id}. / 该实体没有此审批流程。")
        names = ", ".join(flow.id for flow in flows)
        raise _invalid(f"Name the workflow: one of {names}. / 请指定审批流程：{names}。")

    def require_readable(self, entity_id: str, record_id: int, operation: str = "read") -> None:
        """404 unless the user may read the record (approvers of it may); 403 when they may read but not `operation`."""
        storage = self.live.entity(entity_id).storage
        access = RecordAccess(self.user, self.live, self.connection.dialect.name)
        query = select(storage.table.c.id).where(storage.table.c.id == record_id)
        for checked in dict.fromkeys(("read", operation)):
            scope = access.row_filter(storage, checked)
            if self.connection.execute(query if scope is None else query.where(scope)).first() is not None:
                continue
            if checked == "read":
                raise ApiError(404, "record.not_found", f"There is no {entity_id} record {record_id}. / 记录不存在。")
            raise ApiError(403, "access.denied", "You may not submit this record. / 你无权提交该记录。")

    def _check_valid(self, entity_id: str, record_id: int) -> None:
        """The record passes the same validation as a save (a rule may have changed since it was stored)."""
        entity = self.live.entity(entity_id)
        row = stored_record(self.connection, self.live, entity_id, record_id)  # 404 once deleted
        codecs = entity.storage.codecs
        body = {
            field.id: codecs[field.id].to_json(row._mapping[field.id])
            for field in entity.storage.entity.fields
            if field.settable and row._mapping[field.id] is not None
        }
        entity.validator.for_create(body)

    def _active_instance(self, entity_id: str, record_id: int) -> int | None:
        query = select(INSTANCES.c.id).where(
            INSTANCES.c.app_number == self.live.number,
            INSTANCES.c.entity == entity_id,
            INSTANCES.c.record_id == record_id,
            INSTANCES.c.state.in_([state.value for state in ACTIVE_STATES]),
        )
        return self.connection.execute(query).scalar()

    def _outvoted(self, instance_id: int) -> bool:
        """Whether the user had a task of the instance that closed without their vote."""
        query = select(TASKS.c.id).where(
            TASKS.c.instance_id == instance_id,
            TASKS.c.approver == self.user.username,
            TASKS.c.status == TaskStatus.CANCELLED,
        )
        return self.connection.execute(query).first() is not None

    def _require_state(self, instance: dict[str, Any], state: InstanceState) -> None:
        if instance["state"] == state:
            return
        if instance["state"] not in ACTIVE_STATES:
            raise _finished(instance)
        raise ApiError(
            409,
            "workflow.wrong_state",
            f"The instance is {instance['state']}, not {state}. / 审批流程当前状态不允许此操作。",
        )

    def _require_submitter(self, instance: dict[str, Any]) -> None:
        if instance["submitter"] != self.user.username and not self.user.is_admin:
            raise ApiError(
                403, "workflow.not_submitter", "Only the submitter may do this. / 只有提交人可以执行此操作。"
            )

    def _run(self, pinned: PinnedVersion, workflow: Workflow, instance: dict[str, Any]) -> Run:
        return Run(
            self.connection, self.live, pinned, workflow, instance, self.chart, self.user.username, self.listeners
        )


def load_instance(connection: Connection, live: LiveApp, instance_id: int, *, lock: bool = True) -> dict[str, Any]:
    """An instance of the app, locked for the transaction on PostgreSQL; 404 when the app has none of that id."""
    query = select(INSTANCES).where(INSTANCES.c.id == instance_id, INSTANCES.c.app_number == live.number)
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise ApiError(
            404, "workflow.instance_not_found", f"There is no workflow instance {instance_id}. / 审批实例不存在。"
        )
    return dict(row._mapping)


def replayed(connection: Connection, instance_id: int, request_key: str) -> bool:
    """Whether a request with this Idempotency-Key was already applied to the instance."""
    query = select(EVENTS.c.id).where(EVENTS.c.instance_id == instance_id, EVENTS.c.request_key == request_key)
    return connection.execute(query).first() is not None


def _invalid(message: str) -> ApiError:
    return ApiError(400, "workflow.invalid_request", message)


def _not_your_turn(node: str | None) -> ApiError:
    return ApiError(
        403, "workflow.not_your_turn", f"You have no pending approval at node {node}. / 你在该节点没有待办审批。"
    )


def _finished(instance: dict[str, Any]) -> ApiError:
    return ApiError(
        409,
        "workflow.finished",
        f"The instance has ended ({instance['state']}). / 审批流程已结束（{instance['state']}）。",
    )
