"""Speech and text to a draft app definition: transcription (openai-whisper) and drafting (zh/en, no LLM).

The package uses only `builder`; the runtime wires it to HTTP and the command line. Importing it loads
neither torch nor whisper: speech recognition loads when a recording is first transcribed.
"""

from voice_intake.drafting import DraftResult, TemplateCandidate, draft_app, pick_template, render_report
from voice_intake.errors import AudioRejected, LanguageUnsupported, SpeechUnavailable, VoiceIntakeError

__all__ = [
    "AudioRejected",
    "DraftResult",
    "LanguageUnsupported",
    "SpeechUnavailable",
    "TemplateCandidate",
    "VoiceIntakeError",
    "draft_app",
    "pick_template",
    "render_report",
]
