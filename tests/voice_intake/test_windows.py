"""Seeking through a recording by whisper's timestamps: finished segments are kept, a cut-off one is decoded again."""

from __future__ import annotations

import pytest
from whisper.audio import N_FRAMES

from voice_intake.transcription.windows import finished_segments

FRAMES_PER_TOKEN = 2  # whisper: 3000 mel frames, 1500 audio positions


@pytest.fixture(scope="module")
def tokenizer(tiny_checkpoint):
    from voice_intake.transcription import WhisperSettings
    from voice_intake.transcription.whisper_transcriber import WhisperTranscriber

    model = WhisperTranscriber(WhisperSettings(str(tiny_checkpoint))).load()  # reads the vocabulary once, quietly
    from whisper.tokenizer import get_tokenizer

    return get_tokenizer(model.is_multilingual, num_languages=model.num_languages)


def _at(tokenizer, seconds: float) -> int:
    return tokenizer.timestamp_begin + round(seconds / 0.02)


def test_a_segment_cut_off_by_the_window_is_left_for_the_next_one(tokenizer):
    hello, world, again = tokenizer.encode(" hello"), tokenizer.encode(" world"), tokenizer.encode(" again")
    tokens = [
        _at(tokenizer, 0),
        *hello,
        _at(tokenizer, 10),
        _at(tokenizer, 10),
        *world,
        _at(tokenizer, 24),
        _at(tokenizer, 24),
        *again,
    ]
    kept, advance = finished_segments(tokens, tokenizer, N_FRAMES, FRAMES_PER_TOKEN)
    assert tokenizer.decode(kept) == " hello world"
    assert advance == round(24 / 0.02) * FRAMES_PER_TOKEN  # the next window starts where 'again' started


def test_a_window_ending_with_a_single_timestamp_is_finished(tokenizer):
    tokens = [_at(tokenizer, 0), *tokenizer.encode(" done"), _at(tokenizer, 3)]
    kept, advance = finished_segments(tokens, tokenizer, 1500, FRAMES_PER_TOKEN)
    assert tokenizer.decode(kept) == " done"
    assert advance == 1500


def test_text_without_timestamps_takes_the_whole_window(tokenizer):
    kept, advance = finished_segments(tokenizer.encode(" plain text"), tokenizer, N_FRAMES, FRAMES_PER_TOKEN)
    assert tokenizer.decode(kept) == " plain text"
    assert advance == N_FRAMES


def test_seeking_always_moves_forward(tokenizer):
    tokens = [_at(tokenizer, 0), _at(tokenizer, 0), *tokenizer.encode(" stuck")]
    _kept, advance = finished_segments(tokens, tokenizer, N_FRAMES, FRAMES_PER_TOKEN)
    assert advance == N_FRAMES
