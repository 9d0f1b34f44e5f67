"""Message templates ('Contract {title} is waiting') filled in Chinese and English; {{ and }} are literal braces."""

from __future__ import annotations

import string
from collections.abc import Callable

from builder.model.common import Label
from runtime.notifications.store import Message

LANGUAGES = ("zh", "en")
FieldText = Callable[[str, str], str]  # (field id, language) -> the value as text


def fill(text: str, field_text: Callable[[str], str]) -> str:
    """A template text with each {field} replaced by field_text(field).

    >>> fill("Deal {name} ({amount}) {{ok}}", {"name": "ACME", "amount": "5"}.get)
    'Deal ACME (5) {ok}'
    """
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError:  # publishing refuses malformed templates (rule.template_syntax); show one as written
        return text
    parts = []
    for literal, name, _spec, _conversion in pieces:
        parts.append(literal)
        if name is not None:
            parts.append(field_text(name))
    return "".join(parts)


def render(template: Label, field_text: FieldText) -> Message:
    """A template in both languages (a language-neutral template gets each language's values)."""
    zh, en = (
        fill(template.text(language), lambda name, language=language: field_text(name, language))
        for language in LANGUAGES
    )
    return Message(zh=zh, en=en)


def label_message(label: Label) -> Message:
    """A label as a message in both languages."""
    return Message(zh=label.text("zh"), en=label.text("en"))
