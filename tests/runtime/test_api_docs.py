"""docs/api.md stays honest: it lists every problem code of the live API once, with its message."""

from __future__ import annotations

import re
from pathlib import Path

from runtime.api_messages import API_CATALOG

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_problem_code_table_lists_every_api_code_once_with_its_message():
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (.*?) \| .* \|$", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(code for code, _message in rows) == sorted(API_CATALOG)
    assert dict(rows) == {code: spec.en.replace("|", "\\|") for code, spec in API_CATALOG.items()}
