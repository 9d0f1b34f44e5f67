"""The HTTP routes: POST /api/drafts, POST /api/voice/jobs and GET /api/voice/jobs/<id>, signed in, one error shape."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from builder import validate_definition
from runtime import voice_api
from tests.support.auth import signed_in_client


@pytest.fixture
def voice_app(sqlite_app: Flask, tmp_path) -> Iterator[Flask]:
    """The app with no speech weights installed (an empty weights folder)."""
    sqlite_app.config["DABBLE_WHISPER_DIR"] = str(tmp_path / "no-weights")
    yield sqlite_app
    voice_api.shutdown(sqlite_app)


@pytest.fixture
def client(voice_app) -> FlaskClient:
    return signed_in_client(voice_app, "li.na", is_admin=False)


def _use_weights(app: Flask, checkpoint: Path) -> None:
    app.config["DABBLE_WHISPER_MODEL"] = str(checkpoint)


def _upload(client: FlaskClient, path: Path, name: str | None = None, **form: str):
    with path.open("rb") as handle:
        data = {"audio": (handle, name or path.name), **form}
        return client.post("/api/voice/jobs", data=data, content_type="multipart/form-data")


def _finished(client: FlaskClient, location: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(location).get_json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"the job did not finish: {job}")


def test_typed_text_becomes_a_valid_draft_with_its_report(client):
    response = client.post("/api/drafts", json={"text": "合同包括合同名称和金额。10万以上需要总监审批。", "lang": "zh"})
    assert response.status_code == 200
    body = response.get_json()
    assert validate_definition(body["definition"]).is_valid
    assert body["validation"]["valid"] is True
    assert body["report"]["language"] == "zh"
    assert [kind["kind"] for kind in body["report"]["sentences"][1]["elements"]] == ["workflow"]
    assert body["report"]["not_understood"] == []


def test_the_language_is_detected_when_not_given(client):
    body = client.post("/api/drafts", json={"text": "Each lead has a name and a phone."}).get_json()
    assert body["report"]["language"] == "en"


def test_drafting_needs_a_signed_in_user(voice_app):
    response = voice_app.test_client().post("/api/drafts", json={"text": "合同包括名称。"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "auth.required"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "draft.invalid_request"),
        ({"text": "   "}, "draft.invalid_request"),
        ({"text": 5}, "draft.invalid_request"),
        ({"text": "合同包括名称。", "extra": 1}, "draft.invalid_request"),
        ({"text": "合同包括名称。", "lang": "fr"}, "draft.language"),
    ],
)
def test_malformed_draft_requests_are_refused(client, body, code):
    response = client.post("/api/drafts", json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code
    assert " / " in error["message"]  # English / 中文


def test_missing_weights_are_a_clear_503_and_text_still_works(client, tone, voice_app):
    response = _upload(client, tone("job.wav"))
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "voice.model_missing"
    assert str(Path(voice_app.config["DABBLE_WHISPER_DIR"]) / "base.pt").rsplit("/", 1)[0] in error["message"]
    assert client.post("/api/drafts", json={"text": "Each lead has a name."}).status_code == 200


def test_an_upload_needs_the_audio_field(client, voice_app, tiny_checkpoint):
    _use_weights(voice_app, tiny_checkpoint)
    response = client.post("/api/voice/jobs", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "voice.no_audio"


@pytest.fixture
def unusable_audio(tone, tmp_path) -> dict[str, tuple[Path, str]]:
    """Uploads that must be refused: text named like audio, silence, audio named like a document."""
    fake = tmp_path / "fake.wav"
    fake.write_text("no sound here", encoding="utf-8")
    return {
        "audio.corrupt": (fake, "fake.wav"),
        "audio.silent": (tone("api-silence.wav", volume=0.0), "api-silence.wav"),
        "audio.format": (tone("api-named.wav"), "request.pdf"),
    }


@pytest.mark.parametrize("code", ["audio.corrupt", "audio.silent", "audio.format"])
def test_unusable_audio_is_a_422(client, voice_app, tiny_checkpoint, unusable_audio, code):
    _use_weights(voice_app, tiny_checkpoint)
    path, name = unusable_audio[code]
    response = _upload(client, path, name)
    assert response.status_code == 422
    body = response.get_json()
    assert set(body) == {"error"}
    assert (body["error"]["code"], body["error"]["problems"]) == (code, [])
    english, chinese = body["error"]["message"].split(" / ")
    assert english.isascii()
    assert not chinese.isascii()


def test_a_bad_language_is_refused(client, voice_app, tiny_checkpoint, tone):
    _use_weights(voice_app, tiny_checkpoint)
    response = _upload(client, tone("job.wav"), lang="fr")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "voice.language"


def test_a_failing_job_says_why_and_only_its_owner_sees_it(client, voice_app, tiny_checkpoint, tone):
    _use_weights(voice_app, tiny_checkpoint)
    response = _upload(client, tone("job.wav"), lang="zh")  # the random model knows English only
    assert response.status_code == 202
    job = _finished(client, response.headers["Location"])
    assert job["state"] == "failed"
    assert job["error"]["code"] == "voice.language_unsupported"
    assert job["result"] is None
    stranger = signed_in_client(voice_app, "chen.jie", is_admin=False)
    assert stranger.get(response.headers["Location"]).status_code == 404
    assert signed_in_client(voice_app, "admin").get(response.headers["Location"]).status_code == 200
    assert client.get("/api/voice/jobs/no-such-job").get_json()["error"]["code"] == "voice.job_not_found"


@pytest.mark.slow
def test_a_spoken_request_becomes_a_draft_in_the_background(client, voice_app, real_weights, speak):
    _use_weights(voice_app, real_weights)
    spoken = speak(
        "api-request.wav", "Each deal has a name, an amount and a stage. Show a kanban board of deals by stage."
    )
    response = _upload(client, spoken)
    assert response.status_code == 202
    queued = response.get_json()
    assert queued["state"] in ("queued", "transcribing")
    job = _finished(client, response.headers["Location"])
    assert job["state"] == "done", job
    assert job["progress"] == 1.0
    result = job["result"]
    assert "amount" in result["transcript"]["text"].lower()
    assert validate_definition(result["definition"]).is_valid
    assert result["report"]["validation"]["valid"] is True
