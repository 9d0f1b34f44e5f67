"""Which audio files are accepted and how large or long they may be."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_RATE = 16000  # what whisper listens at
AUDIO_EXTENSIONS = (".wav", ".mp3", ".m4a", ".ogg", ".webm")
# ffprobe's name of each accepted container (a file is judged by its content, not only its name).
ACCEPTED_CONTAINERS = frozenset({"wav", "mp3", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", "matroska,webm"})


@dataclass(frozen=True, slots=True)
class AudioLimits:
    """The largest upload and the longest recording accepted."""

    max_bytes: int = 20 * 1024 * 1024
    max_seconds: float = 600.0

    @classmethod
    def from_settings(cls, max_megabytes: str, max_minutes: str) -> AudioLimits:
        """Limits from the DABBLE_VOICE_MAX_MB and DABBLE_VOICE_MAX_MINUTES settings."""
        return cls(max_bytes=int(float(max_megabytes) * 1024 * 1024), max_seconds=float(max_minutes) * 60)
