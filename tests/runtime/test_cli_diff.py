"""`dabble diff`: two definition files, or two published versions of an app; exit 0 same, 1 different, 2 unusable."""

from __future__ import annotations

import json

from click.testing import CliRunner

from runtime.cli import main
from tests.support.definitions import definition


def _run(*arguments: str):
    return CliRunner().invoke(main, ["diff", *arguments])


def _write(folder, document, name: str) -> str:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _raised(document):
    document["workflows"][0]["edges"][1]["condition"]["rules"][0]["value"] = 100000
    document["workflows"][0]["edges"][2]["condition"]["rules"][0]["value"] = 100000
    return document


def test_files_that_are_the_same_exit_0(tmp_path):
    old = _write(tmp_path, definition("contract_approval.json"), "old.json")
    new = _write(tmp_path, definition("contract_approval.json"), "new.json")
    result = _run("--files", old, new, "--lang", "en")
    assert result.exit_code == 0 and result.output == "no changes\n"


def test_files_that_differ_exit_1_with_text_or_json(tmp_path):
    old = _write(tmp_path, definition("contract_approval.json"), "old.json")
    new = _write(tmp_path, _raised(definition("contract_approval.json")), "new.json")
    text = _run("--files", old, new, "--lang", "zh")
    assert text.exit_code == 1
    assert "~ 流程 contract_signoff：连线 route→group_sign 条件 amount < 50000 → amount < 100000" in text.output
    as_json = _run("--files", old, new, "--json")
    assert as_json.exit_code == 1
    changes = json.loads(as_json.output)["changes"]
    assert [change["path"] for change in changes] == [
        "/workflows/0/edges/1/condition",
        "/workflows/0/edges/2/condition",
    ]


def test_renames_on_the_command_line(tmp_path):
    document = definition("contract_approval.json")
    document["entities"][1]["fields"][4]["id"] = "qty"
    document["forms"][0]["sections"][1]["fields"][0] = "qty"
    old = _write(tmp_path, definition("contract_approval.json"), "old.json")
    new = _write(tmp_path, document, "new.json")
    result = _run("--files", old, new, "--lang", "en", "--rename", "contract.quantity=qty")
    assert result.exit_code == 1 and "~ field contract.quantity renamed to contract.qty" in result.output
    assert _run("--files", old, new, "--rename", "quantity=qty").exit_code == 2  # a usage error


def test_unreadable_or_invalid_files_exit_2_with_their_problems(tmp_path):
    good = _write(tmp_path, definition(), "good.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert _run("--files", good, str(broken)).exit_code == 2
    invalid = definition()
    invalid["entities"][0]["fields"][0]["type"] = "nonsense"
    result = _run("--files", _write(tmp_path, invalid, "invalid.json"), good, "--lang", "en")
    assert (
        result.exit_code == 2 and "invalid.json: invalid" in result.output and "/entities/0/fields/0" in result.output
    )
    assert _run("--files", good).exit_code == 2


def _publish(folder, document, name: str) -> None:
    result = CliRunner().invoke(main, ["publish", _write(folder, document, name), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_two_published_versions(cli_instance):
    _publish(cli_instance, definition("contract_approval.json"), "v1.json")
    _publish(cli_instance, _raised(definition("contract_approval.json")), "v2.json")
    result = _run("contract_approval", "1", "2", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "~ workflow contract_signoff: edge route→group_sign condition amount < 50000 → amount < 100000",
        "~ workflow contract_signoff: edge route→manager_review condition"
        " amount >= 50000 and amount <= 500000 → amount >= 100000 and amount <= 500000",
    ]
    assert _run("contract_approval", "2", "2").exit_code == 0
    missing = _run("contract_approval", "1", "3")
    assert missing.exit_code == 2 and "version.not_found" in missing.output
    assert _run("nope", "1", "2").exit_code == 2
