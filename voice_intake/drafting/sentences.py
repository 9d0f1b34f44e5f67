"""A request cut into sentences (what the report maps) and sentences into clauses (what readers look at)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_END = re.compile(r"(?<=[。！？!?；;])|\n+")
_EN_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")
_MERIDIEM = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)
_CLAUSE_MARKS = "，,；;"
_OPENING, _CLOSING = "（(", "）)"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the request, numbered from 1."""

    number: int
    text: str


def split_sentences(text: str, language: str) -> list[Sentence]:
    """The non-empty sentences of a request, in order."""
    if language == "en":
        text = _MERIDIEM.sub(lambda match: match.group(1) + "m", text)
    pieces = (_ZH_END if language == "zh" else _EN_END).split(text)
    cleaned = [piece.strip() for piece in pieces if piece and piece.strip(" \t。.！!？?；;")]
    return [Sentence(number, piece) for number, piece in enumerate(cleaned, start=1)]


def split_clauses(text: str) -> list[str]:
    """The parts of a sentence between commas and semicolons that are not inside parentheses."""
    clauses, current, depth = [], [], 0
    for index, character in enumerate(text):
        depth += (character in _OPENING) - (character in _CLOSING)
        if character in _CLAUSE_MARKS and depth <= 0 and not _inside_number(text, index):
            clauses.append("".join(current))
            current = []
        else:
            current.append(character)
    clauses.append("".join(current))
    return [clause.strip() for clause in clauses if clause.strip(" 。.")]


def _inside_number(text: str, index: int) -> bool:
    """Whether the comma at `index` separates thousands (2,000) rather than clauses."""
    return text[index] == "," and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
