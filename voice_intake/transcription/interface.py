"""The transcriber interface: checked audio and a language in, text out, progress reported on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from voice_intake.audio import AudioClip

# Called with the share of the audio decoded so far, from 0.0 to 1.0.
ProgressCallback = Callable[[float], None]


class SpeechLanguage(StrEnum):
    """The language spoken: detected (auto), Chinese or English."""

    AUTO = "auto"
    ZH = "zh"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Transcript:
    """What was said, in which language, over how many seconds."""

    text: str
    language: str  # "zh" or "en"
    duration_seconds: float


class Transcriber(Protocol):
    """Turns speech into text."""

    def transcribe(
        self, clip: AudioClip, language: SpeechLanguage, on_progress: ProgressCallback | None = None
    ) -> Transcript:
        """The text of a checked clip; raise VoiceIntakeError for what the user can act on."""
        ...
