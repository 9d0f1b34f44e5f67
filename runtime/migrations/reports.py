"""What the dry run found for each step of a plan: rows touched, values that do not fit, values to write."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from runtime.migrations.plan import Step

CHECKED_STEPS = ("convert_column", "add_unique", "require_values")  # steps whose dry run checks the stored values


class Converted(NamedTuple):
    """A value of a converted column: its record, whether the record is live, and its new stored value."""

    record_id: int
    live: bool
    value: Any


@dataclass
class StepReport:
    """A step with what the dry run found: rows touched, values that do not fit (with examples)."""

    step: Step
    rows: int = 0
    failures: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    handling: str | None = None  # convert_column: "fail" or "clear" the values that do not convert
    note: str | None = None
    converted: list[Converted] = field(default_factory=list, repr=False)  # convert_column: what the publish writes

    @property
    def blocked(self) -> bool:
        """Whether the step cannot run as asked: values that do not fit and are not to be cleared."""
        return self.failures > 0 and self.handling != "clear"

    def to_json(self) -> dict[str, Any]:
        """The step and its findings as JSON."""
        data = self.step.to_json() | {"rows": self.rows}
        if self.step.kind in CHECKED_STEPS:
            data |= {"failures": self.failures, "examples": self.examples}
        if self.step.kind == "convert_column":
            data["on_failure"] = self.handling
        if self.note:
            data["note"] = self.note
        return data
