"""The template library: ten templates, each complete in Chinese and English, read by a strict loader."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from runtime.identity.demo_org import DEMO_USERS
from templates_library import LibraryError, TemplateNotFound, library, load_index
from templates_library.canonical import canonical_json, library_files
from templates_library.index import LIBRARY_ROOT

ROOT = Path(__file__).resolve().parents[2]
THE_TEN = {
    "lead_response",
    "sales_pipeline",
    "store_sales",
    "contract_approval",
    "inventory_health",
    "cs_circuit_breaker",
    "customer_value",
    "personal_follow_up",
    "quote_strategy",
    "trend_fusion",
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TEMPLATES = library().templates


def test_the_library_holds_the_ten_templates_of_the_issue():
    assert set(library().ids) == THE_TEN and len(library().ids) == 10
    assert library() is library()  # read once per process
    with pytest.raises(TemplateNotFound):
        library().get("no_such_template")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_each_template_is_named_and_described_in_both_languages(template):
    for text in (template.name, template.description):
        assert CHINESE.search(text.zh), text.zh
        assert not CHINESE.search(text.en) and re.search("[A-Za-z]{3}", text.en), text.en
    assert template.tags and len(set(template.tags)) == len(template.tags)
    assert template.definition["id"] == template.id
    assert template.counts() == {part: len(template.definition.get(part, ())) for part in template.counts()}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_demo_roles_are_roles_of_the_app_held_by_demo_users(template):
    demo_users = {user.username for user in DEMO_USERS}
    assert set(template.demo_roles) == template.model.role_ids  # every role goes to somebody in the demo
    for users in template.demo_roles.values():
        assert set(users) <= demo_users
    assert template.demo_grants() == sorted(template.demo_grants())


def test_every_library_file_is_in_the_canonical_layout():
    files = library_files()
    assert len(files) == 1 + 2 * len(THE_TEN)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text == canonical_json(json.loads(text)), f"run: python -m templates_library.canonical ({path.name})"


def _write_index(root: Path, entries) -> Path:
    (root / "index.json").write_text(json.dumps({"templates": entries}), encoding="utf-8")
    return root


def _entry(**changes) -> dict:
    entry = {
        "id": "lead_response",
        "name": {"zh": "线索", "en": "Leads"},
        "description": {"zh": "说明", "en": "About"},
        "tags": ["leads"],
        "demo_roles": {"rep": ["chen.jie"]},
        "sample_seed": 1,
    }
    return entry | changes


def test_the_loader_reads_a_library_in_another_folder(tmp_path):
    (tmp_path / "apps").symlink_to(LIBRARY_ROOT / "apps")
    index = load_index(_write_index(tmp_path, [_entry()]))
    assert index.ids == ("lead_response",)
    assert index.get("lead_response").definition == library().get("lead_response").definition


@pytest.mark.parametrize(
    ("entries", "complaint"),
    [
        ([], "expected"),
        ([_entry(), _entry()], "used twice"),
        ([_entry(id="Leads")], "not an app id"),
        ([_entry(id="missing_app")], "is missing"),
        ([_entry(tags=["Leads!"])], "tags"),
        ([_entry(name={"zh": "线索"})], "name"),
        ([_entry(demo_roles={"rep": []})], "demo_roles"),
        ([_entry(sample_seed="1")], "sample_seed"),
        ([{"id": "lead_response"}], "exactly the keys"),
    ],
)
def test_a_malformed_index_is_refused_with_what_is_wrong(tmp_path, entries, complaint):
    (tmp_path / "apps").symlink_to(LIBRARY_ROOT / "apps")
    with pytest.raises(LibraryError, match=complaint):
        load_index(_write_index(tmp_path, entries))


def test_the_library_imports_only_the_builder():
    forbidden = {"runtime", "flask", "werkzeug", "sqlalchemy", "sqlmodel", "click"}
    for file in sorted((ROOT / "templates_library").rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & forbidden, f"{file.name} imports {imported & forbidden}"


def test_the_readme_lists_every_template_and_refusal():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Templates") : readme.index("## The app definition")]
    for template in library().templates:
        assert f"| `{template.id}` | " in section, template.id
    for code in ("template.not_found", "app.exists", "template.demo_org_missing"):
        assert f"`{code}`" in section
    assert "`template.not_found`" in (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
