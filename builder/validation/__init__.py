"""Validate an app definition: JSON Schema, semantic and flow layers, every problem at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from builder.conditions.parse import MAX_NESTING
from builder.model.app import AppDefinition
from builder.model.parse import build_model
from builder.problems import Problem, Severity, make_problem
from builder.validation.check_context import CheckContext, OrgDirectory
from builder.validation.definitions_check import check_definitions
from builder.validation.entities_check import check_entities
from builder.validation.flows_check import check_flows
from builder.validation.forms_check import check_forms
from builder.validation.identifiers_check import check_identifiers
from builder.validation.permissions_check import check_permissions
from builder.validation.rules_check import check_rules
from builder.validation.schema_layer import schema_problems
from builder.validation.views_check import check_views

__all__ = ["OrgDirectory", "ValidationReport", "validate_definition"]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The problems of a definition and, when it has no errors, its typed model."""

    problems: tuple[Problem, ...]
    model: AppDefinition | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that block publishing."""
        return tuple(problem for problem in self.problems if problem.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems shown but not blocking."""
        return tuple(problem for problem in self.problems if problem.severity is Severity.WARNING)

    @property
    def is_valid(self) -> bool:
        """Whether the definition may be published."""
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        """The report as the JSON the API and CLI return."""
        return {
            "valid": self.is_valid,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "problems": [problem.to_json() for problem in self.problems],
        }


def validate_definition(document: Any, directory: OrgDirectory | None = None) -> ValidationReport:
    """Check a definition document and return every problem at once."""
    with collector_paused():
        try:
            return _validate(document, directory)
        except RecursionError:  # nesting far beyond any limit the layers check themselves
            return ValidationReport((make_problem("document.too_deep", ""),), None)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small acyclic objects are built."""
    # A large definition becomes a few hundred thousand model objects; each allocation burst would
    # otherwise trigger full collections that rescan the whole document, doubling the time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validate(document: Any, directory: OrgDirectory | None) -> ValidationReport:
    if not isinstance(document, dict):
        return ValidationReport((make_problem("document.not_object", ""),), None)
    structural = schema_problems(document)
    # An unknown property leaves its element's meaning intact (build_model itself skips errors in labels and texts).
    built = build_model(document, (problem.path for problem in structural if problem.code != "schema.unknown_property"))
    context = CheckContext(built, directory)
    broken_paths = {problem.path for problem in structural}
    too_deep = [make_problem("condition.too_deep", path, limit=MAX_NESTING) for path in built.too_deep]
    semantic = [problem for problem in _semantic_problems(context) if not _under_any(problem.path, broken_paths)]
    problems = (*structural, *too_deep, *semantic)
    has_errors = any(problem.severity is Severity.ERROR for problem in problems)
    return ValidationReport(problems, None if has_errors else built.model)


def _semantic_problems(context: CheckContext) -> Iterator[Problem]:
    for check in (
        check_identifiers,
        check_entities,
        check_definitions,
        check_forms,
        check_views,
        check_rules,
        check_permissions,
        check_flows,
    ):
        yield from check(context)


def _under_any(path: str, ancestors: set[str]) -> bool:
    """Whether `path` or one of its ancestors is in `ancestors`."""
    if not ancestors:
        return False
    while True:
        if path in ancestors:
            return True
        if not path:
            return False
        path = path[: path.rindex("/")]
