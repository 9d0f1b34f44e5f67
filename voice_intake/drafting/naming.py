"""Labels and ids for what a request names: '签约日期' → signing_date labelled {zh: 签约日期, en: Signing date}."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.identifiers import RESERVED_ENTITY_IDS, RESERVED_FIELD_IDS, RESERVED_WORDS, SYSTEM_FIELD_IDS
from builder.schema_import.naming import IdAllocator, slug
from voice_intake.drafting.lexicon import chinese_for, english_for, singular
from voice_intake.drafting.texts import Text

FIELD_RESERVED = RESERVED_WORDS | SYSTEM_FIELD_IDS | RESERVED_FIELD_IDS
ENTITY_RESERVED = RESERVED_WORDS | RESERVED_ENTITY_IDS
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|their|its|his|her|our|my|each|every)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Name:
    """How a thing the request names is labelled, and the words its id is made from ('' when none are known)."""

    label: Text
    id_words: str


def name_of(phrase: str, language: str, *, singular_form: bool = False) -> Name:
    """The label and id words of a phrase in the request's language."""
    phrase = _SPACES.sub(" ", phrase.strip())
    if language == "zh":
        english = english_for(phrase)
        if english is None and re.fullmatch(r"[A-Za-z0-9 _-]+", phrase):
            return Name(Text(zh=phrase, en=phrase), phrase.lower())  # a code such as A, B, VIP
        return Name(Text(zh=phrase, en=english.capitalize() if english else None), english or "")
    phrase = _LEADING_ARTICLE.sub("", phrase)
    base = singular(phrase.lower()) if singular_form else phrase.lower()
    shown = base if singular_form else phrase
    return Name(Text(zh=chinese_for(base), en=shown[:1].upper() + shown[1:]), base)


def field_ids(taken: set[str] | None = None) -> IdAllocator:
    """An allocator of field ids for one entity (reserved words get '_field')."""
    return _allocator("field", FIELD_RESERVED, "_field", taken)


def entity_ids(taken: set[str] | None = None) -> IdAllocator:
    """An allocator of entity ids (reserved words get '_record')."""
    return _allocator("entity", ENTITY_RESERVED, "_record", taken)


def element_ids(fallback: str, taken: set[str] | None = None) -> IdAllocator:
    """An allocator of ids of views, rules, workflows, roles or options."""
    return _allocator(fallback, RESERVED_WORDS, f"_{fallback}", taken)


def option_ids(taken: set[str] | None = None) -> IdAllocator:
    """An allocator of option ids (stored values, never SQL names: any word will do)."""
    return _allocator("option", frozenset(), "", taken)


def _allocator(fallback: str, reserved: frozenset[str], suffix: str, taken: set[str] | None) -> IdAllocator:
    allocator = IdAllocator(fallback, reserved, suffix)
    for identifier in taken or ():
        allocator.claim(identifier)
    return allocator


def id_text(words: str) -> str:
    """The id form of English words ('' when there are none)."""
    return slug(words)
