"""Chinese word segmentation with jieba, taught the sales vocabulary; initialised once per process."""

from __future__ import annotations

import logging
import threading

import jieba

_ready = threading.Lock()
_initialised = threading.Event()


def words(text: str) -> list[str]:
    """The words of a Chinese text (jieba's precise mode)."""
    if not _initialised.is_set():
        _initialise()
    return jieba.lcut(text)


def _initialise() -> None:
    with _ready:
        if _initialised.is_set():
            return
        from voice_intake.drafting.lexicon import chinese_words

        jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO
        jieba.initialize()
        for word in chinese_words():
            jieba.add_word(word, freq=200_000)
        _initialised.set()
