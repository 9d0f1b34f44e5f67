"""Firing a rule for one occasion: claim it once, take each action in its own savepoint, record what happened."""

from __future__ import annotations

import logging

from builder.model.rules import Rule
from builder.service.errors import ApiError
from runtime.identity.parties import PartyUnresolved
from runtime.rules.actions import Target, take_action
from runtime.rules.firings import ActionResult, Occasion, claim, finish
from runtime.rules.scope import FiringScope

log = logging.getLogger(__name__)
_UNEXPECTED = "The action failed; the server log says why. / 操作执行失败，详情见服务器日志。"


def fire(scope: FiringScope, rule: Rule, occasion: Occasion) -> int | None:
    """Fire the rule for the occasion in the scope's transaction; the firing's id, or None when it fired before.

    A failing action is recorded in the firing (and logged), never raised: the write or sweep that set the rule
    off goes on, and so do the rule's other actions.
    """
    firing_id = claim(scope.connection, scope.live, rule.entity, occasion, scope.now)
    if firing_id is None:
        return None
    results = []
    for index, action in enumerate(rule.actions):
        record = scope.stored_record(rule.entity, occasion.record_id)  # as earlier actions left it
        if record is None:
            results.append(ActionResult(action.kind, False, {"error": "The record is gone. / 记录已不存在。"}))
            continue
        target = Target(rule, occasion.record_id, record, firing_id, index)
        results.append(_take_in_savepoint(scope, action, target))
    finish(scope.connection, firing_id, results)
    return firing_id


def _take_in_savepoint(scope: FiringScope, action, target: Target) -> ActionResult:
    """Take an action; when it fails, undo what it wrote (only that) and say why."""
    try:
        with scope.connection.begin_nested():
            return take_action(scope, action, target)
    except (ApiError, PartyUnresolved) as refused:  # messages written for people, in English and Chinese
        message = refused.message if isinstance(refused, ApiError) else str(refused)
        log.info("rule %s: %s for record %s: %s", target.rule.id, action.kind, target.record_id, message)
        return ActionResult(action.kind, False, {"error": message})
    except Exception:  # any failure of an action is recorded in its firing, by design; details only in the log
        log.exception("rule %s: %s failed for record %s", target.rule.id, action.kind, target.record_id)
        return ActionResult(action.kind, False, {"error": _UNEXPECTED})
