"""Views: '按阶段看板展示合同', 'show a kanban of leads by status', '按来源统计金额的柱状图', 'a calendar of visits'."""

from __future__ import annotations

import re

from builder.model.fields import FieldType
from builder.model.views import AggregateFunction, Period, WidgetKind
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, mentions
from voice_intake.drafting.draft_parts import CalendarView, ChartWidget, KanbanView
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.field_factory import add_field, make_choice
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.texts import Text

_VIEW_JOINS = re.compile(r"并且|并|同时|另外|还要|\s+and\s+(?=(?:a|an|the|also)\b)", re.I)
_ZH_CHART = re.compile(r"图|统计|趋势|走势|漏斗|汇总|报表|分布|排名|仪表盘")
_EN_CHART = re.compile(r"\b(?:chart|graph|pie|trend|funnel|breakdown|report|dashboard|distribution|ranking)\b", re.I)
_ZH_KANBAN = re.compile(r"看板|卡片")
_EN_KANBAN = re.compile(r"\b(?:kanban|board|pipeline view)\b", re.I)
_ZH_CALENDAR = re.compile(r"日历|日程")
_EN_CALENDAR = re.compile(r"\bcalendar\b", re.I)
_KINDS = (
    (WidgetKind.PIE, r"饼|\bpie\b"),
    (WidgetKind.LINE, r"折线|趋势|走势|\bline\b|\btrend\b|over time"),
    (WidgetKind.FUNNEL, r"漏斗|\bfunnel\b"),
)
_BUCKETS = (
    (Period.MONTH, r"按月|每月|月度|各月|\bmonth|\bmonthly\b|over time|趋势"),
    (Period.WEEK, r"按周|每周|\bweek"),
    (Period.QUARTER, r"季度|\bquarter"),
    (Period.YEAR, r"按年|年度|\byear"),
    (Period.DAY, r"按天|每天|\bdai|\bday\b"),
)
_BUCKET_NAMES = {
    Period.DAY: ("天", "day"),
    Period.WEEK: ("周", "week"),
    Period.MONTH: ("月", "month"),
    Period.QUARTER: ("季度", "quarter"),
    Period.YEAR: ("年", "year"),
}
_ZH_BY = re.compile(r"(?:按照?|根据|按各)|各(?=[\u4e00-\u9fff]{1,6}的)")
_EN_BY = re.compile(r"\b(?:by|per|for each|across)\b", re.I)
_ZH_COUNT = re.compile(r"数量|个数|多少|次数|数目|数$|计数")
_EN_COUNT = re.compile(r"\b(?:number of|count of|count|how many)\b", re.I)
_AVERAGE = re.compile(r"平均|\baverage\b|\bmean\b", re.I)
_OWNER_WORDS = re.compile(r"销售|负责人|人员|每个人|\b(?:reps?|owners?|salespe\w+|sales ?person)\b", re.I)
_GROUPABLE = frozenset(
    {
        FieldType.TEXT,
        FieldType.EMAIL,
        FieldType.PHONE,
        FieldType.URL,
        FieldType.INTEGER,
        FieldType.RATING,
        FieldType.BOOLEAN,
        FieldType.DATE,
        FieldType.DATETIME,
        FieldType.CHOICE,
        FieldType.USER,
        FieldType.REF,
    }
)
_SUMMABLE = frozenset({FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT, FieldType.RATING})


def read_views(reading: Reading, state: DraftState) -> bool:
    """Add the kanban boards, charts and calendars the clauses of a sentence ask for."""
    zh = state.language == "zh"
    found = False
    for part in reading.clauses():
        used = False
        for clause in (piece for piece in _VIEW_JOINS.split(part.text) if piece.strip()):
            entity = state.find_entity(clause) or state.entity_for(reading.remaining(), reading.number)
            if (_ZH_CHART if zh else _EN_CHART).search(clause):
                used |= _chart(state, entity, clause, reading.number)
            elif (_ZH_KANBAN if zh else _EN_KANBAN).search(clause):
                used |= _kanban(state, entity, clause, reading.number)
            elif (_ZH_CALENDAR if zh else _EN_CALENDAR).search(clause):
                used |= _calendar(state, entity, clause, reading.number)
        if used:
            reading.take(part.start, part.end)
            found = True
    return found


def _kanban(state: DraftState, entity: DraftEntity, clause: str, sentence: int) -> bool:
    grouped = _grouping_field(state, entity, clause, (FieldType.CHOICE, FieldType.TEXT))
    if grouped is None or not make_choice(state, grouped, sentence):
        grouped = entity.first_of(FieldType.CHOICE) or _status_field(state, entity, sentence)
    if grouped is None:
        return False
    shown = [f.id for f in entity.fields if f.id != grouped.id and f.type is not FieldType.LONGTEXT][:3]
    view = KanbanView(
        state.view_ids.allocate(f"{entity.id} board"),
        Text.both(f"{entity.label.get('zh')}看板", f"{entity.label.get('en')} board"),
        entity.id,
        grouped.id,
        shown,
    )
    state.kanbans.append(view)
    summary = Text.both(
        f"看板 {view.label.get('zh')}（按{grouped.label.get('zh')}分列）",
        f"kanban {view.label.get('en')} (lanes by {grouped.label.get('en')})",
    )
    state.record(ElementKind.VIEW, view.id, summary, sentence)
    return True


