"""Values of a diff as short text in zh or en: labels, conditions (amount >= 50000), durations, scopes, types."""

from __future__ import annotations

import json
from typing import Any

from builder.diff.values import is_condition, is_label
from builder.messages import FIELD_TYPE_NAMES_ZH

LIMIT = 160
_VALUE_NAMES_ZH = {
    "type": FIELD_TYPE_NAMES_ZH,
    "scope": {"none": "无", "own": "本人", "team": "团队", "department": "部门", "all": "全部"},
    "visibility": {"everyone": "所有人", "collaborators": "协作者", "supervisor": "上级", "owner": "负责人"},
}
_VALUE_NAMES_ZH["read"] = _VALUE_NAMES_ZH["create"] = _VALUE_NAMES_ZH["scope"]
_VALUE_NAMES_ZH["update"] = _VALUE_NAMES_ZH["delete"] = _VALUE_NAMES_ZH["scope"]
_UNITS_ZH = {"hours": "小时", "days": "天", "weeks": "周"}
_CONDITION_WORDS = {
    "en": {"and": "and", "or": "or", "not": "not", "definition": "definition", "null": "is empty", "notNull": "is set"},
    "zh": {"and": "且", "or": "或", "not": "非", "definition": "定义", "null": "为空", "notNull": "不为空"},
}


def value_text(value: Any, lang: str, name: str = "") -> str:
    """A value in a few words: `name` (the property it belongs to) picks translations of enum values."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        return _VALUE_NAMES_ZH.get(name, {}).get(value, value) if lang == "zh" else value
    if isinstance(value, int | float):
        return str(value)
    if is_label(value):
        return label_text(value, lang)
    if is_condition(value):
        return _short(condition_text(value, lang))
    if isinstance(value, dict) and set(value) == {"amount", "unit"}:
        return duration_text(value, lang)
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return "[" + ", ".join(value_text(item, lang, name) for item in value) + "]"
    return _short(json.dumps(value, ensure_ascii=False, sort_keys=True))


def label_text(value: Any, lang: str) -> str:
    """A label's text in a language, falling back to the other one."""
    if isinstance(value, str):
        return value
    other = "en" if lang == "zh" else "zh"
    return str(value.get(lang) or value.get(other) or "")


def duration_text(value: dict[str, Any], lang: str) -> str:
    """7 days / 7天."""
    unit = str(value["unit"])
    return f"{value['amount']}{_UNITS_ZH.get(unit, unit)}" if lang == "zh" else f"{value['amount']} {unit}"


def condition_text(condition: dict[str, Any], lang: str, nested: bool = False) -> str:
    """A condition group as text: amount >= 50000 and stage = signed."""
    words = _CONDITION_WORDS["zh" if lang == "zh" else "en"]
    parts = [_item_text(item, lang) for item in condition.get("rules", [])]
    text = f" {words[condition.get('combinator', 'and')]} ".join(parts) or ("true" if lang != "zh" else "恒真")
    if condition.get("not"):
        return f"{words['not']} ({text})"
    return f"({text})" if nested and len(parts) > 1 else text


def _item_text(item: dict[str, Any], lang: str) -> str:
    words = _CONDITION_WORDS["zh" if lang == "zh" else "en"]
    if is_condition(item):
        return condition_text(item, lang, nested=True)
    if "definition" in item:
        return f"{words['definition']} {item['definition']}"
    operator, value = item.get("operator", ""), item.get("value")
    if operator in ("null", "notNull"):
        return f"{item.get('field')} {words[operator]}"
    if isinstance(value, dict) and set(value) == {"amount", "unit"}:
        shown = duration_text(value, lang)
    elif isinstance(value, list):
        shown = "[" + ", ".join(str(element) for element in value) + "]"
    else:
        bare = isinstance(value, str) and " " not in value
        shown = value if bare else json.dumps(value, ensure_ascii=False)
    return f"{item.get('field')} {operator} {shown}"


def _short(text: str) -> str:
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"
