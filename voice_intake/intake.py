"""A checked recording to a draft: transcribe it, then draft from what was said."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voice_intake.audio import AudioClip
from voice_intake.drafting import DraftResult, TemplateCandidate, draft_app
from voice_intake.errors import AudioRejected
from voice_intake.transcription import ProgressCallback, SpeechLanguage, Transcriber, Transcript


@dataclass(frozen=True, slots=True)
class VoiceDraft:
    """What was said and the draft made from it."""

    transcript: Transcript
    draft: DraftResult

    def to_json(self) -> dict[str, Any]:
        """The transcript, the definition and the understanding report, as the API returns them."""
        return {
            "transcript": {
                "text": self.transcript.text,
                "language": self.transcript.language,
                "duration_seconds": round(self.transcript.duration_seconds, 2),
            },
            "definition": self.draft.definition,
            "report": self.draft.report.to_json(),
        }


def draft_from_clip(
    clip: AudioClip,
    transcriber: Transcriber,
    language: SpeechLanguage = SpeechLanguage.AUTO,
    on_progress: ProgressCallback | None = None,
    templates: Sequence[TemplateCandidate] = (),
) -> VoiceDraft:
    """Transcribe a checked clip and draft an app from the text; AudioRejected when nothing was understood."""
    transcript = transcriber.transcribe(clip, language, on_progress)
    if not transcript.text.strip():
        raise AudioRejected(
            "audio.no_speech",
            "No speech was recognised in the recording; speak closer to the microphone, or type the request.",
            "录音中没有识别到语音；请靠近麦克风重新录制，或直接输入文字。",
        )
    return VoiceDraft(transcript, draft_app(transcript.text, transcript.language, templates))
