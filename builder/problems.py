"""Problems found in a definition: path, stable code, severity and a zh/en message."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from builder.exact_numbers import format_number
from builder.messages import CATALOG, FIELD_TYPE_NAMES_ZH, MessageSpec

DISPLAY_LIMIT = 80
COMPOSED_LIMIT = 400
# Texts the validator composes (lists of options, ranges) are shown longer than values from the document.
COMPOSED_PARAMS = frozenset({"allowed", "range", "example", "cycle", "edges", "users", "expected", "larger", "smaller"})


class Severity(StrEnum):
    """Errors block publishing; warnings are shown but do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at one place of a definition."""

    path: str
    code: str
    severity: Severity
    message_en: str
    message_zh: str
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def message(self, language: str = "en") -> str:
        """The message in the given language ('zh' or 'en')."""
        return self.message_zh if language == "zh" else self.message_en

    def to_json(self) -> dict[str, Any]:
        """The problem as the JSON object the API and CLI return."""
        return {
            "path": self.path,
            "code": self.code,
            "severity": str(self.severity),
            "message": {"zh": self.message_zh, "en": self.message_en},
            "details": {key: _jsonable(value) for key, value in self.details.items()},
        }


def make_problem(code: str, path: str, **params: Any) -> Problem:
    """A problem of a definition, from the message catalog; `params` fill the message and the details."""
    return problem_from(CATALOG, code, path, **params)


def problem_from(catalog: Mapping[str, MessageSpec], code: str, path: str, **params: Any) -> Problem:
    """A problem from a message catalog; field types named in `*type` params are also given in Chinese."""
    spec = catalog[code]
    for key, value in list(params.items()):
        if key.endswith("type") and f"{key}_zh" not in params:
            params[f"{key}_zh"] = FIELD_TYPE_NAMES_ZH.get(str(value), str(value))
    shown = {
        key: display(value, COMPOSED_LIMIT if key.removesuffix("_zh") in COMPOSED_PARAMS else DISPLAY_LIMIT)
        for key, value in params.items()
    }
    return Problem(
        path=path,
        code=code,
        severity=Severity(spec.severity),
        message_en=spec.en.format(**shown),
        message_zh=spec.zh.format(**shown),
        details=MappingProxyType(dict(params)),
    )


def display(value: Any, limit: int = DISPLAY_LIMIT) -> str:
    """Show a value inside a message: numbers plainly, other values quoted and shortened."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | Fraction | float):
        return format_number(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _jsonable(value: Any) -> Any:
    """Turn detail values into JSON values."""
    if isinstance(value, Fraction | Decimal):
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value
