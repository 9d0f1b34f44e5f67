"""Fields of an entity: types, visibility levels, options and the system fields."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from builder.model.common import DurationUnit, Label


class FieldType(StrEnum):
    """The type of a field's values."""

    TEXT = "text"
    LONGTEXT = "longtext"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    RATING = "rating"
    USER = "user"
    REF = "ref"
    COMPUTED = "computed"


NUMERIC_TYPES = frozenset(
    {
        FieldType.INTEGER,
        FieldType.NUMBER,
        FieldType.MONEY,
        FieldType.PERCENT,
        FieldType.RATING,
        FieldType.COMPUTED,
    }
)
TEXTUAL_TYPES = frozenset({FieldType.TEXT, FieldType.LONGTEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.URL})
TEMPORAL_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME})
UNSORTABLE_TYPES = frozenset({FieldType.LONGTEXT, FieldType.MULTICHOICE})  # views, list queries and OpenAPI

DEFAULT_TEXT_MAX_LENGTH = 200
DEFAULT_LONGTEXT_MAX_LENGTH = 10000
DEFAULT_MONEY_SCALE = 2
DEFAULT_RATING_MAX = 5


class Visibility(StrEnum):
    """Who may see a field of a record."""

    EVERYONE = "everyone"
    COLLABORATORS = "collaborators"
    SUPERVISOR = "supervisor"
    OWNER = "owner"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceOption:
    """One option of a choice or multichoice field."""

    id: str
    label: Label
    color: str | None = None
    path: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """A field of an entity."""

    id: str
    type: FieldType
    label: Label
    required: bool = False
    unique: bool = False
    default: Any = None
    help: Label | None = None
    visibility: Visibility = Visibility.EVERYONE
    owner_may_narrow: bool = False
    read_only: bool = False
    max_length: int | None = None
    min: int | float | None = None
    max: int | float | None = None
    scale: int | None = None
    currency: str | None = None
    options: tuple[ChoiceOption, ...] = ()
    target_entity: str | None = None
    formula: str | None = None
    format: str | None = None
    system: bool = False
    path: str = dataclasses.field(default="", compare=False)

    @property
    def is_numeric(self) -> bool:
        """Whether values are numbers (integer, number, money, percent, rating, computed)."""
        return self.type in NUMERIC_TYPES

    @property
    def is_textual(self) -> bool:
        """Whether values are free text (text, longtext, email, phone, url)."""
        return self.type in TEXTUAL_TYPES

    @property
    def is_temporal(self) -> bool:
        """Whether values are dates or datetimes."""
        return self.type in TEMPORAL_TYPES

    @property
    def needs_input(self) -> bool:
        """Whether whoever creates a record must give a value: required, editable, without a default."""
        return self.required and self.default is None and not self.read_only and self.type is not FieldType.COMPUTED

    @property
    def settable(self) -> bool:
        """Whether rules and workflow steps may write the field (system and computed fields fill themselves)."""
        return not self.system and self.type is not FieldType.COMPUTED

    def fits_duration_unit(self, unit: DurationUnit) -> bool:
        """Whether durations in `unit` make sense for the field's values: dates have no hours."""
        return not (self.type is FieldType.DATE and unit is DurationUnit.HOURS)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order."""
        return tuple(option.id for option in self.options)

    @property
    def effective_max_length(self) -> int | None:
        """The maximum text length, with the type's default."""
        if self.type is FieldType.LONGTEXT:
            return self.max_length or DEFAULT_LONGTEXT_MAX_LENGTH
        if self.is_textual:
            return self.max_length or DEFAULT_TEXT_MAX_LENGTH
        return None

    @property
    def effective_scale(self) -> int | None:
        """Decimal places of a numeric field; 0 for integers, None when unrestricted."""
        if self.type in (FieldType.INTEGER, FieldType.RATING):
            return 0
        if self.type is FieldType.MONEY:
            return DEFAULT_MONEY_SCALE if self.scale is None else self.scale
        return self.scale

    @property
    def step(self) -> Fraction | None:
        """The spacing of possible values (1 for integers, 0.01 for money), None if continuous."""
        scale = self.effective_scale
        return None if scale is None else Fraction(1, 10**scale)

    @property
    def lower_bound(self) -> Fraction | None:
        """The smallest allowed value, if any."""
        if self.type is FieldType.RATING:
            return Fraction(1)
        return None if self.min is None else _exact_bound(self.min)

    @property
    def upper_bound(self) -> Fraction | None:
        """The largest allowed value, if any."""
        if self.type is FieldType.RATING:
            return Fraction(DEFAULT_RATING_MAX if self.max is None else self.max)
        return None if self.max is None else _exact_bound(self.max)


def _exact_bound(value: int | float) -> Fraction:
    """A min or max as an exact fraction (floats by their shortest decimal form)."""
    return Fraction(value) if type(value) is int else Fraction(Decimal(repr(value)))


def _system_field(field_id: str, field_type: FieldType, zh: str, en: str, **extra: Any) -> Field:
    return Field(id=field_id, type=field_type, label=Label(zh=zh, en=en), system=True, read_only=True, **extra)


# The record's side of its workflow instance (runtime.workflows.tables.InstanceState), and draft before any.
WORKFLOW_STATES = ("draft", "in_approval", "revising", "approved", "rejected", "withdrawn", "cancelled")
_STATE_LABELS = {
    "draft": ("草稿", "Draft"),
    "in_approval": ("审批中", "In approval"),
    "revising": ("退回修改", "Sent back"),
    "approved": ("已通过", "Approved"),
    "rejected": ("已驳回", "Rejected"),
    "withdrawn": ("已撤回", "Withdrawn"),
    "cancelled": ("已取消", "Cancelled"),
}

SYSTEM_FIELDS: tuple[Field, ...] = (
    _system_field("id", FieldType.INTEGER, "编号", "ID"),
    _system_field("owner", FieldType.USER, "负责人", "Owner"),
    _system_field("created_at", FieldType.DATETIME, "创建时间", "Created at"),
    _system_field("created_by", FieldType.USER, "创建人", "Created by"),
    _system_field("updated_at", FieldType.DATETIME, "更新时间", "Updated at"),
    _system_field("updated_by", FieldType.USER, "更新人", "Updated by"),
    _system_field(
        "workflow_state",
        FieldType.CHOICE,
        "审批状态",
        "Approval state",
        options=tuple(ChoiceOption(id=state, label=Label(zh=zh, en=en)) for state, (zh, en) in _STATE_LABELS.items()),
    ),
)
SYSTEM_FIELDS_BY_ID = {system_field.id: system_field for system_field in SYSTEM_FIELDS}
