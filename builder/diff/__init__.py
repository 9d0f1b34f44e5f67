"""Semantic diff of two app definitions: typed changes, as JSON and as readable zh/en text."""

from builder.diff.compare import diff_definitions
from builder.diff.model import AppDiff, Change, ChangeKind, PropertyChange
from builder.diff.render import render_text
from builder.renames import Renames

__all__ = ["AppDiff", "Change", "ChangeKind", "PropertyChange", "Renames", "diff_definitions", "render_text"]
