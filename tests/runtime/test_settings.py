"""Settings are declared once, listed in the README, and every DABBLE_ name used is declared."""

from __future__ import annotations

import re
from pathlib import Path

from runtime.settings import SETTINGS, SETTINGS_BY_NAME, read_settings

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["builder", "runtime", "voice_intake", "templates_library", "bench", "tests", "Makefile", ".ci"]


def _readme_table() -> dict[str, str]:
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`(DABBLE_[A-Z_]+)`\s*\|\s*`?([^|`]*)`?\s*\|", line)
        if match:
            rows[match.group(1)] = match.group(2).strip()
    return rows


def test_every_setting_is_in_the_readme_with_its_default():
    table = _readme_table()
    assert set(table) == set(SETTINGS_BY_NAME)
    for setting in SETTINGS:
        assert table[setting.name] == (setting.default or "(empty)"), setting.name


def test_every_dabble_variable_used_anywhere_is_declared():
    used = set()
    for source in SOURCES:
        path = ROOT / source
        files = [path] if path.is_file() else [item for item in path.rglob("*") if item.is_file()]
        for file in files:
            if file.suffix in (".py", ".sh", "") or file.name in ("Makefile", "run"):
                content = file.read_text(encoding="utf-8", errors="ignore")
                used |= set(re.findall(r"\bDABBLE_[A-Z][A-Z_]*[A-Z]\b", content))
    assert used - set(SETTINGS_BY_NAME) == set()


def test_environment_overrides_defaults():
    values = read_settings({"DABBLE_PORT": "8123"})
    assert values["DABBLE_PORT"] == "8123"
    assert values["DABBLE_HOST"] == "127.0.0.1"
