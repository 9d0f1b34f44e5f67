"""The whisper transcriber: real loading and decoding code on a tiny random checkpoint, and its clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_intake.audio import AudioLimits, check_audio_file
from voice_intake.errors import LanguageUnsupported, SpeechUnavailable
from voice_intake.transcription import SpeechLanguage, WhisperSettings, resolve_checkpoint
from voice_intake.transcription.whisper_transcriber import WhisperTranscriber


def _transcriber(checkpoint: Path) -> WhisperTranscriber:
    return WhisperTranscriber(WhisperSettings(str(checkpoint)), sample_len=4, temperatures=(0.0,))


def test_decodes_every_window_of_a_long_recording_and_reports_progress(tiny_checkpoint, tone):
    clip = check_audio_file(tone("long.wav", seconds=65), "long.wav", AudioLimits())
    shares: list[float] = []
    transcript = _transcriber(tiny_checkpoint).transcribe(clip, SpeechLanguage.AUTO, shares.append)
    assert len(shares) >= 3  # 65 seconds are three 30-second windows at least
    assert shares == sorted(shares)
    assert 0 < shares[0] < 1
    assert shares[-1] == 1.0
    assert transcript.language == "en"  # an English-only model (51864 tokens)
    assert transcript.duration_seconds == pytest.approx(65, abs=0.1)
    assert isinstance(transcript.text, str)


@pytest.mark.parametrize(("asked", "expected"), [(SpeechLanguage.ZH, {"zh"}), (SpeechLanguage.AUTO, {"zh", "en"})])
def test_a_multilingual_model_transcribes_chinese_or_detects_the_language(
    tiny_multilingual_checkpoint, tone, asked, expected
):
    clip = check_audio_file(tone("short.wav"), "short.wav", AudioLimits())
    transcript = _transcriber(tiny_multilingual_checkpoint).transcribe(clip, asked)
    assert transcript.language in expected


def test_the_model_is_loaded_once(tiny_checkpoint):
    transcriber = _transcriber(tiny_checkpoint)
    assert transcriber.load() is transcriber.load()


def test_an_english_only_model_refuses_chinese(tiny_checkpoint, tone):
    clip = check_audio_file(tone("short.wav"), "short.wav", AudioLimits())
    with pytest.raises(LanguageUnsupported) as refused:
        _transcriber(tiny_checkpoint).transcribe(clip, SpeechLanguage.ZH)
    assert refused.value.code == "voice.language_unsupported"
    assert "English only" in refused.value.message
    assert "只能识别英文" in refused.value.message


def test_missing_named_weights_say_where_to_put_them(tmp_path):
    settings = WhisperSettings("base", str(tmp_path / "weights"))
    with pytest.raises(SpeechUnavailable) as missing:
        resolve_checkpoint(settings)
    assert missing.value.code == "voice.model_missing"
    assert missing.value.status == 503
    assert f"put base.pt in {tmp_path / 'weights'}" in missing.value.message
    assert "Typed text still works" in missing.value.message
    assert "文字输入仍可使用" in missing.value.message


def test_a_missing_checkpoint_path_is_named(tmp_path):
    with pytest.raises(SpeechUnavailable) as missing:
        WhisperTranscriber(WhisperSettings(str(tmp_path / "nowhere.pt"))).check_available()
    assert str(tmp_path / "nowhere.pt") in missing.value.message


def test_named_models_are_found_in_the_weights_folder(tmp_path, tiny_checkpoint):
    (tmp_path / "small.pt").write_bytes(tiny_checkpoint.read_bytes())
    assert resolve_checkpoint(WhisperSettings("small", str(tmp_path))) == tmp_path / "small.pt"


def test_an_unreadable_checkpoint_is_a_clear_failure(tmp_path):
    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"this is not a torch checkpoint")
    with pytest.raises(SpeechUnavailable) as failure:
        WhisperTranscriber(WhisperSettings(str(broken))).load()
    assert failure.value.code == "voice.model_unreadable"
    assert str(broken) in failure.value.message
