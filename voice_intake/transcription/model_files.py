"""Where the whisper weights are: a model name in a weights folder, or a checkpoint path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from voice_intake.errors import SpeechUnavailable

CHECKPOINT_SUFFIX = ".pt"


@dataclass(frozen=True, slots=True)
class WhisperSettings:
    """DABBLE_WHISPER_MODEL (a name such as `base`, or a checkpoint path) and DABBLE_WHISPER_DIR."""

    model: str = "base"
    weights_dir: str = ""  # empty: whisper's own download folder

    def folder(self) -> Path:
        """The folder named models are looked up in."""
        if self.weights_dir:
            return Path(self.weights_dir).expanduser()
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(cache) / "whisper"

    def names_a_path(self) -> bool:
        """Whether `model` is a checkpoint path rather than a model name."""
        return self.model.endswith(CHECKPOINT_SUFFIX) or os.sep in self.model or "/" in self.model


def resolve_checkpoint(settings: WhisperSettings) -> Path:
    """The checkpoint file to load; SpeechUnavailable naming where to put it when it is missing (never downloads)."""
    if settings.names_a_path():
        path = Path(settings.model).expanduser()
        if path.is_file():
            return path
        raise SpeechUnavailable(
            "voice.model_missing",
            f"No speech model at {path}: put a whisper checkpoint there, or set DABBLE_WHISPER_MODEL to one. "
            "Typed text still works.",
            f"{path} 处没有语音模型：请把 whisper 模型文件放到该位置，或将 DABBLE_WHISPER_MODEL 指向模型文件。"
            "文字输入仍可使用。",
        )
    path = settings.folder() / f"{settings.model}{CHECKPOINT_SUFFIX}"
    if path.is_file():
        return path
    raise SpeechUnavailable(
        "voice.model_missing",
        f"The speech model '{settings.model}' is not installed: put {path.name} in {path.parent} "
        "(or set DABBLE_WHISPER_DIR, or DABBLE_WHISPER_MODEL to a checkpoint file). Typed text still works.",
        f"语音模型“{settings.model}”尚未安装：请把 {path.name} 放到 {path.parent}"
        "（或设置 DABBLE_WHISPER_DIR，或将 DABBLE_WHISPER_MODEL 指向模型文件）。文字输入仍可使用。",
    )
