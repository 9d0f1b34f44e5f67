"""The actions of a rule: alert people, create a record, set a field, start a workflow, attach a suggestion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from builder.model import rules as r
from runtime.identity.actor import Actor
from runtime.identity.parties import PartyContext, PartyUnresolved, resolve_party
from runtime.notifications.personal import Reader, personal_messages
from runtime.notifications.store import NotificationDraft, send
from runtime.notifications.templates import fill, label_message
from runtime.records.access import RecordAccess
from runtime.rules import record_writes
from runtime.rules.firings import ActionResult
from runtime.rules.scope import FiringScope, rule_actor
from runtime.rules.suggestions import Attachment, attach_suggestion
from runtime.workflows.starting import start_workflow

SYSTEM_READER = Actor("rules", is_admin=True)  # renders values written into records: every field, no masking


@dataclass(frozen=True, slots=True)
class Target:
    """The record a rule fired for, in its firing."""

    rule: r.Rule
    record_id: int
    record: Mapping[str, Any]  # stored values, as of just before this action
    firing_id: int
    index: int  # the action's position in the rule


def take_action(scope: FiringScope, action: r.AnyAction, target: Target) -> ActionResult:
    """Carry out one action (exceptions are the caller's to record)."""
    return _ACTIONS[action.kind](scope, action, target)


def _alert(scope: FiringScope, action: r.AlertAction, target: Target) -> ActionResult:
    """Notify each recipient who may read the record, the message rendered for them."""
    context = PartyContext(scope.chart, scope.live.app_id, str(target.record["owner"]), target.record)
    recipients: dict[str, None] = {}
    unresolved = []
    for party in action.recipients:
        try:
            recipients.update(dict.fromkeys(resolve_party(party, context)))
        except PartyUnresolved as nobody:
            unresolved.append(str(nobody))
    rule = target.rule
    messages = personal_messages(
        scope.connection,
        scope.live,
        scope.chart,
        (rule.entity, target.record_id),
        template=action.message,
        recipients=recipients,
    )
    drafts = [
        NotificationDraft(
            recipient=username,
            message=message,
            kind="rule_alert",
            severity=action.severity,
            title=label_message(rule.label),
            app_id=scope.live.app_id,
            entity=rule.entity,
            record_id=target.record_id,
            dedup_key=f"rule_firing:{target.firing_id}:{target.index}",
        )
        for username, message in messages.items()
    ]
    send(scope.connection, drafts, now=scope.now)
    detail = {
        "notified": list(messages),
        "not_readable": [name for name in recipients if name not in messages],  # they may not read the record
        "unresolved": unresolved,
    }
    return ActionResult(action.kind, bool(messages), detail)


def _suggest(scope: FiringScope, action: r.SuggestAction, target: Target) -> ActionResult:
    """Attach the suggestion to the record (rendered for each reader when read)."""
    where = Attachment(scope.live.number, target.rule.entity, target.record_id, target.rule.id, target.firing_id)
    suggestion_id = attach_suggestion(scope.connection, where, action.title, action.message, scope.now)
    return ActionResult(action.kind, True, {"suggestion": suggestion_id})


def _set_field(scope: FiringScope, action: r.SetFieldAction, target: Target) -> ActionResult:
    changed = record_writes.set_field(
        scope, target.rule.entity, target.record_id, action.field, action.value, actor=rule_actor(target.rule.id)
    )
    return ActionResult(action.kind, True, {"field": action.field, "changed": changed})


def _create_record(scope: FiringScope, action: r.CreateRecordAction, target: Target) -> ActionResult:
    """A new record of the action's entity, owned by the triggering record's owner."""
    values = {field_id: _value(scope, action.entity, field_id, value, target) for field_id, value in action.values}
    created = record_writes.create_record(
        scope, action.entity, values, owner=str(target.record["owner"]), actor=rule_actor(target.rule.id)
    )
    return ActionResult(action.kind, True, {"entity": action.entity, "record_id": created})


def _value(scope: FiringScope, entity_id: str, field_id: str, value: Any, target: Target) -> Any:
    """A value for a new record: copied from the triggering record, a text template filled from it, or as given."""
    source = scope.live.entity(target.rule.entity).storage
    if isinstance(value, r.CopiedField):
        return source.codecs[value.field].to_json(target.record.get(value.field))
    field = scope.live.entity(entity_id).storage.entity.field(field_id)
    if isinstance(value, str) and field is not None and field.is_textual:
        access = RecordAccess(SYSTEM_READER, scope.live, scope.connection.dialect.name)
        reader = Reader(scope.connection, scope.live, scope.chart, access)
        record = reader.record_text(target.rule.entity, target.record_id)
        language = scope.live.model.default_language
        text = value if record is None else fill(value, lambda name: record.text(name, language))
        return text[: field.effective_max_length]
    return value


def _start_workflow(scope: FiringScope, action: r.StartWorkflowAction, target: Target) -> ActionResult:
    """Start the workflow on the record, submitted in its owner's name (the workflow engine does the rest)."""
    instance = start_workflow(
        scope.connection, scope.live, action.workflow, target.record_id, str(target.record["owner"])
    )
    return ActionResult(action.kind, True, {"workflow": action.workflow, "instance": instance})


_ACTIONS: dict[r.ActionKind, Callable[[FiringScope, Any, Target], ActionResult]] = {
    r.ActionKind.ALERT: _alert,
    r.ActionKind.SUGGEST: _suggest,
    r.ActionKind.SET_FIELD: _set_field,
    r.ActionKind.CREATE_RECORD: _create_record,
    r.ActionKind.START_WORKFLOW: _start_workflow,
}
