"""The app-definition JSON Schema (draft-07): the single source of truth for the format."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_RESOURCE = "schema/app_definition.schema.json"


@cache
def definition_schema() -> dict[str, Any]:
    """The schema as a JSON object (loaded once; do not mutate)."""
    text = resources.files("builder").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a schema pattern with ECMA-262 meaning: '$' is the end of the text only."""
    # Python's '$' also matches before a final newline, which would let 'order\n' pass an
    # identifier pattern, so a trailing unescaped '$' becomes '\Z'.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)
