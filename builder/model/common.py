"""Small things shared across the model: labels, durations, and indexing parts by id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Label:
    """A display text: language-neutral, or per language (zh/en)."""

    plain: str | None = None
    zh: str | None = None
    en: str | None = None

    def text(self, language: str = "en") -> str:
        """The text for a language, falling back to the other language."""
        if self.plain is not None:
            return self.plain
        preferred, other = (self.zh, self.en) if language == "zh" else (self.en, self.zh)
        return preferred or other or ""

    def to_json(self) -> str | dict[str, str]:
        """The label as the definition writes it: a text, or {"zh", "en"}."""
        if self.plain is not None:
            return self.plain
        return {language: text for language, text in (("zh", self.zh), ("en", self.en)) if text is not None}

    def by_language(self) -> tuple[tuple[str | None, str], ...]:
        """Every text this label holds, with its language ('zh', 'en', or None for a language-neutral text)."""
        pairs = ((None, self.plain), ("zh", self.zh), ("en", self.en))
        return tuple((language, text) for language, text in pairs if text is not None)


class DurationUnit(StrEnum):
    """Units of a duration."""

    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of hours, days or weeks."""

    amount: int
    unit: DurationUnit

    def as_timedelta(self) -> timedelta:
        """The duration as a timedelta."""
        return timedelta(**{str(self.unit): self.amount})


def first_by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Index items by id; when ids repeat (an error reported elsewhere) the first one wins."""
    index: dict[str, Any] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index
