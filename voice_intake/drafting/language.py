"""Which language a request is written in: Chinese when it is mostly Han characters, else English."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]+")


def detect_language(text: str) -> str:
    """ "zh" or "en": a Han character weighs as much as an English word."""
    han = len(_HAN.findall(text))
    words = len(_LATIN.findall(text))
    return "zh" if han and han >= words else "en"
