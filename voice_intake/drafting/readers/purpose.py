"""What the app is for: '做一个合同审批应用' names the app and the records it is about."""

from __future__ import annotations

import re

from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.naming import name_of
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text

_ZH_PURPOSE = re.compile(
    r"(?:我们?|请|帮我)?(?:想|要|需要|希望|打算)?(?:做|建|创建|搭建|开发|弄|设计|生成)(?:一)?(?:个|套|款)"
    r"(?P<name>[\u4e00-\u9fffA-Za-z]{1,16}?)(?:的)?(?:应用|系统|工具|app|App|APP|小程序)"
)
_ZH_TITLE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff]{1,10}(?:审批|管理|跟踪))(?:应用|系统)?[:：]")
_EN_PURPOSE = re.compile(
    r"\b(?:build|create|make|need|want|set up|design|give me)\s+(?:me\s+)?(?:a|an)\s+"
    r"(?:(?:app|application|tool|system)\s+(?:to|for|that)\s+(?:track|manage|record|log|handle|approve|tracks|"
    r"manages|records)?\s*(?P<object>[a-z][a-z -]{1,40}?)(?=[.,;]|$)|(?P<name>[a-z][a-z -]{1,40}?)\s+"
    r"(?P<kind>app|application|tracker|system|tool|register|log|workflow)\b)",
    re.IGNORECASE,
)
_EN_TITLE = re.compile(
    r"^\s*(?P<name>[A-Za-z][A-Za-z ]{1,30}\s(?:approvals?|tracker|tracking|management))\s*(?:app)?:", re.I
)
_ZH_NOT_RECORDS = re.compile(r"(?:审批|管理|跟踪|追踪|登记|台账|统计|系统|流程)$")
_EN_NOT_RECORDS = re.compile(
    r"\s+(?:approvals?|management|tracking|tracker|register|log|workflow|requests? process)$", re.IGNORECASE
)


def read_purpose(reading: Reading, state: DraftState) -> str | None:
    """The records the app is about, as the request words them (None when the sentence does not say)."""
    text = reading.remaining()
    if state.language == "zh":
        match = _ZH_PURPOSE.search(text) or _ZH_TITLE.match(text)
        phrase = match.group("name") if match else None
    else:
        match = _EN_PURPOSE.search(text) or _EN_TITLE.match(text)
        phrase = (match.group("name") or match.groupdict().get("object")) if match else None
        kind = (match.groupdict().get("kind") or "").lower() if match else ""
        if phrase and kind in ("tracker", "register", "log", "workflow"):
            phrase = f"{phrase} {kind}"
    if not match or not phrase:
        return None
    reading.take(match.start(), match.end())
    if not state.app_words:  # the first purpose names the app (over a template's name)
        name = name_of(phrase, state.language)
        state.app_label = name.label
        state.app_words = name.id_words
        summary = Text.both(f"应用 {name.label.get('zh')}", f"app {name.label.get('en')}")
        state.record(ElementKind.APP, "app", summary, reading.number)
    pattern = _ZH_NOT_RECORDS if state.language == "zh" else _EN_NOT_RECORDS
    return pattern.sub("", phrase.strip()) or phrase
