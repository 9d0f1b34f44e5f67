"""Speech to text behind a small interface; openai-whisper is the implementation."""

from voice_intake.transcription.interface import ProgressCallback, SpeechLanguage, Transcriber, Transcript
from voice_intake.transcription.model_files import WhisperSettings, resolve_checkpoint

__all__ = [
    "ProgressCallback",
    "SpeechLanguage",
    "Transcriber",
    "Transcript",
    "WhisperSettings",
    "resolve_checkpoint",
]
