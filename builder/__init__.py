"""Dabble's app-definition language: format, typed model, conditions, flows and validation."""

# The core (this package minus `builder.service`) imports no Flask and no database code.

from builder.loading import DefinitionUnreadable, load_definition_file, load_definition_text
from builder.model import AppDefinition
from builder.problems import Problem, Severity
from builder.validation import OrgDirectory, ValidationReport, validate_definition


class DefinitionInvalid(ValueError):
    """A definition with errors was used where a valid one is required."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"the definition has {len(report.errors)} error(s)")
        self.report = report


def parse_definition(document: object, directory: OrgDirectory | None = None) -> AppDefinition:
    """Validate a definition document and return its typed model; raise DefinitionInvalid on errors."""
    report = validate_definition(document, directory)
    if report.model is None:
        raise DefinitionInvalid(report)
    return report.model


__all__ = [
    "AppDefinition",
    "DefinitionInvalid",
    "DefinitionUnreadable",
    "OrgDirectory",
    "Problem",
    "Severity",
    "ValidationReport",
    "load_definition_file",
    "load_definition_text",
    "parse_definition",
    "validate_definition",
]
