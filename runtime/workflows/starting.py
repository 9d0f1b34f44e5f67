"""Starting a workflow from outside a request: the rules engine's start_workflow action."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import Connection

from builder.service.errors import ApiError
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp
from runtime.records.write_events import write_listeners
from runtime.workflows.engine import Engine


def start_workflow(connection: Connection, live: LiveApp, workflow_id: str, record_id: int, submitter: str) -> int:
    """Submit a record to a workflow on behalf of `submitter` (the record's owner, for a rule); the instance id."""
    chart = OrgChart.load(connection)
    user = chart.actor(submitter)
    if user is None:
        raise ApiError(
            422, "workflow.submitter_unknown", f"{submitter} is not an active user. / {submitter} 不是有效用户。"
        )
    workflow = live.model.workflow(workflow_id)
    if workflow is None:
        raise ApiError(404, "workflow.not_found", f"There is no workflow {workflow_id}. / 审批流程不存在。")
    listeners = write_listeners(current_app) if has_app_context() else ()
    engine = Engine(connection, live, user, chart, listeners)
    return engine.submit(workflow.entity, record_id, workflow_id)
