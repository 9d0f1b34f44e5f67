"""Entities and fields of a draft as readers build them, before they become definition JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from builder.model.fields import FieldType, Visibility
from builder.schema_import.naming import IdAllocator
from voice_intake.drafting.lexicon import singular
from voice_intake.drafting.naming import field_ids, option_ids
from voice_intake.drafting.texts import Text

TITLE_TYPES = frozenset({FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.URL})


class Origin(StrEnum):
    """Where an element of the draft comes from."""

    REQUEST = "request"  # a sentence said it
    TEMPLATE = "template"  # the template the draft started from has it
    IMPLIED = "implied"  # another element needs it (a follow-up time for a reminder, a customer for a ref)


@dataclass(slots=True)
class DraftOption:
    """One option of a choice field."""

    id: str
    label: Text

    def to_json(self) -> dict[str, Any]:
        """The option as the definition writes it."""
        return {"id": self.id, "label": self.label.to_json()}


@dataclass(slots=True)
class DraftField:
    """A field: its type is inferred from its name and what the request says about it."""

    id: str
    label: Text
    type: FieldType
    origin: Origin = Origin.REQUEST
    options: list[DraftOption] = field(default_factory=list)
    ref_entity: str | None = None
    currency: str | None = None
    required: bool = False
    visibility: Visibility | None = None
    options_assumed: bool = False  # options are Dabble's defaults, not the request's

    def option_matching(self, text: str) -> DraftOption | None:
        """The option whose label appears in the text (the longest one; English by word stem: negotiation/ing)."""
        found = _best(self.options, text, lambda option: option.label)
        if found is None:  # 签约 names the option 已签约
            done = [option for option in self.options if (option.label.zh or "").startswith("已")]
            found = _best(
                done, text, lambda option: Text(zh=option.label.zh[1:]) if len(option.label.zh) > 2 else Text()
            )
        if found is None:
            stems = {_stem(word) for word in re.findall(r"[a-z]+", text.lower())}
            found = next(
                (
                    option
                    for option in self.options
                    if option.label.en and " " not in option.label.en and _stem(option.label.en.lower()) in stems
                ),
                None,
            )
        return found


@dataclass(slots=True)
class DraftEntity:
    """A record type of the draft."""

    id: str
    label: Text
    origin: Origin = Origin.REQUEST
    fields: list[DraftField] = field(default_factory=list)
    ids: IdAllocator = field(default_factory=field_ids)

    def add_field(self, draft_field: DraftField) -> DraftField:
        """Add a field (its id must come from this entity's allocator)."""
        self.fields.append(draft_field)
        return draft_field

    def field(self, field_id: str) -> DraftField | None:
        """The field with this id."""
        return next((candidate for candidate in self.fields if candidate.id == field_id), None)

    def find_field(self, text: str) -> DraftField | None:
        """The field the text names: its label appears in it (longest first), or the label's last word does."""
        return _best(self.fields, text, lambda candidate: candidate.label) or _by_head_word(self.fields, text)

    def first_of(self, *types: FieldType) -> DraftField | None:
        """The first field of one of these types."""
        return next((candidate for candidate in self.fields if candidate.type in types), None)

    def title_field(self) -> DraftField | None:
        """The field that names a record: the first text-like one."""
        return self.first_of(*TITLE_TYPES)


def mentions(text: str, label: Text) -> int:
    """How long a match of the label in the text is (0: not mentioned); English matches whole words, any plural."""
    best = 0
    if label.zh and label.zh in text:
        best = len(label.zh)
    if label.en:
        words = singular(label.en.lower())
        if re.search(rf"\b(?:{_plural_forms(words)})\b", text.lower()):
            best = max(best, len(words))
    return best


def _plural_forms(words: str) -> str:
    """A pattern of the words in the singular or the plural ('opportunity' or 'opportunities')."""
    forms = [re.escape(words) + "(?:s|es)?"]
    if words.endswith("y"):
        forms.append(re.escape(words[:-1]) + "ies")
    return "|".join(forms)


def _stem(word: str) -> str:
    """A crude English stem, enough to tell 'negotiation' and 'negotiating' are one word."""
    return re.sub(r"(?:ing|ion|ed|es|s)$", "", word) if len(word) > 5 else word


def _best(items: list[Any], text: str, label_of: Any) -> Any:
    scored = [(mentions(text, label_of(item)), index, item) for index, item in enumerate(items)]
    scored = [entry for entry in scored if entry[0] > 0]
    return max(scored, key=lambda entry: (entry[0], -entry[1]))[2] if scored else None


def _by_head_word(fields: list[DraftField], text: str) -> DraftField | None:
    """A field whose label ends with a word of the text: 金额 names 合同金额, 'quantity' names 'stock quantity'."""
    lowered = text.lower()
    for candidate in fields:
        if candidate.label.zh and len(candidate.label.zh) > 2:
            for size in (3, 2):
                if candidate.label.zh[-size:] in text:
                    return candidate
        if candidate.label.en and " " in candidate.label.en:
            head = singular(candidate.label.en.lower().rsplit(" ", 1)[1])
            if len(head) > 3 and re.search(rf"\b{re.escape(head)}s?\b", lowered):
                return candidate
    return None


def new_option_allocator(existing: list[DraftOption]) -> IdAllocator:
    """An option-id allocator that knows the options already there."""
    return option_ids({option.id for option in existing})
