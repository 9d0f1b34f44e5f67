"""What a sentence says of one field: its options ('阶段分为…'), that it is required ('金额必填')."""

from __future__ import annotations

import re

from voice_intake.drafting.draft_fields import DraftEntity, DraftField
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.field_factory import add_field, set_options
from voice_intake.drafting.field_items import FieldItem, split_options
from voice_intake.drafting.field_types import choice_word
from voice_intake.drafting.lexicon import singular
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text

_ZH_OPTIONS = re.compile(
    r"(?P<subject>[\u4e00-\u9fff]{1,12}?)(?:分为|包括|有|可以是|可选|的选项有|选项有|取值有|为)[:：]?(?P<list>.+)"
)
_EN_OPTIONS = re.compile(
    r"(?:the\s+)?(?P<subject>[a-z][a-z ]{0,40}?)\s+(?:can be|could be|is one of|are|options are|values are|"
    r"may be|has options|is either|include)\s*:?\s*(?P<list>.+)",
    re.IGNORECASE,
)
_ZH_REQUIRED = re.compile(r"(?P<fields>[\u4e00-\u9fff、和及]{1,40}?)(?:为|是|都是|都)?(?:必填|必须填写|不能为空)")
_EN_REQUIRED = re.compile(
    r"(?:the\s+)?(?P<fields>[a-z][a-z ,]{0,60}?)\s+(?:is|are)\s+(?:required|mandatory)|"
    r"(?P<fields2>[a-z][a-z ,]{0,60}?)\s+must be (?:filled in|given|entered)",
    re.IGNORECASE,
)


def read_options(reading: Reading, state: DraftState) -> bool:
    """'阶段分为起草、谈判和已签约' / 'Stages are drafting, negotiating and signed': a choice field's options."""
    pattern = _ZH_OPTIONS if state.language == "zh" else _EN_OPTIONS
    for start, text in list(reading.pieces()):
        match = pattern.match(text)
        if match is None:
            continue
        options = split_options(match.group("list"))
        subject = match.group("subject").strip()
        if len(options) < 2 or any(len(option) > 20 for option in options):
            continue
        entity, draft_field = _field_named(subject, reading, state)
        if draft_field is None:
            if not choice_word(singular(subject.lower()), state.language):
                continue
            entity = entity or state.entity_for(reading.remaining(), reading.number)
            draft_field = add_field(state, entity, FieldItem(_singular(subject, state.language)), reading.number)
        set_options(state, entity, draft_field, options, reading.number)
        reading.take(start, start + match.end())
        return True
    return False


def read_required(reading: Reading, state: DraftState) -> bool:
    """'客户名称和金额必填' / 'The amount is required': those fields become required."""
    match = (_ZH_REQUIRED if state.language == "zh" else _EN_REQUIRED).search(reading.remaining())
    if match is None:
        return False
    named = match.group("fields") or match.group("fields2") or ""
    marked = False
    for part in re.split(r"[、,，]|和|及|\s+and\s+", named):
        entity, draft_field = _field_named(part.strip(), reading, state)
        if entity is None or draft_field is None:
            continue
        draft_field.required = True
        summary = Text.both(f"{draft_field.label.get('zh')} 必填", f"{draft_field.label.get('en')} is required")
        state.record(ElementKind.REQUIRED, f"{entity.id}.{draft_field.id}", summary, reading.number)
        marked = True
    if marked:
        reading.take(match.start(), match.end())
    return marked


def _field_named(phrase: str, reading: Reading, state: DraftState) -> tuple[DraftEntity | None, DraftField | None]:
    """The field a phrase names, in the entity the sentence names or any entity (main first)."""
    if not phrase:
        return None, None
    named = state.find_entity(reading.remaining())
    candidates = [entity for entity in (named, state.main_entity(), *state.entities) if entity is not None]
    for entity in candidates:
        draft_field = entity.find_field(_singular(phrase, state.language))
        if draft_field is not None:
            return entity, draft_field
    return named, None


def _singular(phrase: str, language: str) -> str:
    return phrase if language == "zh" else singular(phrase.lower())
