"""Labels and help texts from schema titles and descriptions, within the definition's limits."""

from __future__ import annotations

import re
from typing import Any

LABEL_MAX, HELP_MAX = 200, 5000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]+")


def label_text(*candidates: Any) -> str | None:
    """The first candidate that makes a label: a string, control characters as spaces, cut to 200."""
    for candidate in candidates:
        if isinstance(candidate, str):
            text = _CONTROL.sub(" ", candidate).strip()[:LABEL_MAX].strip()
            if text:
                return text
    return None


def help_text(*candidates: Any) -> str | None:
    """The first candidate that makes a help text (line breaks kept, cut to 5000)."""
    for candidate in candidates:
        if isinstance(candidate, str):
            text = _CONTROL_BUT_NEWLINE.sub(" ", candidate).strip()[:HELP_MAX].strip()
            if text:
                return text
    return None
