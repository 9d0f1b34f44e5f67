"""ffprobe and ffmpeg run as subprocesses: what a file holds, and its samples at 16 kHz mono."""

from __future__ import annotations

import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voice_intake.audio.limits import SAMPLE_RATE
from voice_intake.errors import AudioRejected, SpeechUnavailable

if TYPE_CHECKING:  # numpy comes with the voice extra
    import numpy as np

_TIMEOUT_SECONDS = 120


@dataclass(frozen=True, slots=True)
class ProbedAudio:
    """What ffprobe reads from a file's header."""

    container: str
    duration_seconds: float | None  # None when the header does not say (browser recordings often don't)
    has_audio: bool


def probe(path: Path) -> ProbedAudio:
    """The container, duration and audio stream of a file; AudioRejected when ffprobe cannot read it."""
    command = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    completed = _run(command)
    if completed.returncode != 0:
        raise _corrupt()
    try:
        found = json.loads(completed.stdout)
        container = str(found["format"]["format_name"])
    except (ValueError, KeyError, TypeError):
        raise _corrupt() from None
    duration = _seconds(found["format"].get("duration"))
    streams = found.get("streams") or []
    return ProbedAudio(container, duration, any(stream.get("codec_type") == "audio" for stream in streams))


def decode(path: Path, max_seconds: float) -> np.ndarray:
    """The first `max_seconds` (plus one) seconds as float32 samples in [-1, 1] at 16 kHz mono."""
    import numpy as np

    command = [
        *("ffmpeg", "-nostdin", "-v", "error", "-threads", "0", "-i", str(path)),
        *("-t", f"{max_seconds + 1:g}", "-vn", "-f", "s16le", "-ac", "1", "-acodec", "pcm_s16le"),
        *("-ar", str(SAMPLE_RATE), "-"),
    ]
    completed = _run(command)
    if completed.returncode != 0 or not completed.stdout:
        raise _corrupt()
    usable = len(completed.stdout) // 2 * 2
    return np.frombuffer(completed.stdout[:usable], np.int16).astype(np.float32) / 32768.0


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(command, capture_output=True, check=False, timeout=_TIMEOUT_SECONDS)
    except FileNotFoundError:
        raise SpeechUnavailable(
            "voice.ffmpeg_missing",
            f"{command[0]} is needed to read audio and is not installed (Debian: apt install ffmpeg).",
            f"读取音频需要 {command[0]}，但尚未安装（Debian：apt install ffmpeg）。",
        ) from None
    except subprocess.TimeoutExpired:
        raise _corrupt() from None


def _seconds(value: object) -> float | None:
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _corrupt() -> AudioRejected:
    return AudioRejected(
        "audio.corrupt",
        "The audio file cannot be read: it is damaged or not really audio.",
        "无法读取音频文件：文件已损坏或不是音频。",
    )
