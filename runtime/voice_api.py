"""Voice intake over HTTP: POST /api/drafts (typed text), POST /api/voice/jobs (audio) and GET /api/voice/jobs/<id>."""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request, url_for

from builder.service.actors import current_rights
from builder.service.errors import ApiError
from builder.service.request_bodies import strict_json_body
from voice_intake import VoiceIntakeError, draft_app
from voice_intake.audio import AudioLimits, check_audio_file
from voice_intake.drafting.pipeline import MAX_REQUEST_CHARACTERS
from voice_intake.jobs import VoiceJobs
from voice_intake.transcription import SpeechLanguage, WhisperSettings
from voice_intake.transcription.whisper_transcriber import WhisperTranscriber

blueprint = Blueprint("voice", __name__)
VOICE_KEY = "dabble.voice"
_creating = threading.Lock()


@dataclass(frozen=True, slots=True)
class VoiceService:
    """The app's speech model (loaded on first use), audio limits and background jobs."""

    limits: AudioLimits
    transcriber: WhisperTranscriber
    jobs: VoiceJobs

    @classmethod
    def from_config(cls, config: Any) -> VoiceService:
        """The service configured by the DABBLE_WHISPER_* and DABBLE_VOICE_* settings."""
        settings = WhisperSettings(config["DABBLE_WHISPER_MODEL"], config["DABBLE_WHISPER_DIR"])
        transcriber = WhisperTranscriber(settings)
        limits = AudioLimits.from_settings(config["DABBLE_VOICE_MAX_MB"], config["DABBLE_VOICE_MAX_MINUTES"])
        return cls(limits, transcriber, VoiceJobs(transcriber))


def service(app: Flask) -> VoiceService:
    """The app's voice service, made on first use (nothing is loaded before someone asks)."""
    with _creating:
        if VOICE_KEY not in app.extensions:
            app.extensions[VOICE_KEY] = VoiceService.from_config(app.config)
        return app.extensions[VOICE_KEY]


def shutdown(app: Flask) -> None:
    """Let the running voice job finish and stop the worker thread (tests and orderly exits)."""
    voice = app.extensions.pop(VOICE_KEY, None)
    if voice is not None:
        voice.jobs.shutdown()


@blueprint.post("/api/drafts")
def create_draft():
    """{"text": "...", "lang": "zh" | "en" (optional)} → the draft definition, the understanding report, validation."""
    current_rights()
    text, language = _draft_request(strict_json_body())
    result = draft_app(text, language)
    return jsonify(
        {
            "definition": result.definition,
            "report": result.report.to_json(),
            "validation": result.validation.to_json(),
        }
    )


@blueprint.post("/api/voice/jobs")
def submit_job():
    """Multipart `audio` (wav, mp3, m4a, ogg, webm) and optional `lang` (auto, zh, en) → 202 and the queued job."""
    rights = current_rights()
    voice = service(current_app._get_current_object())
    language = _speech_language(request.form.get("lang", "auto"))
    upload = request.files.get("audio")
    if upload is None or not upload.filename:
        raise ApiError(
            400, "voice.no_audio", "Send the recording as the multipart field 'audio'. / 请以表单字段 audio 上传录音。"
        )
    try:
        voice.transcriber.check_available()
        with tempfile.TemporaryDirectory(prefix="dabble-voice-") as folder:
            saved = Path(folder) / ("upload" + PurePath(upload.filename).suffix.lower())
            upload.save(saved)
            clip = check_audio_file(saved, upload.filename, voice.limits)
    except VoiceIntakeError as error:
        raise ApiError(error.status, error.code, error.message) from None
    job = voice.jobs.submit(rights.name, clip, language)
    response = jsonify(job.to_json())
    response.status_code = 202
    response.headers["Location"] = url_for("voice.get_job", job_id=job.id)
    return response


@blueprint.get("/api/voice/jobs/<job_id>")
def get_job(job_id: str):
    """A job's state and progress; its transcript, definition and report once done, or its error."""
    rights = current_rights()
    job = service(current_app._get_current_object()).jobs.get(job_id)
    if job is None or (job.owner != rights.name and not rights.is_admin):
        raise ApiError(404, "voice.job_not_found", f"No voice job '{job_id}'. / 没有语音任务“{job_id}”。")
    return jsonify(job.to_json())


def _draft_request(body: Any) -> tuple[str, str | None]:
    text = body.get("text") if isinstance(body, dict) else None
    language = body.get("lang") if isinstance(body, dict) else None
    if not isinstance(body, dict) or not set(body) <= {"text", "lang"} or not isinstance(text, str) or not text.strip():
        raise ApiError(
            400,
            "draft.invalid_request",
            'The body is {"text": "...", "lang": "zh" | "en"}. / 请求体格式为 {"text": "...", "lang": "zh" 或 "en"}。',
        )
    if len(text) > MAX_REQUEST_CHARACTERS:
        raise ApiError(
            413,
            "draft.too_long",
            f"A request has at most {MAX_REQUEST_CHARACTERS} characters. / "
            f"需求文字最多 {MAX_REQUEST_CHARACTERS} 个字符。",
        )
    if language not in (None, "zh", "en"):
        raise ApiError(400, "draft.language", "'lang' is zh or en. / lang 只能是 zh 或 en。")
    return text, language


def _speech_language(value: str) -> SpeechLanguage:
    try:
        return SpeechLanguage(value)
    except ValueError:
        raise ApiError(400, "voice.language", "'lang' is auto, zh or en. / lang 只能是 auto、zh 或 en。") from None
