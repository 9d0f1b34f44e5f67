"""The checks an audio upload passes before transcription: name, size, content, length and loudness."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from voice_intake.audio import ffmpeg
from voice_intake.audio.limits import ACCEPTED_CONTAINERS, AUDIO_EXTENSIONS, SAMPLE_RATE, AudioLimits
from voice_intake.errors import AudioRejected

if TYPE_CHECKING:  # numpy comes with the voice extra; typed text needs none of it
    import numpy as np

# Loudness below which a recording is taken as silence: the loudest half second under -50 dBFS.
SILENCE_DBFS = -50.0
_WINDOW = SAMPLE_RATE // 2


@dataclass(frozen=True, slots=True)
class AudioClip:
    """Checked audio: float32 samples at 16 kHz mono, ready for the transcriber."""

    samples: np.ndarray
    container: str

    @property
    def duration_seconds(self) -> float:
        """The length of the recording."""
        return len(self.samples) / SAMPLE_RATE


def check_audio_file(path: Path, filename: str, limits: AudioLimits) -> AudioClip:
    """Decode an uploaded file after checking it; AudioRejected (a 422) says what is wrong in both languages."""
    _check_name(filename)
    size = path.stat().st_size
    if size == 0:
        raise AudioRejected("audio.empty", "The audio file is empty.", "音频文件是空的。")
    if size > limits.max_bytes:
        megabytes = limits.max_bytes / 1024 / 1024
        raise AudioRejected(
            "audio.too_large",
            f"The audio file is larger than {megabytes:g} MB.",
            f"音频文件超过 {megabytes:g} MB。",
        )
    probed = ffmpeg.probe(path)
    if probed.container not in ACCEPTED_CONTAINERS or not probed.has_audio:
        raise AudioRejected(
            "audio.format",
            f"The file holds no audio Dabble reads; send {_extensions()}.",
            f"文件中没有可读取的音频；请上传 {_extensions()} 格式。",
        )
    if probed.duration_seconds is not None:
        _check_length(probed.duration_seconds, limits)
    samples = ffmpeg.decode(path, limits.max_seconds)
    _check_length(len(samples) / SAMPLE_RATE, limits)
    if loudest_dbfs(samples) < SILENCE_DBFS:
        raise AudioRejected(
            "audio.silent",
            "The recording is silent: nothing was said, or the microphone was muted.",
            "录音没有声音：可能没有说话，或麦克风被静音。",
        )
    return AudioClip(samples, probed.container)


def loudest_dbfs(samples: np.ndarray) -> float:
    """The level of the loudest half second, in dB below full scale (-inf for digital silence)."""
    import numpy as np

    usable = len(samples) // _WINDOW * _WINDOW
    windows = samples[:usable].reshape(-1, _WINDOW) if usable else samples.reshape(1, -1)
    if windows.size == 0:
        return float("-inf")
    loudest = float(np.sqrt(np.mean(np.square(windows, dtype=np.float64), axis=1)).max())
    return 20 * float(np.log10(loudest)) if loudest > 0 else float("-inf")


def _check_name(filename: str) -> None:
    if PurePath(filename).suffix.lower() not in AUDIO_EXTENSIONS:
        raise AudioRejected(
            "audio.format",
            f"'{filename}' is not an audio file Dabble reads; send {_extensions()}.",
            f"“{filename}”不是可读取的音频文件；请上传 {_extensions()} 格式。",
        )


def _check_length(seconds: float, limits: AudioLimits) -> None:
    if seconds > limits.max_seconds:
        minutes = limits.max_seconds / 60
        raise AudioRejected(
            "audio.too_long",
            f"The recording is longer than {minutes:g} minutes.",
            f"录音超过 {minutes:g} 分钟。",
        )
    if seconds <= 0:
        raise AudioRejected("audio.empty", "The recording holds no sound.", "录音中没有声音。")


def _extensions() -> str:
    return ", ".join(extension.lstrip(".") for extension in AUDIO_EXTENSIONS)
