"""Labels and messages in Chinese and/or English, as the definition writes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """A text in one or both languages."""

    zh: str | None = None
    en: str | None = None

    @classmethod
    def both(cls, zh: str, en: str) -> Text:
        """A text given in both languages."""
        return cls(zh=zh, en=en)

    def get(self, language: str) -> str:
        """The text in `language`, else in the other one."""
        preferred, other = (self.zh, self.en) if language == "zh" else (self.en, self.zh)
        return preferred or other or ""

    def to_json(self) -> str | dict[str, str]:
        """A plain string when only one language is known, else {"zh", "en"}."""
        if self.zh and self.en:
            return {"zh": self.zh, "en": self.en}
        return self.zh or self.en or ""
