"""`dabble draft`: the report printed, the definition written, exit codes for unusable input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from builder import validate_definition
from runtime.cli import main

REQUEST_ZH = (
    "做一个合同审批应用。合同包括合同名称、合同金额和阶段（起草、谈判、已签约）。5万以下自动签署，5万以上经理审批。"
)


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.setenv("DABBLE_WHISPER_DIR", str(tmp_path / "no-weights"))
    return CliRunner()


def test_text_prints_the_report_and_writes_the_definition(runner, tmp_path):
    output = tmp_path / "app.json"
    result = runner.invoke(main, ["draft", "--text", REQUEST_ZH, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "理解报告" in result.output
    assert "审批流程" in result.output
    assert f"wrote {output}" in result.output
    assert validate_definition(json.loads(output.read_text(encoding="utf-8"))).is_valid


def test_without_output_the_definition_goes_to_stdout_and_the_report_to_stderr(runner):
    result = runner.invoke(main, ["draft", "--text", "Each lead has a name and a phone.", "--lang", "en"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entities"][0]["id"] == "lead"
    assert "Understanding report" in result.stderr


def test_a_file_is_read_as_utf8(runner, tmp_path):
    request = tmp_path / "request.txt"
    request.write_text("\ufeff" + REQUEST_ZH, encoding="utf-8")
    result = runner.invoke(main, ["draft", "--file", str(request)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "contract_approval"


@pytest.mark.parametrize("arguments", [[], ["--text", "a", "--file", "b"]])
def test_exactly_one_source_is_needed(runner, arguments):
    result = runner.invoke(main, ["draft", *arguments])
    assert result.exit_code == 2
    assert "exactly one of --text, --file and --audio" in result.output


def test_an_unreadable_file_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["draft", "--file", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr


def test_audio_without_weights_says_where_to_put_them(runner, tone, tmp_path):
    result = runner.invoke(main, ["draft", "--audio", str(tone("cli.wav"))])
    assert result.exit_code == 2
    assert "base.pt" in result.stderr
    assert str(tmp_path / "no-weights") in result.stderr


def test_silent_audio_exits_2(runner, tone, tiny_checkpoint, monkeypatch):
    monkeypatch.setenv("DABBLE_WHISPER_MODEL", str(tiny_checkpoint))
    result = runner.invoke(main, ["draft", "--audio", str(tone("cli-silence.wav", volume=0.0))])
    assert result.exit_code == 2
    assert "silent" in result.stderr


@pytest.mark.slow
def test_spoken_request_end_to_end(runner, real_weights, speak, monkeypatch, tmp_path):
    monkeypatch.setenv("DABBLE_WHISPER_MODEL", str(real_weights))
    spoken = speak(
        "cli-request.wav", "Each lead has a company name, a phone and a status. Show a kanban board of leads."
    )
    output = tmp_path / "spoken.json"
    result = runner.invoke(main, ["draft", "--audio", str(spoken), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "100%" in result.stderr
    assert "transcript (en)" in result.stderr
    definition = json.loads(output.read_text(encoding="utf-8"))
    assert validate_definition(definition).is_valid
    assert any(view["kind"] == "kanban" for view in definition["views"])
