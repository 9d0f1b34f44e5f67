"""Approval flows, rules, views and permissions of a draft, typed until they are written as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from builder.model.app import Scope
from builder.model.views import AggregateFunction, Period, WidgetKind
from builder.model.workflows import ApprovalPolicy, PartyKind
from voice_intake.drafting.texts import Text


@dataclass(frozen=True, slots=True)
class Party:
    """Someone who approves or is told: the record's owner, the supervisor, a role, a user field…"""

    kind: PartyKind
    label: Text
    role: str | None = None
    field: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The party as the definition writes it."""
        party: dict[str, Any] = {"kind": self.kind.value}
        if self.role:
            party["role"] = self.role
        if self.field:
            party["field"] = self.field
        return party


@dataclass(frozen=True, slots=True)
class Comparison:
    """One comparison of a condition: field, operator, value."""

    field: str
    operator: str
    value: Any = None

    def to_json(self) -> dict[str, Any]:
        """The comparison in the condition language."""
        rule: dict[str, Any] = {"field": self.field, "operator": self.operator}
        if self.operator not in ("null", "notNull"):
            rule["value"] = _json_number(self.value)
        return rule


def condition_json(comparisons: list[Comparison] | tuple[Comparison, ...]) -> dict[str, Any]:
    """An `and` group of comparisons."""
    return {"combinator": "and", "rules": [comparison.to_json() for comparison in comparisons]}


def _json_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of a threshold range; `strength` says how explicitly the request put it (for shared ends)."""

    value: Decimal
    closed: bool
    strength: int  # 2 explicit (不超过, up to, over), 1 the end of a span (5万到50万), 0 conventional (以上, 以下)


@dataclass(frozen=True, slots=True)
class ApprovalStep:
    """One approval node: who approves and how their votes combine."""

    approvers: tuple[Party, ...]
    policy: ApprovalPolicy = ApprovalPolicy.ANY


@dataclass(slots=True)
class Tier:
    """A range of the routed field and the approval steps it needs (none: approved automatically)."""

    low: Bound | None
    high: Bound | None
    steps: list[ApprovalStep]
    assumed: bool = False  # the request did not mention this range

    def comparisons(self, field_id: str) -> list[Comparison]:
        """The condition of the branch edge into this tier."""
        found = []
        if self.low is not None:
            found.append(Comparison(field_id, ">=" if self.low.closed else ">", self.low.value))
        if self.high is not None:
            found.append(Comparison(field_id, "<=" if self.high.closed else "<", self.high.value))
        return found


@dataclass(slots=True)
class DraftWorkflow:
    """An approval flow routed by one numeric field (or a single chain of steps)."""

    id: str
    label: Text
    entity: str
    field: str | None
    tiers: list[Tier]
    field_optional: bool = False  # the routed field may be empty: a default edge takes those records


@dataclass(frozen=True, slots=True)
class TimeElapsed:
    """Fires once a date/datetime field is older than a duration."""

    field: str
    amount: int
    unit: str

    def to_json(self) -> dict[str, Any]:
        """The trigger as the definition writes it."""
        return {"kind": "time_elapsed", "field": self.field, "after": {"amount": self.amount, "unit": self.unit}}


@dataclass(frozen=True, slots=True)
class Schedule:
    """Fires at a time of day, daily, weekly or monthly."""

    frequency: str
    time: str
    weekday: str | None = None
    day: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The trigger as the definition writes it."""
        trigger: dict[str, Any] = {"kind": "schedule", "frequency": self.frequency, "time": self.time}
        if self.weekday:
            trigger["weekday"] = self.weekday
        if self.day:
            trigger["day"] = self.day
        return trigger


@dataclass(frozen=True, slots=True)
class RecordCreated:
    """Fires when a record is created."""

    def to_json(self) -> dict[str, Any]:
        """The trigger as the definition writes it."""
        return {"kind": "record_created"}


@dataclass(frozen=True, slots=True)
class FieldChanged:
    """Fires when a field changes (to one value, if given)."""

    field: str
    to: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The trigger as the definition writes it."""
        trigger: dict[str, Any] = {"kind": "field_changed", "field": self.field}
        if self.to is not None:
            trigger["to"] = self.to
        return trigger


Trigger = TimeElapsed | Schedule | RecordCreated | FieldChanged


@dataclass(slots=True)
class DraftRule:
    """An automatic rule: a trigger, an optional condition, and an alert to people."""

    id: str
    label: Text
    entity: str
    trigger: Trigger
    conditions: list[Comparison]
    recipients: list[Party]
    message: Text
    severity: str = "warning"


@dataclass(slots=True)
class KanbanView:
    """Cards in lanes, one lane per option of a choice field."""

    id: str
    label: Text
    entity: str
    group_by: str
    card_fields: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CalendarView:
    """Records placed on a calendar by a date field."""

    id: str
    label: Text
    entity: str
    date_field: str


@dataclass(slots=True)
class ChartWidget:
    """A chart on the app's dashboard: an aggregate of records grouped by a field."""

    id: str
    label: Text
    entity: str
    kind: WidgetKind
    function: AggregateFunction
    measure: str | None
    group_by: str
    bucket: Period | None = None


@dataclass(slots=True)
class DraftPermission:
    """What one role may do with one entity's records."""

    role: str
    entity: str
    read: Scope = Scope.NONE
    create: Scope = Scope.NONE
    update: Scope = Scope.NONE
    delete: Scope = Scope.NONE

    def to_json(self) -> dict[str, Any]:
        """The permission as the definition writes it."""
        grant: dict[str, Any] = {"role": self.role, "entity": self.entity}
        for operation in ("read", "create", "update", "delete"):
            scope: Scope = getattr(self, operation)
            if scope is not Scope.NONE:
                grant[operation] = scope.value
        return grant


@dataclass(slots=True)
class DraftRole:
    """A role of the app, named by permissions and approvers."""

    id: str
    label: Text
