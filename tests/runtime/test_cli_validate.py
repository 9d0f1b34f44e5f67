"""`dabble validate`: exit 0 without errors, 1 with errors, 2 when the file cannot be read; never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from runtime.cli import main
from tests.support.definitions import VALID, invalid_cases

CASES = invalid_cases()


def _validate(*arguments: str):
    return CliRunner().invoke(main, ["validate", *arguments])


@pytest.mark.parametrize("path", sorted(VALID.glob("*.json")), ids=lambda path: path.name)
def test_valid_files_exit_0(path):
    result = _validate(str(path), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "valid (0 error(s), 0 warning(s))" in result.output


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_cases_give_the_documented_exit_code_and_problems(case, tmp_path):
    file = tmp_path / "app.json"
    file.write_text(json.dumps(case.document, ensure_ascii=False), encoding="utf-8")
    result = _validate(str(file), "--json")
    assert result.exit_code == (1 if case.errors else 0), result.output
    report = json.loads(result.output)
    found = sorted((p["code"], p["path"]) for p in report["problems"] if p["severity"] == "error")
    assert found == sorted((expected["code"], expected["path"]) for expected in case.errors)
    assert report["valid"] is not bool(case.errors)


def test_text_output_lists_each_problem_with_path_code_and_message(tmp_path):
    case = next(case for case in CASES if case.errors and case.errors[0]["code"] == "flow.branch_gap")
    file = tmp_path / "gap.json"
    file.write_text(json.dumps(case.document), encoding="utf-8")
    english = _validate(str(file), "--lang", "en")
    assert english.exit_code == 1
    assert "error   /workflows/0/edges/2  flow.branch_gap  amount = 50000 matches no branch" in english.output
    chinese = _validate(str(file), "--lang", "zh")
    assert "不满足分支节点" in chinese.output and "未通过" in chinese.output


UNREADABLE = {
    "not JSON": b"{this is not json",
    "empty file": b"",
    "trailing garbage": b'{"id": "x"} trailing',
    "NaN": b'{"format_version": NaN}',
    "Infinity": b'{"format_version": Infinity}',
    "duplicate keys": b'{"id": "a", "id": "b"}',
    "not UTF-8": b"\xff\xfe\x00\x00garbage\x80",
    "deep nesting": b"[" * 100000 + b"]" * 100000,
    "huge number": b'{"format_version": 1' + b"0" * 5000 + b"}",
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_files_exit_2_with_a_clear_message(name, tmp_path):
    file = tmp_path / "broken.json"
    file.write_bytes(UNREADABLE[name])
    result = _validate(str(file))
    assert result.exit_code == 2
    assert str(file) in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_exits_2(tmp_path):
    result = _validate(str(tmp_path / "absent.json"))
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_directory_exits_2(tmp_path):
    result = _validate(str(tmp_path))
    assert result.exit_code == 2


def test_unreadable_json_report(tmp_path):
    file = tmp_path / "broken.json"
    file.write_bytes(b"[1,")
    result = _validate(str(file), "--json")
    assert result.exit_code == 2
    assert json.loads(result.output)["readable"] is False


def test_a_json_value_that_is_not_an_object_is_a_problem_not_a_crash(tmp_path):
    file = tmp_path / "list.json"
    file.write_text("[1, 2, 3]")
    result = _validate(str(file), "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["problems"][0]["code"] == "document.not_object"


def test_the_installed_console_script_runs(tmp_path):
    script = shutil.which("dabble", path=str(Path(sys.executable).parent))
    assert script, "the dabble console script is not installed in this environment"
    valid = subprocess.run(
        [script, "validate", str(VALID / "minimal.json")], check=False, capture_output=True, text=True
    )
    assert valid.returncode == 0, valid.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    unreadable = subprocess.run([script, "validate", str(broken)], check=False, capture_output=True, text=True)
    assert unreadable.returncode == 2
    assert "not valid JSON" in unreadable.stderr and "Traceback" not in unreadable.stderr


def test_standard_input_is_read_with_a_dash():
    runner = CliRunner()
    valid = runner.invoke(main, ["validate", "-"], input=(VALID / "minimal.json").read_bytes())
    assert valid.exit_code == 0, valid.output
    broken = runner.invoke(main, ["validate", "-"], input=b"{")
    assert broken.exit_code == 2
