"""The error of an org-chart change that cannot be made: an ApiError, so routes and the CLI report it alike."""

from __future__ import annotations

from builder.service.errors import ApiError


class OrgError(ApiError):
    """A refused org-chart change, with a stable code and a bilingual message."""