def _chart(state: DraftState, entity: DraftEntity, clause: str, sentence: int) -> bool:
    kind = next((kind for kind, pattern in _KINDS if re.search(pattern, clause, re.I)), WidgetKind.BAR)
    bucket = next((period for period, pattern in _BUCKETS if re.search(pattern, clause, re.I)), None)
    grouped = _grouping_field(state, entity, clause, tuple(_GROUPABLE))
    group_id, group_label = (grouped.id, grouped.label) if grouped else (None, None)
    if bucket is not None and (grouped is None or grouped.type not in (FieldType.DATE, FieldType.DATETIME)):
        dated = entity.first_of(FieldType.DATE, FieldType.DATETIME)
        group_id, group_label = (dated.id, dated.label) if dated else ("created_at", Text.both("创建时间", "Created"))
    elif grouped is None and _OWNER_WORDS.search(clause):
        group_id, group_label = "owner", Text.both("负责人", "Owner")
    if group_id is None:
        return False
    if grouped is not None and grouped.type is FieldType.DATETIME and bucket is None:
        bucket = Period.MONTH
    if grouped is not None and grouped.type is FieldType.TEXT:
        make_choice(state, grouped, sentence)
    function, measure = _aggregate(state, entity, clause, group_id)
    average = function is AggregateFunction.AVG
    name = f"{measure or 'count'} by {group_id}"
    by_zh, by_en = _BUCKET_NAMES[bucket] if bucket else (group_label.get("zh"), group_label.get("en").lower())
    shown_zh = f"按{by_zh}统计{'平均' if average else ''}{_measure_name(entity, measure, 'zh')}"
    shown_en = f"{'Average ' if average else ''}{_measure_name(entity, measure, 'en')} by {by_en}"
    widget = ChartWidget(
        state.view_ids.allocate(name),
        Text.both(shown_zh, shown_en),
        entity.id,
        kind,
        function,
        measure,
        group_id,
        bucket if group_id and _is_dated(entity, group_id) else None,
    )
    state.widgets.append(widget)
    summary = Text.both(f"图表 {shown_zh}（{kind.value}）", f"chart {shown_en} ({kind.value})")
    state.record(ElementKind.WIDGET, widget.id, summary, sentence)
    return True


def _calendar(state: DraftState, entity: DraftEntity, clause: str, sentence: int) -> bool:
    dated = _grouping_field(state, entity, clause, (FieldType.DATE, FieldType.DATETIME)) or entity.first_of(
        FieldType.DATE, FieldType.DATETIME
    )
    if dated is None:
        return False
    view = CalendarView(
        state.view_ids.allocate(f"{entity.id} calendar"),
        Text.both(f"{entity.label.get('zh')}日历", f"{entity.label.get('en')} calendar"),
        entity.id,
        dated.id,
    )
    state.calendars.append(view)
    summary = Text.both(
        f"日历 {view.label.get('zh')}（按{dated.label.get('zh')}）",
        f"calendar {view.label.get('en')} (by {dated.label.get('en')})",
    )
    state.record(ElementKind.VIEW, view.id, summary, sentence)
    return True


def _grouping_field(
    state: DraftState, entity: DraftEntity, clause: str, types: tuple[FieldType, ...]
) -> DraftField | None:
    """The field named right after 按 / by (else anywhere in the clause), if it has one of the types."""
    by = (_ZH_BY if state.language == "zh" else _EN_BY).search(clause)
    for text in ([clause[by.end() :]] if by else []) + [clause]:
        candidates = [
            (text.find(f.label.zh) if f.label.zh and f.label.zh in text else _en_at(text, f), f)
            for f in entity.fields
            if f.type in types and mentions(text, f.label)
        ]
        if candidates:
            return min(candidates, key=lambda pair: (pair[0], -len(pair[1].label.get(state.language))))[1]
    return None


def _en_at(text: str, draft_field: DraftField) -> int:
    position = text.lower().find((draft_field.label.en or "").lower().split(" ")[-1][:5])
    return position if position >= 0 else len(text)


def _aggregate(
    state: DraftState, entity: DraftEntity, clause: str, group_id: str
) -> tuple[AggregateFunction, str | None]:
    zh = state.language == "zh"
    numeric = [f for f in entity.fields if f.type in _SUMMABLE and f.id != group_id and _named(clause, f)]
    counting = (_ZH_COUNT if zh else _EN_COUNT).search(clause)
    if numeric and not (counting and all(_ZH_COUNT.search(f.label.get("zh")) for f in numeric)):
        measured = max(numeric, key=lambda f: mentions(clause, f.label))
        return (AggregateFunction.AVG if _AVERAGE.search(clause) else AggregateFunction.SUM), measured.id
    return AggregateFunction.COUNT, None


def _named(clause: str, draft_field: DraftField) -> bool:
    """Whether the clause names the field, in full or by its last word (签约金额 names 合同金额)."""
    if mentions(clause, draft_field.label):
        return True
    zh, en = draft_field.label.zh or "", (draft_field.label.en or "").lower()
    return (len(zh) > 2 and zh[-2:] in clause) or (" " in en and en.rsplit(" ", 1)[1] in clause.lower().split())


def _measure_name(entity: DraftEntity, measure: str | None, language: str) -> str:
    measured = entity.field(measure) if measure else None
    if measured is None:
        return "数量" if language == "zh" else "Count"
    return measured.label.get(language)


def _is_dated(entity: DraftEntity, field_id: str) -> bool:
    if field_id in ("created_at", "updated_at"):
        return True
    dated = entity.field(field_id)
    return dated is not None and dated.type in (FieldType.DATE, FieldType.DATETIME)


def _status_field(state: DraftState, entity: DraftEntity, sentence: int) -> DraftField | None:
    created = add_field(state, entity, FieldItem("状态" if state.language == "zh" else "status"), sentence)
    return created if created.type is FieldType.CHOICE else None
