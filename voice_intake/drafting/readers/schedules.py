"""Scheduled reminders: '每周一早上9点提醒销售更新商机', 'every Monday at 9 am remind reps to update their deals'."""

from __future__ import annotations

import re

from voice_intake.drafting.draft_parts import DraftRule, Schedule
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.readers.rule_parts import (
    EN_NOTIFY,
    ZH_NOTIFY,
    add_rule,
    new_rule_id,
    option_conditions,
    plain,
    recipients,
)
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text

_ZH_WEEKDAYS = {"一": "mon", "二": "tue", "三": "wed", "四": "thu", "五": "fri", "六": "sat", "日": "sun", "天": "sun"}
_EN_WEEKDAYS = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_ZH_WEEKLY = re.compile(r"每(?:个)?(?:周|星期|礼拜)([一二三四五六日天])")
_ZH_DAILY = re.compile(r"每天|每日|每个工作日|每晚|每早")
_ZH_MONTHLY = re.compile(r"每(?:个)?月(?:的)?\s*(\d{1,2})\s*(?:号|日)|每月(?:初|第一天)")
_ZH_TIME = re.compile(r"(早上|上午|中午|下午|晚上|傍晚|凌晨)?\s*(\d{1,2})\s*(?:点|:|：)\s*(半|\d{1,2})?")
_ZH_PERIOD_ONLY = {"早上": 9, "上午": 9, "中午": 12, "下午": 15, "晚上": 20, "傍晚": 18}
_EN_WEEKLY = re.compile(r"\b(?:every|each|on)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_EN_DAILY = re.compile(r"\b(?:every|each)\s+(?:day|morning|evening|weekday|night)\b|\bdaily\b", re.I)
_EN_MONTHLY = re.compile(
    r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(?:each|every|the)\s+month\b|"
    r"\b(?:first day|start) of (?:each|every|the) month\b|\bmonthly\b|\bevery month\b",
    re.I,
)
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\bat\s+(\d{1,2}):(\d{2})\b|\b(noon|midday)\b", re.I)
_EN_PERIOD_ONLY = {"morning": 9, "afternoon": 15, "evening": 18, "night": 20}


def read_schedules(reading: Reading, state: DraftState) -> bool:
    """A rule that alerts people at a time of day, daily, weekly or monthly."""
    zh = state.language == "zh"
    text = reading.remaining()
    if not (ZH_NOTIFY if zh else EN_NOTIFY).search(text):
        return False
    schedule = _zh_schedule(text) if zh else _en_schedule(text)
    if schedule is None:
        return False
    entity = state.entity_for(text, reading.number)
    said = plain(reading.sentence.text)
    rule = DraftRule(
        new_rule_id(state, f"{schedule.frequency} reminder"),
        Text(zh=said[:60]) if zh else Text(en=said[:60]),
        entity.id,
        schedule,
        option_conditions(entity, text),
        recipients(state, entity, text),
        Text(zh=said) if zh else Text(en=said),
        "info",
    )
    when = (
        schedule.frequency
        + (f" {schedule.weekday}" if schedule.weekday else "")
        + (f" {schedule.day}" if schedule.day else "")
        + f" {schedule.time}"
    )
    summary = Text.both(
        f"定时规则：{when}，通知 {'、'.join(party.label.get('zh') for party in rule.recipients)}",
        f"scheduled rule: {when}, tell {', '.join(party.label.get('en') for party in rule.recipients)}",
    )
    add_rule(state, rule, reading.number, summary)
    if schedule.day != _monthly_day(text, zh):
        state.note(
            reading.number,
            Text.both("每月的日期最多为 28 号，已改为 28 号。", "Monthly days go up to 28: 28 was used."),
        )
    reading.take_all()
    return True


def _zh_schedule(text: str) -> Schedule | None:
    time = _zh_time(text)
    if match := _ZH_WEEKLY.search(text):
        return Schedule("weekly", time, weekday=_ZH_WEEKDAYS[match.group(1)])
    if _ZH_MONTHLY.search(text):
        return Schedule("monthly", time, day=min(_monthly_day(text, True) or 1, 28))
    if _ZH_DAILY.search(text):
        return Schedule("daily", time)
    return None


def _en_schedule(text: str) -> Schedule | None:
    time = _en_time(text)
    if match := _EN_WEEKLY.search(text):
        return Schedule("weekly", time, weekday=_EN_WEEKDAYS[match.group(1).lower()])
    if _EN_MONTHLY.search(text):
        return Schedule("monthly", time, day=min(_monthly_day(text, False) or 1, 28))
    if _EN_DAILY.search(text):
        return Schedule("daily", time)
    return None


def _monthly_day(text: str, zh: bool) -> int | None:
    match = _ZH_MONTHLY.search(text) if zh else _EN_MONTHLY.search(text)
    if match is None or not match.group(1):
        return 1 if match else None
    return int(match.group(1))


def _zh_time(text: str) -> str:
    match = _ZH_TIME.search(text)
    if match is None:
        period = next((name for name in _ZH_PERIOD_ONLY if name in text), None)
        return f"{_ZH_PERIOD_ONLY[period] if period else 9:02d}:00"
    period, hour, minute = match.group(1), int(match.group(2)), match.group(3)
    if period in ("下午", "晚上", "傍晚") and hour < 12:
        hour += 12
    minutes = 30 if minute == "半" else int(minute or 0)
    return f"{min(hour, 23):02d}:{min(minutes, 59):02d}"


def _en_time(text: str) -> str:
    match = _EN_TIME.search(text)
    if match is None:
        period = next((name for name in _EN_PERIOD_ONLY if re.search(rf"\b{name}\b", text, re.I)), None)
        return f"{_EN_PERIOD_ONLY[period] if period else 9:02d}:00"
    if match.group(6):
        return "12:00"
    if match.group(1):
        hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), match.group(3).lower()
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    else:
        hour, minute = int(match.group(4)), int(match.group(5))
    return f"{min(hour, 23):02d}:{min(minute, 59):02d}"
