"""What the engine tells people: approvers that a record waits for them, submitters how it ended, and a notify
node's message."""

from __future__ import annotations

from builder.model.workflows import NotifyNode
from runtime.notifications.personal import personal_messages
from runtime.notifications.store import Message, NotificationDraft, send
from runtime.workflows.run import Run


def tell_approvers(run: Run, node_id: str, approvers: tuple[str, ...]) -> None:
    """One 'waiting for your approval' notification per approver at this step."""
    instance, flow = run.instance, run.flow
    node = flow.node(node_id)
    where = node.label
    flow_zh, flow_en = flow.label.text("zh"), flow.label.text("en")
    step_zh = f"（{where.text('zh')}）" if where else ""
    step_en = f" ({where.text('en')})" if where else ""
    record, submitter = f"{instance['entity']} #{instance['record_id']}", instance["submitter"]
    message = Message(
        zh=f"{flow_zh}：{record} 等待你审批{step_zh}，提交人 {submitter}。",
        en=f"{flow_en}: {record} waits for your approval{step_en}, submitted by {submitter}.",
    )
    _send(run, "approval_pending", dict.fromkeys(approvers, message), f"workflow:{instance['id']}:{instance['step']}")


# The instance's state → how the submitter is told (zh, en) and how loud. An approval is not told here: flows tell
# it with a notify node when they want to; what needs the submitter (a record back with them) always is.
OUTCOMES = {
    "rejected": ("已被驳回", "was rejected", "warning"),
    "cancelled": ("已取消", "was cancelled", "warning"),
    "revising": ("已退回，请修改后重新提交", "was sent back to you: revise it and resubmit", "warning"),
}


def tell_submitter(run: Run, state: str) -> None:
    """Tell the submitter that their record came back to them, or was rejected or cancelled (not approved)."""
    if state not in OUTCOMES:
        return
    instance, flow = run.instance, run.flow
    zh, en, severity = OUTCOMES[state]
    record = f"{instance['entity']} #{instance['record_id']}"
    message = Message(
        zh=f"{flow.label.text('zh')}：你提交的 {record} {zh}。",
        en=f"{flow.label.text('en')}: {record}, which you submitted, {en}.",
    )
    dedup_key = f"workflow:{instance['id']}:{instance['step']}:{instance['round']}:{state}"
    _send(run, "workflow_outcome", {instance["submitter"]: message}, dedup_key, severity=severity)


def tell_recipients(run: Run, node: NotifyNode, recipients: tuple[str, ...]) -> list[str]:
    """A notify node's message, rendered for each recipient who may read the record; who got it."""
    instance = run.instance
    messages = personal_messages(
        run.connection,
        run.live,
        run.chart,
        (instance["entity"], instance["record_id"]),
        template=node.message,
        recipients=recipients,
    )
    _send(run, "workflow_notice", messages, f"workflow:{instance['id']}:{instance['step']}:{node.id}")
    return sorted(messages)


def _send(run: Run, kind: str, messages: dict[str, Message], dedup_key: str, *, severity: str = "info") -> None:
    """One notification per recipient about the instance's record (sent once per dedup key and recipient)."""
    instance = run.instance
    drafts = [
        NotificationDraft(
            recipient=recipient,
            message=message,
            kind=kind,
            severity=severity,
            app_id=run.live.app_id,
            entity=instance["entity"],
            record_id=instance["record_id"],
            dedup_key=dedup_key,
        )
        for recipient, message in messages.items()
    ]
    send(run.connection, drafts)
