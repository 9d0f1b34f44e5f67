"""Decode a whole recording 30 seconds at a time, seeking by whisper's timestamps and reporting progress."""

# The loop of whisper.transcribe, reduced to what intake needs (text, no word timings) so that it can
# say how far it is: each window is decoded with temperature fallback, its finished segments are kept
# and the next window starts where the last finished segment ended.

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from whisper.audio import N_FRAMES, N_SAMPLES, log_mel_spectrogram, pad_or_trim
from whisper.decoding import DecodingOptions, DecodingResult
from whisper.model import Whisper
from whisper.tokenizer import Tokenizer, get_tokenizer

COMPRESSION_RATIO_LIMIT = 2.4  # above: the text repeats itself, decode again hotter
LOGPROB_FLOOR = -1.0  # below: the text is improbable, decode again hotter
NO_SPEECH_THRESHOLD = 0.6  # above (with an improbable text): the window holds no speech


@dataclass(frozen=True, slots=True)
class DecodeSettings:
    """How to decode: language, sales-vocabulary prompt, temperatures to fall back through, token budget."""

    language: str
    prompt: str
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    sample_len: int | None = None  # most tokens per window (None: whisper's default, half the text context)


def decode_recording(
    model: Whisper, samples: np.ndarray, settings: DecodeSettings, on_progress: Callable[[float], None]
) -> str:
    """The text of 16 kHz mono samples, calling `on_progress` with the share decoded after each window."""
    mel = log_mel_spectrogram(torch.from_numpy(samples), model.dims.n_mels, padding=N_SAMPLES)
    content_frames = mel.shape[-1] - N_FRAMES
    tokenizer = get_tokenizer(
        model.is_multilingual, num_languages=model.num_languages, language=settings.language, task="transcribe"
    )
    prompt = tokenizer.encode(" " + settings.prompt.strip())
    room = model.dims.n_text_ctx // 2 - 1  # the longest prompt whisper accepts
    frames_per_token = N_FRAMES // model.dims.n_audio_ctx
    spoken: list[int] = []
    seek = 0
    while seek < content_frames:
        size = min(N_FRAMES, content_frames - seek)
        window = pad_or_trim(mel[:, seek : seek + size], N_FRAMES).to(model.device)
        result = _decode_with_fallback(model, window, settings, _context(prompt, spoken, room))
        if _is_silence(result):
            seek += size
        else:
            finished, advance = finished_segments(result.tokens, tokenizer, size, frames_per_token)
            spoken += finished
            seek += advance
        on_progress(min(seek, content_frames) / content_frames if content_frames else 1.0)
    return tokenizer.decode(spoken).strip()


def finished_segments(
    tokens: Sequence[int], tokenizer: Tokenizer, window_frames: int, frames_per_token: int
) -> tuple[list[int], int]:
    """The text tokens of the window's finished segments and how many frames to move on."""
    first_timestamp = tokenizer.timestamp_begin
    is_timestamp = [token >= first_timestamp for token in tokens]
    ends_with_single_timestamp = is_timestamp[-2:] == [False, True]
    boundaries = [index + 1 for index in range(len(tokens) - 1) if is_timestamp[index] and is_timestamp[index + 1]]
    advance = window_frames
    kept = list(tokens)
    if boundaries and not ends_with_single_timestamp:
        # the last segment is cut off by the window: keep what precedes it and start again there
        kept = kept[: boundaries[-1]]
        advance = (tokens[boundaries[-1] - 1] - first_timestamp) * frames_per_token
    text = [token for token in kept if token < tokenizer.eot]
    return text, advance if advance > 0 else window_frames


def _context(prompt: list[int], spoken: list[int], room: int) -> list[int]:
    """The sales prompt followed by as much of the text so far as fits."""
    space = room - len(prompt)
    if space <= 0:
        return prompt[-room:]
    return prompt + spoken[-space:] if spoken else prompt


def _decode_with_fallback(
    model: Whisper, window: torch.Tensor, settings: DecodeSettings, prompt: list[int]
) -> DecodingResult:
    result = None
    for temperature in settings.temperatures:
        options = DecodingOptions(
            language=settings.language,
            temperature=temperature,
            sample_len=settings.sample_len,
            prompt=prompt,
            fp16=False,
        )
        result = model.decode(window, options)
        if _is_silence(result):
            break
        if result.compression_ratio <= COMPRESSION_RATIO_LIMIT and result.avg_logprob >= LOGPROB_FLOOR:
            break
    assert result is not None  # settings.temperatures is never empty
    return result


def _is_silence(result: DecodingResult) -> bool:
    return result.no_speech_prob > NO_SPEECH_THRESHOLD and result.avg_logprob < LOGPROB_FLOOR
