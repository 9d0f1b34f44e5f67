"""docs/definition.md stays honest: every problem code and every kind is documented, and the example is real."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder import validate_definition
from builder.conditions.ast import Operator
from builder.messages import CATALOG
from builder.model.fields import FieldType
from builder.model.rules import ActionKind, TriggerKind
from builder.model.views import ViewKind, WidgetKind
from builder.model.workflows import NodeKind, PartyKind

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "definition.md"
EXAMPLE = ROOT / "tests" / "cases" / "definitions" / "valid" / "contract_approval.json"
DOCUMENTED_ENUMS = (FieldType, ViewKind, WidgetKind, NodeKind, PartyKind, Operator, TriggerKind, ActionKind)


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(doc: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next level-2 heading."""
    match = re.search(rf"^{re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    assert match is not None, f"{heading!r} is missing from {DOC.name}"
    return match.group(1)


def _first_json_block(text: str) -> str:
    match = re.search(r"^```json[ \t]*\n(.*?)^```[ \t]*$", text, re.MULTILINE | re.DOTALL)
    assert match is not None, "no ```json block"
    return match.group(1)


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_problem_code_is_documented(doc, code):
    assert f"`{code}`" in doc


def test_problem_code_table_lists_every_code_once(doc):
    table = _section(doc, "## Problem codes")
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (error|warning) \|", table, re.MULTILINE)
    assert sorted(code for code, _severity in rows) == sorted(CATALOG)
    assert {code: severity for code, severity in rows} == {code: spec.severity for code, spec in CATALOG.items()}
    messages = dict(
        re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (?:error|warning) \| (.*?) \| .* \|$", table, re.MULTILINE)
    )
    assert messages == {code: spec.en.replace("|", "\\|") for code, spec in CATALOG.items()}


@pytest.mark.parametrize(
    "value",
    [member.value for enum in DOCUMENTED_ENUMS for member in enum],
    ids=[f"{enum.__name__}.{member.name}" for enum in DOCUMENTED_ENUMS for member in enum],
)
def test_every_kind_and_operator_is_documented(doc, value):
    assert f"`{value}`" in doc


def test_complete_example_is_the_valid_contract_approval_definition(doc):
    embedded = json.loads(_first_json_block(_section(doc, "## Complete example")))
    assert embedded == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report = validate_definition(embedded)
    assert [problem.to_json() for problem in report.problems] == []
