"""The definition corpus under tests/cases/definitions: loading cases and building their documents."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonpatch

CORPUS = Path(__file__).resolve().parents[1] / "cases" / "definitions"
VALID = CORPUS / "valid"
INVALID = CORPUS / "invalid"
_REPEAT = re.compile(r"@repeat:(.):(\d+)\Z", re.DOTALL)
_NEST = re.compile(r"@nest:(\d+)\Z")


@dataclass(frozen=True)
class Case:
    """One invalid (or borderline valid) case of the corpus."""

    name: str
    description: str
    document: dict[str, Any]
    errors: list[dict[str, str]]
    warnings: list[dict[str, str]] | None


@cache
def valid_document(name: str) -> dict[str, Any]:
    """A valid definition of the corpus by file name (do not mutate; copy first)."""
    return json.loads((VALID / name).read_text(encoding="utf-8"))


def definition(name: str = "minimal.json") -> dict[str, Any]:
    """A fresh copy of a valid corpus definition, free to change."""
    return copy.deepcopy(valid_document(name))


def valid_names() -> list[str]:
    """File names of the valid definitions."""
    return sorted(path.name for path in VALID.glob("*.json"))


def invalid_cases() -> list[Case]:
    """Every case of the invalid corpus, named file:index."""
    cases = []
    for path in sorted(INVALID.glob("*.json")):
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            base = definition(raw.get("base", "minimal.json"))
            patch = jsonpatch.JsonPatch(_expand(raw["patch"]))
            cases.append(
                Case(
                    name=f"{path.stem}:{index}",
                    description=raw["description"],
                    document=patch.apply(base),
                    errors=raw["errors"],
                    warnings=raw.get("warnings"),
                )
            )
    return cases


def _expand(value: Any) -> Any:
    if isinstance(value, str):
        if match := _REPEAT.match(value):
            return match.group(1) * int(match.group(2))
        if match := _NEST.match(value):
            return nested_condition(int(match.group(1)))
        return value
    if isinstance(value, list):
        return [_expand(item) for item in value]
    if isinstance(value, dict):
        return {key: _expand(item) for key, item in value.items()}
    return value


def nested_condition(depth: int) -> dict[str, Any]:
    """A condition of `depth` nested groups around one comparison."""
    condition: dict[str, Any] = {"combinator": "and", "rules": [{"field": "amount", "operator": ">", "value": 1}]}
    for _ in range(depth - 1):
        condition = {"combinator": "and", "rules": [condition]}
    return condition
