"""The typed model of an app definition: immutable objects built once from the JSON document."""

from builder.model.app import (
    FORMAT_VERSION,
    AppDefinition,
    Form,
    FormSection,
    Permission,
    Role,
    Scope,
    SemanticDefinition,
)
from builder.model.common import Duration, DurationUnit, Label
from builder.model.entities import Entity
from builder.model.fields import SYSTEM_FIELDS, ChoiceOption, Field, FieldType, Visibility

__all__ = [
    "FORMAT_VERSION",
    "SYSTEM_FIELDS",
    "AppDefinition",
    "ChoiceOption",
    "Duration",
    "DurationUnit",
    "Entity",
    "Field",
    "FieldType",
    "Form",
    "FormSection",
    "Label",
    "Permission",
    "Role",
    "Scope",
    "SemanticDefinition",
    "Visibility",
]
