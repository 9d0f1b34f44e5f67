"""Background voice jobs: transcription and drafting off the request thread, with progress to poll."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from voice_intake.audio import AudioClip
from voice_intake.errors import VoiceIntakeError
from voice_intake.intake import VoiceDraft, draft_from_clip
from voice_intake.transcription import SpeechLanguage, Transcriber

log = logging.getLogger(__name__)
KEPT_JOBS = 200  # finished jobs are forgotten oldest first beyond this


class JobState(StrEnum):
    """Where a job is."""

    QUEUED = "queued"
    TRANSCRIBING = "transcribing"
    DRAFTING = "drafting"
    DONE = "done"
    FAILED = "failed"


_FINISHED = frozenset({JobState.DONE, JobState.FAILED})


@dataclass(frozen=True, slots=True)
class JobError:
    """Why a job failed: a stable code and a message in both languages."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class VoiceJob:
    """A snapshot of one job: who sent it, where it is, and its result or error."""

    id: str
    owner: str
    language: SpeechLanguage
    created_at: datetime
    state: JobState = JobState.QUEUED
    progress: float = 0.0  # share of the audio decoded, 0–1
    result: VoiceDraft | None = None
    error: JobError | None = None

    def to_json(self) -> dict[str, Any]:
        """The job as the API returns it."""
        return {
            "id": self.id,
            "state": self.state.value,
            "progress": round(self.progress, 3),
            "language": self.language.value,
            "created_at": self.created_at.isoformat(),
            "result": None if self.result is None else self.result.to_json(),
            "error": None if self.error is None else {"code": self.error.code, "message": self.error.message},
        }


@dataclass
class VoiceJobs:
    """The jobs of this process: one decoding at a time (the CPU is shared), the newest KEPT_JOBS remembered."""

    transcriber: Transcriber
    kept: int = KEPT_JOBS
    _jobs: OrderedDict[str, VoiceJob] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="voice-job")
    )

    def submit(self, owner: str, clip: AudioClip, language: SpeechLanguage) -> VoiceJob:
        """Queue a checked clip; the job as it starts."""
        job = VoiceJob(secrets.token_urlsafe(12), owner, language, datetime.now(UTC))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_oldest()
        self._executor.submit(self._run, job.id, clip)
        return job

    def get(self, job_id: str) -> VoiceJob | None:
        """The job's current snapshot, or None when unknown (or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job_id: str, timeout: float) -> VoiceJob | None:
        """The job once it is done or failed, or as it is after `timeout` seconds (for the CLI and tests)."""
        pause = threading.Event()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state in _FINISHED:
                return job
            pause.wait(0.05)
        return self.get(job_id)

    def shutdown(self) -> None:
        """Finish the running job and stop the worker thread."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job_id: str, clip: AudioClip) -> None:
        job = self._update(job_id, state=JobState.TRANSCRIBING)
        try:
            result = draft_from_clip(clip, self.transcriber, job.language, self._progress_of(job_id))
        except VoiceIntakeError as error:
            self._update(job_id, state=JobState.FAILED, error=JobError(error.code, error.message))
            return
        except Exception:  # a job must end, and say so, whatever happens in it
            log.exception("voice job %s failed", job_id)
            failure = JobError("voice.failed", "The recording could not be transcribed. / 录音转写失败。")
            self._update(job_id, state=JobState.FAILED, error=failure)
            return
        self._update(job_id, state=JobState.DONE, progress=1.0, result=result)

    def _progress_of(self, job_id: str) -> Callable[[float], None]:
        def report(fraction: float) -> None:
            state = JobState.DRAFTING if fraction >= 1.0 else JobState.TRANSCRIBING
            self._update(job_id, state=state, progress=min(max(fraction, 0.0), 1.0))

        return report

    def _update(self, job_id: str, **changes: Any) -> VoiceJob:
        with self._lock:
            job = replace(self._jobs[job_id], **changes)
            self._jobs[job_id] = job
            return job

    def _forget_oldest(self) -> None:
        """Drop the oldest finished jobs beyond `kept` (queued and running ones stay)."""
        finished = [job_id for job_id, job in self._jobs.items() if job.state in _FINISHED]
        for job_id in finished[: max(0, len(self._jobs) - self.kept)]:
            del self._jobs[job_id]
