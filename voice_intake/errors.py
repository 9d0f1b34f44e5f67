"""Failures of voice intake a user can act on: a stable code, a message in English and Chinese, an HTTP status."""

from __future__ import annotations


class VoiceIntakeError(Exception):
    """Something the user can fix or must know; `message` is "English. / 中文。" as every Dabble message."""

    status = 422

    def __init__(self, code: str, english: str, chinese: str) -> None:
        super().__init__(english)
        self.code = code
        self.english = english
        self.chinese = chinese

    @property
    def message(self) -> str:
        """Both languages, in the form the API's error shape uses."""
        return f"{self.english} / {self.chinese}"

    def text(self, language: str) -> str:
        """The message in one language (for the command line)."""
        return self.chinese if language == "zh" else self.english


class AudioRejected(VoiceIntakeError):
    """The audio cannot be used: wrong format, too large or too long, corrupt, or silent."""


class LanguageUnsupported(VoiceIntakeError):
    """The speech model cannot transcribe the language asked for."""


class SpeechUnavailable(VoiceIntakeError):
    """Speech recognition cannot run here: weights, openai-whisper or ffmpeg are missing (typed text still works)."""

    status = 503
