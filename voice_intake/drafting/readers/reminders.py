"""Time-window rules: '谈判阶段超过72小时未跟进提醒负责人', 'alert the owner if a lead is not contacted in 24 hours'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model.fields import FieldType
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, Origin
from voice_intake.drafting.draft_parts import Comparison, DraftRule, TimeElapsed
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.quantities import duration_of
from voice_intake.drafting.readers.rule_parts import (
    EN_NOTIFY,
    ZH_NOTIFY,
    add_rule,
    new_rule_id,
    option_conditions,
    recipients,
    severity,
    title_placeholder,
)
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text


@dataclass(frozen=True, slots=True)
class Activity:
    """Something that should happen to a record in time, and the field dating when it last did."""

    zh: str
    en: str
    field_zh: str | None  # None: the record's creation or last update dates it
    field_en: str | None
    pattern_zh: str
    pattern_en: str


ACTIVITIES = (
    Activity("跟进", "followed up", "最近跟进时间", "last follow-up time", r"跟进|回访",
             r"follow(?:ed)?[- ]?up|touched"),
    Activity("联系", "contacted", "最近联系时间", "last contact time", r"联系|联络|回复|响应",
             r"contact(?:ed)?|called|reached|responded|replied|answered"),
    Activity("拜访", "visited", "最近拜访时间", "last visit time", r"拜访|上门", r"visit(?:ed)?"),
    Activity("更新", "updated", None, None, r"更新|修改", r"updated|changed"),
    Activity("处理", "handled", None, None, r"处理|解决|完成|关闭|审批",
             r"handled|resolved|closed|completed|processed"),
)  # fmt: skip
_ZH_NEGATION = r"(?:未|没有|没人|没|尚未|仍未|还没有?|无人|不)"
_EN_NEGATION = re.compile(r"\b(?:not|no|without|never|hasn't|haven't|isn't|aren't|wasn't|weren't)\b|n't\b", re.I)
_ZH_NEW = re.compile(r"(?<![更最重创])新")
_EN_NEW = re.compile(r"\b(?:new|newly created|created)\b", re.I)
_DONE_WORDS = re.compile(r"已解决|已完成|已关闭|已处理|完成|关闭|resolved|closed|done|completed|handled", re.I)


def read_reminders(reading: Reading, state: DraftState) -> bool:
    """Add a reminder rule for each clause saying something must not wait longer than a duration."""
    zh = state.language == "zh"
    text = reading.remaining()
    if not (ZH_NOTIFY if zh else EN_NOTIFY).search(text):
        return False
    for quantity in reading.quantities():
        duration = duration_of(quantity)
        activity = _activity(text, zh) if duration else None
        if duration is None or activity is None:
            continue
        entity = state.entity_for(text, reading.number)
        trigger_field, conditions = _timing(state, entity, activity, text, reading.number)
        conditions += [c for c in option_conditions(entity, text) if c.field not in {x.field for x in conditions}]
        amount, unit = duration
        if unit == "hours" and _is_date(entity, trigger_field):
            amount, unit = max(1, amount // 24), "days"
        rule = DraftRule(
            new_rule_id(state, f"remind {activity.en}"),
            Text.both(
                f"超过{_shown(amount, unit, 'zh')}未{activity.zh}提醒",
                f"Not {activity.en} for {_shown(amount, unit, 'en')}",
            ),
            entity.id,
            TimeElapsed(trigger_field, amount, unit),
            conditions,
            recipients(state, entity, text),
            _message(entity, activity, amount, unit),
            severity(state, text),
        )
        summary = Text.both(
            f"规则：{rule.label.get('zh')}（{entity.label.get('zh')}，通知 {_names(rule, 'zh')}）",
            f"rule: {rule.label.get('en')} ({entity.label.get('en')}, tell {_names(rule, 'en')})",
        )
        add_rule(state, rule, reading.number, summary)
        reading.take_all()
        return True
    return False


def _activity(text: str, zh: bool) -> Activity | None:
    for activity in ACTIVITIES:
        if zh and re.search(_ZH_NEGATION + r".{0,3}?(?:" + activity.pattern_zh + ")", text):
            return activity
        if not zh and re.search(rf"\b(?:{activity.pattern_en})\b", text, re.I) and _EN_NEGATION.search(text):
            return activity
    return None


def _timing(
    state: DraftState, entity: DraftEntity, activity: Activity, text: str, sentence: int
) -> tuple[str, list[Comparison]]:
    """The field whose age fires the rule, and the conditions that make the rule apply."""
    is_new = bool((_ZH_NEW if state.language == "zh" else _EN_NEW).search(text))
    if activity.field_zh is None:
        if activity.zh == "处理":
            return "created_at", _not_done(entity)
        return "updated_at", []
    dated = _activity_field(state, entity, activity, sentence)
    if is_new:  # a new record nobody has contacted yet: count from its creation, while the field is empty
        return "created_at", [Comparison(dated.id, "null")]
    return dated.id, []


def _activity_field(state: DraftState, entity: DraftEntity, activity: Activity, sentence: int) -> DraftField:
    label = activity.field_zh if state.language == "zh" else activity.field_en
    existing = entity.find_field(label or "")
    if existing is not None and existing.type in (FieldType.DATE, FieldType.DATETIME):
        return existing
    return add_field(state, entity, FieldItem(label or ""), sentence, Origin.IMPLIED)


def _not_done(entity: DraftEntity) -> list[Comparison]:
    for draft_field in entity.fields:
        done = [
            option.id
            for option in draft_field.options
            if _DONE_WORDS.search(option.label.get("zh") + " " + option.label.get("en"))
        ]
        if draft_field.type is FieldType.CHOICE and done:
            return [Comparison(draft_field.id, "notIn", done)]
    return []


def _is_date(entity: DraftEntity, field_id: str) -> bool:
    draft_field = entity.field(field_id)
    return draft_field is not None and draft_field.type is FieldType.DATE


def _message(entity: DraftEntity, activity: Activity, amount: int, unit: str) -> Text:
    title = title_placeholder(entity)
    return Text.both(
        f"{entity.label.get('zh')} {title} 已超过{_shown(amount, unit, 'zh')}未{activity.zh}",
        f"{entity.label.get('en')} {title} has not been {activity.en} for {_shown(amount, unit, 'en')}",
    )


def _shown(amount: int, unit: str, language: str) -> str:
    if language == "zh":
        return f"{amount}{ {'hours': '小时', 'days': '天', 'weeks': '周'}[unit] }"
    return f"{amount} {unit if amount != 1 else unit[:-1]}"


def _names(rule: DraftRule, language: str) -> str:
    return ("、" if language == "zh" else ", ").join(party.label.get(language) for party in rule.recipients)
