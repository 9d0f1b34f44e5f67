"""Rules: a trigger, a condition that must hold, and the actions to take."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from builder.conditions.ast import ConditionGroup
from builder.model.common import Duration, Label
from builder.model.workflows import Party


class TriggerKind(StrEnum):
    """What makes a rule fire."""

    RECORD_CREATED = "record_created"
    RECORD_UPDATED = "record_updated"
    FIELD_CHANGED = "field_changed"
    TIME_ELAPSED = "time_elapsed"
    SCHEDULE = "schedule"
    AGGREGATE = "aggregate"


class ActionKind(StrEnum):
    """What a rule does."""

    ALERT = "alert"
    CREATE_RECORD = "create_record"
    SET_FIELD = "set_field"
    START_WORKFLOW = "start_workflow"
    SUGGEST = "suggest"


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordCreated:
    """Fires when a record is created."""

    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.RECORD_CREATED


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordUpdated:
    """Fires when a record is updated."""

    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.RECORD_UPDATED


_UNSET: Any = object()


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldChanged:
    """Fires when a field changes, optionally from one value and/or to another."""

    field: str
    from_value: Any = _UNSET
    to_value: Any = _UNSET
    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.FIELD_CHANGED

    @property
    def has_from(self) -> bool:
        """Whether a 'from' value was given."""
        return self.from_value is not _UNSET

    @property
    def has_to(self) -> bool:
        """Whether a 'to' value was given."""
        return self.to_value is not _UNSET


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeElapsed:
    """Fires once a date/datetime field is older than a duration while the condition holds."""

    field: str
    after: Duration
    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.TIME_ELAPSED


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    """Fires daily, weekly (on a weekday) or monthly (on a day) at a time in the app's time zone."""

    frequency: str
    time: str
    weekday: str | None = None
    day: int | None = None
    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.SCHEDULE


@dataclass(frozen=True, slots=True, kw_only=True)
class AggregateSource:
    """Related records: an entity whose ref field `via` points at the rule's entity."""

    entity: str
    via: str
    date_field: str
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    """count, sum, avg of a field, or the interval in days between consecutive records."""

    function: str
    field: str | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrendComparison:
    """Compare the measure with the previous window/interval or a threshold."""

    against: str
    operator: str
    value: int | float
    unit: str = "percent"
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AggregateTrigger:
    """Fires when a measure over related records in a time window compares as stated."""

    source: AggregateSource
    measure: Measure
    window: Duration
    compare: TrendComparison
    path: str = dataclasses.field(default="", compare=False)
    kind = TriggerKind.AGGREGATE


AnyTrigger = RecordCreated | RecordUpdated | FieldChanged | TimeElapsed | Schedule | AggregateTrigger


@dataclass(frozen=True, slots=True, kw_only=True)
class CopiedField:
    """A value copied from a field of the triggering record."""

    field: str
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertAction:
    """An in-app alert to people, from a message template."""

    recipients: tuple[Party, ...]
    message: Label
    severity: str = "info"
    path: str = dataclasses.field(default="", compare=False)
    kind = ActionKind.ALERT


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateRecordAction:
    """Create a record (e.g. a follow-up task) with literal or copied values."""

    entity: str
    values: tuple[tuple[str, Any], ...]
    path: str = dataclasses.field(default="", compare=False)
    kind = ActionKind.CREATE_RECORD


@dataclass(frozen=True, slots=True, kw_only=True)
class SetFieldAction:
    """Set a field of the triggering record."""

    field: str
    value: Any
    path: str = dataclasses.field(default="", compare=False)
    kind = ActionKind.SET_FIELD


@dataclass(frozen=True, slots=True, kw_only=True)
class StartWorkflowAction:
    """Start an approval workflow on the triggering record."""

    workflow: str
    path: str = dataclasses.field(default="", compare=False)
    kind = ActionKind.START_WORKFLOW


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestAction:
    """Attach a suggestion (a recommended play) to the record."""

    message: Label
    title: Label | None = None
    path: str = dataclasses.field(default="", compare=False)
    kind = ActionKind.SUGGEST


AnyAction = AlertAction | CreateRecordAction | SetFieldAction | StartWorkflowAction | SuggestAction


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """When the trigger fires and the condition holds, take the actions."""

    id: str
    label: Label
    entity: str
    trigger: AnyTrigger
    actions: tuple[AnyAction, ...]
    condition: ConditionGroup | None = None
    description: Label | None = None
    enabled: bool = True
    path: str = dataclasses.field(default="", compare=False)
