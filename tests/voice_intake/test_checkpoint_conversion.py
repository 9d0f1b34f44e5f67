"""CTranslate2 Whisper weights converted into openai-whisper's checkpoint format by our own reader and name map."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from whisper.model import ModelDimensions, Whisper

from tests.voice_intake.conftest import TINY_DIMENSIONS, seeded_whisper
from tests.voice_intake.ctranslate2_writer import ctranslate2_variables, write_model_bin
from voice_intake.checkpoints.__main__ import main as convert_command
from voice_intake.checkpoints.convert import convert_ctranslate2_model
from voice_intake.checkpoints.ctranslate2_file import UnreadableModelFile, read_model_file
from voice_intake.checkpoints.whisper_names import UnexpectedVariable

DIMENSIONS = TINY_DIMENSIONS | {"n_audio_layer": 2, "n_text_layer": 2}


@pytest.fixture(scope="module")
def original() -> Whisper:
    return seeded_whisper(ModelDimensions(**DIMENSIONS), seed=3)


@pytest.fixture
def model_dir(tmp_path, original):
    folder = tmp_path / "ct2"
    folder.mkdir()
    write_model_bin(folder / "model.bin", ctranslate2_variables(original, heads=DIMENSIONS["n_audio_head"]))
    (folder / "config.json").write_text(json.dumps({"alignment_heads": [[1, 0], [1, 1]]}), encoding="utf-8")
    return folder


def test_the_converted_checkpoint_holds_the_original_weights(model_dir, tmp_path, original):
    conversion = convert_ctranslate2_model(model_dir, tmp_path / "out.pt")
    assert conversion.dimensions == DIMENSIONS
    assert conversion.alignment_heads == [[1, 0], [1, 1]]
    import whisper

    loaded = whisper.load_model(str(conversion.output), device="cpu")  # openai-whisper's own loader
    expected = {name: tensor.half().float() for name, tensor in original.state_dict().items()}
    for name, tensor in loaded.state_dict().items():
        assert torch.equal(tensor, expected[name]), name


def test_aliases_and_scalars_are_read(model_dir):
    model = read_model_file(model_dir / "model.bin")
    assert model.spec == "WhisperSpec"
    assert model.scalar("decoder/num_heads") == DIMENSIONS["n_text_head"]
    assert model.variables["decoder/projection/weight"] is model.variables["decoder/embeddings/weight"]


def test_a_truncated_file_is_unreadable(model_dir):
    path = model_dir / "model.bin"
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(UnreadableModelFile, match="ends early"):
        read_model_file(path)


def test_another_spec_is_refused(model_dir, original, tmp_path):
    write_model_bin(model_dir / "model.bin", ctranslate2_variables(original, heads=2), spec="TransformerSpec")
    with pytest.raises(UnreadableModelFile, match="not a WhisperSpec"):
        convert_ctranslate2_model(model_dir, tmp_path / "out.pt")


def test_a_key_bias_whisper_cannot_hold_is_refused(model_dir, original, tmp_path):
    variables = ctranslate2_variables(original, heads=2)
    fused = variables["encoder/layer_0/self_attention/linear_0/bias"].copy()
    fused[DIMENSIONS["n_audio_state"]] = 1  # the first key bias
    variables["encoder/layer_0/self_attention/linear_0/bias"] = fused
    write_model_bin(model_dir / "model.bin", variables)
    with pytest.raises(UnexpectedVariable, match="non-zero bias"):
        convert_ctranslate2_model(model_dir, tmp_path / "out.pt")


def test_an_unknown_variable_is_refused(model_dir, original, tmp_path):
    variables = ctranslate2_variables(original, heads=2) | {"encoder/mystery": np.zeros(3, np.float16)}
    write_model_bin(model_dir / "model.bin", variables)
    with pytest.raises(UnexpectedVariable, match="encoder/mystery"):
        convert_ctranslate2_model(model_dir, tmp_path / "out.pt")


def test_the_command_converts_and_reports_failures(model_dir, tmp_path, capsys):
    assert convert_command([str(model_dir), "-o", str(tmp_path / "ok.pt")]) == 0
    assert (tmp_path / "ok.pt").is_file()
    assert convert_command([str(tmp_path / "nowhere"), "-o", str(tmp_path / "no.pt")]) == 2
    assert "cannot convert" in capsys.readouterr().err
    assert not (tmp_path / "no.pt").exists()


def test_the_real_tiny_en_weights_have_whisper_tiny_dimensions(real_weights):
    checkpoint = torch.load(real_weights, map_location="cpu", weights_only=True)
    assert checkpoint["dims"] == {
        "n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6, "n_audio_layer": 4,
        "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384, "n_text_head": 6, "n_text_layer": 4,
    }  # fmt: skip
