"""Records and their fields: '合同包括合同名称、金额和阶段（起草、谈判）', 'Each lead has a name and a phone'."""

from __future__ import annotations

import re

from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import parse_items
from voice_intake.drafting.field_types import choice_word
from voice_intake.drafting.reading import Reading

_ZH_SUBJECT = (
    r"\s*(?:每一?[个条笔份张家次位]|一个|这个|该|我们的|所有的?|对于|关于)?\s*"
    r"(?P<entity>[\u4e00-\u9fffA-Za-z]{1,12}?)(?:的)?(?:基本)?(?:信息|资料|表单|字段|数据)?(?:还|也|另外|再)?(?:需要|要|应该|都|主要|必须)?"
)
# Strong verbs first: in 拜访记录包括…, 记录 belongs to the name.
_ZH_DECLARATIONS = (
    re.compile(_ZH_SUBJECT + r"(?P<verb>包括|包含|含有|有以下字段|字段有|字段包括|需要记录|要记录)[:：]?"),
    re.compile(_ZH_SUBJECT + r"(?P<verb>记录|登记|有)[:：]?"),
)
_EN_DECLARATION = re.compile(
    r"\s*(?:for\s+)?(?:each|every|a|an|the|all|our)?\s*(?P<entity>[a-z][a-z -]{0,40}?)\s+"
    r"(?P<verb>has|have|should have|must have|will have|needs|need|includes?|contains?|records?|tracks?|holds?|"
    r"stores?|captures?|with|consists? of|fields? (?:are|include)|fields?:)\s*:?\s*(?:the following(?: fields)?:?\s*)?",
    re.IGNORECASE,
)
_EN_FOR_EACH = re.compile(
    r"\s*(?:for\s+)?(?:each|every)\s+(?P<entity>[a-z][a-z -]{0,40}?),?\s+"
    r"(?P<verb>record|track|capture|store|keep|log|we need|i need|we want|i want)\s+",
    re.IGNORECASE,
)
_EN_TRACK = re.compile(r"\s*(?:track|record|log|manage)\s+(?P<entity>[a-z][a-z -]{0,40}?)\s+(?P<verb>with)\s+", re.I)
_EN_NOT_RECORDS = re.compile(
    r"^(?:i|we|it|they|you|this|that|there|he|she|reps?|managers?|directors?|everyone|everybody|sales reps?|"
    r"salespeople|app|the app|build|create|show|remind|alert|notify|only|one)$",
    re.IGNORECASE,
)
_WEAK_VERBS = frozenset({"有", "记录", "登记", "with", "has", "have", "need", "needs"})


def read_entity_lists(reading: Reading, state: DraftState) -> bool:
    """Declare the records a sentence lists fields of; whether it listed any."""
    found = False
    for start, text in list(reading.pieces()):
        match = _declaration(text, state.language)
        if match is None:
            continue
        phrase = match.group("entity").strip()
        if not _names_records(phrase, state):
            continue
        items, used = parse_items(text[match.end() :], state.language)
        if not items or (match.group("verb").lower() in _WEAK_VERBS and len(items) < 2):
            continue
        entity = state.add_entity(phrase, reading.number)
        for item in items:
            add_field(state, entity, item, reading.number)
        reading.take(start, start + match.end() + used)
        found = True
    return found


def _declaration(text: str, language: str) -> re.Match[str] | None:
    if language == "zh":
        return _ZH_DECLARATIONS[0].match(text) or _ZH_DECLARATIONS[1].match(text)
    return _EN_FOR_EACH.match(text) or _EN_TRACK.match(text) or _EN_DECLARATION.match(text)


def _names_records(phrase: str, state: DraftState) -> bool:
    """Whether a phrase names records, not a field with options (阶段分为…) or a person (reps have…)."""
    if not phrase or _EN_NOT_RECORDS.match(phrase) or choice_word(phrase, state.language) == phrase.lower():
        return False
    if any(character.isdigit() for character in phrase):
        return False
    return len(phrase.split()) <= 4
