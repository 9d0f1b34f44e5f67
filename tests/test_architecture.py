"""The dependency rule of DESIGN.md, checked by scanning imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB_AND_DATABASE = {"flask", "werkzeug", "jinja2", "sqlalchemy", "sqlmodel", "alembic", "psycopg", "flask_vite"}
OUR_PACKAGES = {"builder", "runtime", "voice_intake", "templates_library"}


def _imports(package: str, skip: tuple[str, ...] = ()) -> dict[Path, set[str]]:
    """Top-level module names each file of a package imports."""
    found = {}
    for file in sorted((ROOT / package).rglob("*.py")):
        relative = file.relative_to(ROOT).as_posix()
        if any(relative.startswith(prefix) for prefix in skip):
            continue
        names = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[file] = names
    return found


def test_builder_core_imports_no_web_or_database_code():
    for file, names in _imports("builder", skip=("builder/service",)).items():
        assert not names & WEB_AND_DATABASE, f"{file} imports {names & WEB_AND_DATABASE}"


def test_builder_imports_nothing_downstream():
    for file, names in _imports("builder").items():
        assert not names & (OUR_PACKAGES - {"builder"}), f"{file} imports {names & OUR_PACKAGES}"


def test_voice_intake_and_templates_only_use_builder():
    for package in ("voice_intake", "templates_library"):
        for file, names in _imports(package).items():
            assert not names & {"runtime"}, f"{file} imports the runtime"


def test_importing_the_builder_loads_no_web_or_database_module():
    code = (
        "import sys, builder, builder.validation, builder.flows.coverage; "
        f"loaded = {{name.split('.')[0] for name in sys.modules}} & set({sorted(WEB_AND_DATABASE)!r}); "
        "print(sorted(loaded)); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
