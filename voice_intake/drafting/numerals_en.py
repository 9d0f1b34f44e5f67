"""English number words as digits: fifty thousand → 50000, half a million → 500000, a week → 1 week."""

from __future__ import annotations

import re

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_SMALL, *_SCALES], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE)
_ARTICLE_UNIT = re.compile(
    r"\b(?:a|an|one)\s+(?=(?:hour|day|week|month|business day)\b)|\bhalf\s+a\s+million\b", re.IGNORECASE
)
_DIGITS_THEN_SCALE = re.compile(r"\b(\d+(?:\.\d+)?)\s+(hundred)\b", re.IGNORECASE)


def english_numbers_to_digits(text: str) -> str:
    """The text with number words written in digits ('one' alone, as in 'each one', stays a word)."""
    text = _ARTICLE_UNIT.sub(lambda match: "500000" if match.group(0).lower().startswith("half") else "1 ", text)
    text = _RUN.sub(_replace_run, text)
    return _DIGITS_THEN_SCALE.sub(lambda match: _format(float(match.group(1)) * 100), text)


def _replace_run(match: re.Match[str]) -> str:
    words = re.findall(r"[a-z]+", match.group(0).lower())
    if words == ["one"] or (words[0] in _SCALES and re.search(r"\d\s*$", match.string[: match.start()])):
        return match.group(0)  # 'each one'; '1.5 million' is read by the quantity finder itself
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
    return str(total + current)


def _format(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
