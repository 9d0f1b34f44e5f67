"""The Transcriber on openai-whisper: the checkpoint loaded once on first use, decoding on the CPU."""

from __future__ import annotations

import importlib.util
import threading
import warnings
from typing import TYPE_CHECKING, Any

from voice_intake.audio import AudioClip
from voice_intake.errors import LanguageUnsupported, SpeechUnavailable
from voice_intake.transcription.interface import ProgressCallback, SpeechLanguage, Transcript
from voice_intake.transcription.model_files import WhisperSettings, resolve_checkpoint
from voice_intake.transcription.prompts import initial_prompt

if TYPE_CHECKING:
    from whisper.model import Whisper

# Decoding a small model is a long chain of small matrix products: with torch's default of one thread per
# core, threads wait on each other and on the web workers sharing the machine (measured on 2 cores under
# load: 4.6 s with one thread, 13.5 s with two, for 39 s of speech). One thread also leaves a core to serve.
DECODE_THREADS = 1


class WhisperTranscriber:
    """openai-whisper behind the Transcriber interface; one model per instance, one decoding at a time."""

    def __init__(
        self,
        settings: WhisperSettings,
        *,
        sample_len: int | None = None,
        temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
    ) -> None:
        self.settings = settings
        self.sample_len = sample_len
        self.temperatures = temperatures
        self._model: Whisper | None = None
        self._lock = threading.Lock()

    def check_available(self) -> None:
        """Raise SpeechUnavailable now (before any upload is queued) when whisper or the weights are missing."""
        if importlib.util.find_spec("whisper") is None:
            raise _not_installed()
        resolve_checkpoint(self.settings)

    def load(self) -> Whisper:
        """The model, loaded from its checkpoint on first use."""
        with self._lock:
            if self._model is None:
                path = resolve_checkpoint(self.settings)
                whisper = _whisper()
                import torch

                torch.set_num_threads(DECODE_THREADS)  # process-wide: torch serves only speech recognition here
                try:
                    model = whisper.load_model(str(path), device="cpu")
                except Exception as error:  # a damaged file fails in many ways inside torch.load
                    raise SpeechUnavailable(
                        "voice.model_unreadable",
                        f"The speech model {path} cannot be loaded ({error}); replace the file.",
                        f"无法加载语音模型 {path}（{error}）；请更换该文件。",
                    ) from None
                _read_vocabulary(model)
                self._model = model
            return self._model

    def transcribe(
        self, clip: AudioClip, language: SpeechLanguage, on_progress: ProgressCallback | None = None
    ) -> Transcript:
        """The text of a checked clip, in Chinese or English."""
        from voice_intake.transcription.windows import DecodeSettings, decode_recording

        model = self.load()
        with self._lock:
            spoken = self._language(model, clip, language)
            settings = DecodeSettings(spoken, initial_prompt(spoken), self.temperatures, self.sample_len)
            text = decode_recording(model, clip.samples, settings, on_progress or _ignore)
        return Transcript(text, spoken, clip.duration_seconds)

    def _language(self, model: Whisper, clip: AudioClip, language: SpeechLanguage) -> str:
        if not model.is_multilingual:
            if language is SpeechLanguage.ZH:
                raise LanguageUnsupported(
                    "voice.language_unsupported",
                    f"The speech model '{self.settings.model}' understands English only; "
                    "install a multilingual one (such as base) for Chinese.",
                    f"语音模型“{self.settings.model}”只能识别英文；识别中文请安装多语言模型（如 base）。",
                )
            return "en"
        if language is not SpeechLanguage.AUTO:
            return language.value
        return _detect_chinese_or_english(model, clip)


def _detect_chinese_or_english(model: Whisper, clip: AudioClip) -> str:
    """zh or en, whichever whisper finds likelier in the first 30 seconds."""
    import torch
    from whisper.audio import N_FRAMES, log_mel_spectrogram, pad_or_trim

    mel = log_mel_spectrogram(torch.from_numpy(clip.samples), model.dims.n_mels)
    _tokens, probabilities = model.detect_language(pad_or_trim(mel, N_FRAMES).to(model.device))
    return "zh" if probabilities.get("zh", 0.0) > probabilities.get("en", 0.0) else "en"


def _read_vocabulary(model: Whisper) -> None:
    """Load the model's tokenizer vocabulary now (whisper caches it), hiding the file handle whisper leaves open."""
    from whisper.tokenizer import get_tokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # whisper reads its .tiktoken file without closing it
        get_tokenizer(model.is_multilingual, num_languages=model.num_languages)


def _whisper() -> Any:
    try:
        import whisper
    except ImportError:
        raise _not_installed() from None
    return whisper


def _not_installed() -> SpeechUnavailable:
    return SpeechUnavailable(
        "voice.whisper_missing",
        "Speech recognition is not installed: pip install 'dabble[voice]'. Typed text still works.",
        "尚未安装语音识别：请运行 pip install 'dabble[voice]'。文字输入仍可使用。",
    )


def _ignore(_fraction: float) -> None:
    """No one is listening for progress."""
