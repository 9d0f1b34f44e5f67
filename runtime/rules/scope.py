"""What firing a rule needs: the transaction, the live version and its rules, the org chart, the moment."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from builder.service.errors import ApiError
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp
from runtime.records.write_events import WriteListener
from runtime.rules.rulebook import RuleBook

MAX_CASCADE = 3  # a rule's write may set off rules whose writes set off rules… this deep, no deeper
_cascade_depth: ContextVar[int] = ContextVar("dabble_rule_cascade_depth", default=0)


@dataclass(frozen=True, slots=True)
class FiringScope:
    """One transaction in which rules fire for records of one live app version."""

    connection: Connection
    live: LiveApp
    book: RuleBook
    chart: OrgChart
    now: datetime  # timezone-aware: the moment rules fire at
    listeners: tuple[WriteListener, ...]  # told of the writes rules make, as of any write

    def stored_record(self, entity_id: str, record_id: int) -> dict[str, Any] | None:
        """A record's stored values (hidden ones too), deleted or not; None when it does not exist."""
        statements = self.live.entity(entity_id).statements
        row = self.connection.execute(statements.select_any, {"_record_id": record_id}).first()
        return None if row is None else dict(row._mapping)


def rule_actor(rule_id: str) -> str:
    """Who a rule's writes are by (no user name has an '@')."""
    return f"{rule_id}@rules"


@contextmanager
def cascade_step():
    """Around the rules a write sets off: one level deeper; refuse writes past MAX_CASCADE."""
    depth = _cascade_depth.get()
    token = _cascade_depth.set(depth + 1)
    try:
        yield
    finally:
        _cascade_depth.reset(token)


def check_cascade_depth() -> None:
    """Refuse a rule's write that would set off rules more than MAX_CASCADE levels deep (a loop between rules)."""
    if _cascade_depth.get() >= MAX_CASCADE:
        raise ApiError(
            409,
            "rule.cascade",
            f"Rules set off each other more than {MAX_CASCADE} levels deep; this write was not made. / "
            f"规则之间连锁触发超过 {MAX_CASCADE} 层，本次写入未执行。",
        )
