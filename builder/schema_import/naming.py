"""Valid, unique Dabble ids made from JSON Schema property names and enum values."""

from __future__ import annotations

import re

from builder.identifiers import (
    IDENTIFIER_MAX_LENGTH,
    RESERVED_ENTITY_IDS,
    RESERVED_FIELD_IDS,
    RESERVED_WORDS,
    SYSTEM_FIELD_IDS,
)

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_ID_CHARACTERS = re.compile(r"[^a-z0-9]+")

FIELD_RESERVED = RESERVED_WORDS | SYSTEM_FIELD_IDS | RESERVED_FIELD_IDS
ENTITY_RESERVED = RESERVED_WORDS | RESERVED_ENTITY_IDS


def slug(name: str) -> str:
    """The ASCII words of a name, lower-case, joined by '_' ('firstName' → 'first_name'); '' when there are none."""
    text = _CAMEL_BOUNDARY.sub("_", name).lower()
    return _NOT_ID_CHARACTERS.sub("_", text).strip("_")


def _fit(base: str, suffix: str) -> str:
    """`base` + `suffix`, cutting `base` so the result stays within the id length limit."""
    return base[: IDENTIFIER_MAX_LENGTH - len(suffix)].rstrip("_") + suffix


class IdAllocator:
    """Hands out ids of one collection: valid form, not reserved, unique; `fallback_N` for names with no ASCII."""

    def __init__(self, fallback: str, reserved: frozenset[str] = frozenset(), reserved_suffix: str = "_field") -> None:
        self._fallback = fallback
        self._reserved = reserved
        self._reserved_suffix = reserved_suffix
        self._taken: set[str] = set()
        self._fallbacks = 0

    def part(self, name: str) -> str:
        """The id text of one name, before prefixing: its slug, or the next `fallback_N`."""
        text = slug(name)
        if text:
            return text
        self._fallbacks += 1
        return f"{self._fallback}_{self._fallbacks}"

    def allocate(self, name: str, prefix: str = "") -> str:
        """A fresh id for `name` (under `prefix`, as in `address_city`)."""
        text = self.part(name)
        return self.claim(f"{prefix}_{text}" if prefix else text)

    def claim(self, text: str) -> str:
        """Make `text` a valid, unreserved, unused id and take it."""
        if not ("a" <= text[0] <= "z"):
            text = f"{self._fallback[0]}_{text}"
        text = text[:IDENTIFIER_MAX_LENGTH].rstrip("_")
        if text in self._reserved:
            text = _fit(text, self._reserved_suffix)
        base, number = text, 2
        while text in self._taken:
            text = _fit(base, f"_{number}")
            number += 1
        self._taken.add(text)
        return text
