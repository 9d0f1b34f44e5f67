"""Audio uploads: the five formats are read at 16 kHz; wrong, damaged, empty, silent, long or large ones are refused."""

from __future__ import annotations

import pytest

from voice_intake.audio import AudioLimits, check_audio_file
from voice_intake.audio.checks import loudest_dbfs
from voice_intake.errors import AudioRejected


@pytest.mark.parametrize("extension", [".wav", ".mp3", ".m4a", ".ogg", ".webm"])
def test_each_accepted_format_is_decoded_at_16_khz(tone, extension):
    path = tone(f"tone{extension}", seconds=2)
    clip = check_audio_file(path, path.name, AudioLimits())
    assert clip.duration_seconds == pytest.approx(2, abs=0.1)
    assert clip.samples.dtype.name == "float32"
    assert -30 < loudest_dbfs(clip.samples) < -24  # ffmpeg's sine is at 1/8 of full scale, here halved: -27 dBFS


def test_the_file_name_must_be_an_audio_file(tone):
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(tone("named.wav"), "notes.txt", AudioLimits())
    assert refused.value.code == "audio.format"
    assert "wav, mp3, m4a, ogg, webm" in refused.value.message
    assert refused.value.status == 422


def test_text_named_like_audio_is_corrupt(tmp_path):
    fake = tmp_path / "fake.wav"
    fake.write_text("not audio at all, only words", encoding="utf-8")
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(fake, "fake.wav", AudioLimits())
    assert refused.value.code == "audio.corrupt"
    assert "损坏" in refused.value.message


def test_a_truncated_recording_is_corrupt(tone, tmp_path):
    whole = tone("whole.mp3", seconds=2).read_bytes()
    broken = tmp_path / "broken.m4a"
    broken.write_bytes(tone("whole.m4a", seconds=2).read_bytes()[:200])
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(broken, "broken.m4a", AudioLimits())
    assert refused.value.code == "audio.corrupt"
    assert len(whole) > 200


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.ogg"
    empty.write_bytes(b"")
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(empty, "empty.ogg", AudioLimits())
    assert refused.value.code == "audio.empty"


@pytest.mark.parametrize("volume", [0.0, 0.00005])
def test_silence_is_refused(tone, volume):
    path = tone(f"quiet-{volume}.wav", seconds=3, volume=volume)
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(path, path.name, AudioLimits())
    assert refused.value.code == "audio.silent"
    assert "silent" in refused.value.message


def test_a_quiet_voice_is_not_silence(tone):
    path = tone("soft.wav", seconds=2, volume=0.08)  # -43 dBFS: soft, but someone is there
    assert loudest_dbfs(check_audio_file(path, path.name, AudioLimits()).samples) < -40
    assert check_audio_file(path, path.name, AudioLimits()).duration_seconds > 1


def test_recordings_over_the_length_limit_are_refused(tone):
    path = tone("three-seconds.ogg", seconds=3)
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(path, path.name, AudioLimits(max_seconds=2.5))
    assert refused.value.code == "audio.too_long"
    assert "2.5 minutes" not in refused.value.message  # the limit is shown in minutes as configured
    assert f"{2.5 / 60:g} minutes" in refused.value.message


def test_files_over_the_size_limit_are_refused(tone):
    path = tone("big.wav", seconds=2)
    with pytest.raises(AudioRejected) as refused:
        check_audio_file(path, path.name, AudioLimits(max_bytes=1024))
    assert refused.value.code == "audio.too_large"


def test_limits_come_from_the_settings():
    limits = AudioLimits.from_settings("20", "10")
    assert limits.max_bytes == 20 * 1024 * 1024
    assert limits.max_seconds == 600
