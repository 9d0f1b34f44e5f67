"""Event rules: '金额超过100万时通知总监', 'notify finance when a contract is signed', 'alert purchasing below 100'."""

from __future__ import annotations

import re

from builder.model.fields import NUMERIC_TYPES, FieldType
from voice_intake.drafting.draft_fields import DraftEntity, DraftField
from voice_intake.drafting.draft_parts import Comparison, DraftRule, FieldChanged, RecordCreated
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.quantities import DURATIONS
from voice_intake.drafting.readers.rule_parts import (
    EN_NOTIFY,
    ZH_NOTIFY,
    add_rule,
    new_rule_id,
    option_conditions,
    plain,
    recipients,
    severity,
    title_placeholder,
)
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text
from voice_intake.drafting.thresholds import clause_range

_ZH_CREATED = re.compile(r"新建|新增|创建|录入|提交|新(?:的)?(?:\w{1,4})?(?:时|后)")
_EN_CREATED = re.compile(r"\b(?:created|new|entered|submitted|added|logged)\b", re.I)


def read_notifications(reading: Reading, state: DraftState) -> bool:
    """A rule alerting people when a value crosses a threshold or a choice takes a value."""
    zh = state.language == "zh"
    text = reading.remaining()
    if not (ZH_NOTIFY if zh else EN_NOTIFY).search(text):
        return False
    if any(quantity.measure in DURATIONS for quantity in reading.quantities()):
        return False  # a time window: the reminders reader's
    entity = state.entity_for(text, reading.number)
    created = bool((_ZH_CREATED if zh else _EN_CREATED).search(text))
    threshold = _threshold(reading, state, entity, text)
    options = option_conditions(entity, text)
    if threshold is not None:
        measured, conditions = threshold
        trigger = RecordCreated() if created else FieldChanged(measured.id)
        conditions += options
    elif options:
        conditions = options
        first = options[0]
        trigger = RecordCreated() if created else FieldChanged(first.field, to=first.value)
        conditions = options if created else options[1:]
    else:
        return False
    said = plain(reading.sentence.text)
    rule = DraftRule(
        new_rule_id(state, f"notify {entity.id}"),
        Text(zh=said[:60]) if zh else Text(en=said[:60]),
        entity.id,
        trigger,
        conditions,
        recipients(state, entity, text),
        _message(entity, _facts(trigger, conditions), state.language),
        severity(state, text, "info"),
    )
    where = " 且 ".join(f"{c.field} {c.operator} {c.value}" for c in conditions) or "—"
    summary = Text.both(
        f"规则：{_trigger_zh(trigger)}，条件 {where}，通知 {'、'.join(p.label.get('zh') for p in rule.recipients)}",
        f"rule: {_trigger_en(trigger)}, when {where.replace(' 且 ', ' and ')}, "
        f"tell {', '.join(p.label.get('en') for p in rule.recipients)}",
    )
    add_rule(state, rule, reading.number, summary)
    reading.take_all()
    return True


def _threshold(
    reading: Reading, state: DraftState, entity: DraftEntity, text: str
) -> tuple[DraftField, list[Comparison]] | None:
    found = clause_range(text, reading.quantities(), state.language)
    if found is None:
        return None
    named = entity.find_field(text)
    measured = named if named is not None and named.type in NUMERIC_TYPES else _first_numeric(entity)
    if measured is None:
        return None
    low, high = found
    comparisons = []
    if low is not None:
        comparisons.append(Comparison(measured.id, ">=" if low.closed else ">", low.value))
    if high is not None:
        comparisons.append(Comparison(measured.id, "<=" if high.closed else "<", high.value))
    return measured, comparisons


def _first_numeric(entity: DraftEntity) -> DraftField | None:
    return entity.first_of(FieldType.MONEY) or entity.first_of(FieldType.INTEGER, FieldType.NUMBER, FieldType.PERCENT)


def _facts(trigger: RecordCreated | FieldChanged, conditions: list[Comparison]) -> list[Comparison]:
    """What holds when the rule fires: the value a field changed to, and the conditions."""
    if isinstance(trigger, FieldChanged) and trigger.to is not None:
        return [Comparison(trigger.field, "=", trigger.to), *conditions]
    return conditions


def _message(entity: DraftEntity, facts: list[Comparison], language: str) -> Text:
    """'合同 {title}：阶段 = 已签约' / 'Contract {title}: Stage = Signed': the record and why the rule fired."""
    shown = []
    for fact in facts:
        draft_field = entity.field(fact.field)
        option = next((o for o in draft_field.options if o.id == fact.value), None) if draft_field else None
        name = draft_field.label.get(language) if draft_field else fact.field
        value = option.label.get(language) if option else fact.to_json().get("value", "")
        shown.append(f"{name} {fact.operator} {value}".strip())
    title = title_placeholder(entity)
    if language == "zh":
        return Text(zh=f"{entity.label.get('zh')} {title}：{'，'.join(shown)}")
    return Text(en=f"{entity.label.get('en')} {title}: {', '.join(shown)}")


def _trigger_zh(trigger: RecordCreated | FieldChanged) -> str:
    if isinstance(trigger, RecordCreated):
        return "新建时"
    return f"{trigger.field} 变为 {trigger.to} 时" if trigger.to else f"{trigger.field} 变化时"


def _trigger_en(trigger: RecordCreated | FieldChanged) -> str:
    if isinstance(trigger, RecordCreated):
        return "on creation"
    return f"when {trigger.field} becomes {trigger.to}" if trigger.to else f"when {trigger.field} changes"
