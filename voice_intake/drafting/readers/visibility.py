"""Who may see a field: '毛利说明仅直属上级可见', 'The cost price is visible only to me'."""

from __future__ import annotations

import re

from builder.model.fields import Visibility
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text

# (level, pattern): the supervisor forms come first, since they also mention 我 / me.
_ONLY = r"(?:仅|只有|只能|只让|只给|仅限)"
_SEE = r"(?:才)?(?:能|可以)?(?:看到|看见|查看|看)"
_ZH_LEVELS = (
    (Visibility.SUPERVISOR, re.compile(
        rf"{_ONLY}(?:我和)?(?:我的|本人的?|负责人的?|本人和|自己和)?(?:直属|直接)?(?:上级|主管|领导|经理)(?:和本人|和我|和自己)?"
        rf"(?:{_SEE}|可见)|(?:直属|直接)?(?:上级|主管|领导)可见")),
    (Visibility.COLLABORATORS,
     re.compile(r"(?:跨部门)?(?:协作者?|协作人员|共享的人|合作的人)(?:才)?(?:能|可以)?(?:看到|查看|可见)")),
    (Visibility.OWNER, re.compile(rf"{_ONLY}(?:我|本人|自己|负责人|录入人)(?:自己)?(?:{_SEE}|可见)|私密|保密")),
)  # fmt: skip
_EN_WHO = (
    (Visibility.SUPERVISOR, re.compile(r"\b(?:supervisor|manager|boss|superior|line manager)\b", re.I)),
    (Visibility.COLLABORATORS, re.compile(r"\b(?:collaborators?|people (?:it is )?shared with|team working)\b", re.I)),
    (Visibility.OWNER, re.compile(r"\b(?:me|i|myself|the owner|its owner|the rep|owner)\b", re.I)),
)
_EN_STATEMENTS = (
    re.compile(
        r"(?:the\s+)?(?P<field>[a-z][a-z -]{0,40}?)\s+(?:is|should be|must be|are|should only be|is only)\s+"
        r"(?:only\s+)?visible\s+(?:only\s+)?to\s+(?P<who>[a-z' ]{1,40})",
        re.I,
    ),
    re.compile(
        r"only\s+(?P<who>[a-z' ]{1,40}?)\s+(?:can|may|should|are allowed to|is allowed to)\s+(?:see|view|read)\s+"
        r"(?:the\s+)?(?P<field>[a-z][a-z -]{0,40})",
        re.I,
    ),
    re.compile(r"(?:the\s+)?(?P<field>[a-z][a-z -]{0,40}?)\s+(?:is|should be)\s+(?P<who>private)\b", re.I),
)
_LEVEL_NAMES = {
    Visibility.OWNER: ("仅本人可见", "visible only to its owner"),
    Visibility.SUPERVISOR: ("仅本人和直属上级可见", "visible only to its owner and their supervisor"),
    Visibility.COLLABORATORS: ("协作者可见", "visible to collaborators"),
}


def read_visibility(reading: Reading, state: DraftState) -> bool:
    """Narrow the visibility of the field a clause names; whether one was found."""
    found = False
    for part in reading.clauses():
        clause = part.text
        statement = _zh_statement(clause) if state.language == "zh" else _en_statement(clause)
        if statement is None:
            continue
        level, phrase = statement
        entity = state.find_entity(clause) or state.entity_for(clause, reading.number)
        draft_field = entity.find_field(phrase) if phrase else None
        if draft_field is None and phrase:
            draft_field = add_field(state, entity, FieldItem(phrase), reading.number)
        if draft_field is None:
            continue
        draft_field.visibility = level
        zh, en = _LEVEL_NAMES[level]
        summary = Text.both(f"{draft_field.label.get('zh')}：{zh}", f"{draft_field.label.get('en')}: {en}")
        state.record(ElementKind.VISIBILITY, f"{entity.id}.{draft_field.id}", summary, reading.number)
        reading.take(part.start, part.end)
        found = True
    return found


def _zh_statement(clause: str) -> tuple[Visibility, str] | None:
    for level, pattern in _ZH_LEVELS:
        match = pattern.search(clause)
        if match:
            phrase = (clause[: match.start()] + clause[match.end() :]).strip(" ，。的")
            phrase = re.sub(r"^(?:客户的|合同的|该|这个)|(?:字段|信息)$", "", phrase)
            return level, phrase
    return None


def _en_statement(clause: str) -> tuple[Visibility, str] | None:
    for pattern in _EN_STATEMENTS:
        match = pattern.search(clause)
        if match is None:
            continue
        who = match.group("who")
        if who.lower() == "private":
            return Visibility.OWNER, match.group("field").strip()
        for level, words in _EN_WHO:
            if words.search(who):
                return level, match.group("field").strip()
    return None
