"""New fields of a draft entity from what the request names, typed and recorded for the report."""

from __future__ import annotations

from builder.messages import FIELD_TYPE_NAMES_ZH
from builder.model.fields import FieldType
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, DraftOption, Origin, new_option_allocator
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.field_types import choice_word, infer_type
from voice_intake.drafting.naming import name_of
from voice_intake.drafting.texts import Text

# Options given to a choice-like field the request names without listing its values.
DEFAULT_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "stage": (("初步接触", "Prospecting"), ("需求确认", "Qualification"), ("方案报价", "Proposal"),
              ("谈判", "Negotiation"), ("赢单", "Won"), ("丢单", "Lost")),
    "status": (("新建", "New"), ("进行中", "In progress"), ("已完成", "Done")),
    "priority": (("高", "High"), ("中", "Medium"), ("低", "Low")),
    "severity": (("一般", "Low"), ("严重", "High"), ("紧急", "Urgent")),
}  # fmt: skip
_DEFAULTS_BY_WORD = {
    "阶段": "stage",
    "stage": "stage",
    "状态": "status",
    "status": "status",
    "优先级": "priority",
    "priority": "priority",
    "严重程度": "severity",
    "severity": "severity",
}


def add_field(
    state: DraftState, entity: DraftEntity, item: FieldItem, sentence: int | None, origin: Origin = Origin.REQUEST
) -> DraftField:
    """The entity's field named by the item: an existing one (given the item's options), or a new one."""
    language = state.language
    name = name_of(item.phrase, language)
    existing = next((f for f in entity.fields if f.label.get(language) == name.label.get(language)), None)
    if existing is not None:
        if item.options and existing.type in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.TEXT):
            set_options(state, entity, existing, item.options, sentence)
        existing.required = existing.required or item.required
        return existing
    field_type = FieldType.BOOLEAN if item.yes_no else infer_type(item.phrase, language, has_options=bool(item.options))
    draft_field = DraftField(entity.ids.allocate(name.id_words), name.label, field_type, origin, required=item.required)
    entity.add_field(draft_field)
    if item.options:
        draft_field.options = _options(item.options, language, [])
    elif field_type is FieldType.TEXT:
        _give_default_options(state, draft_field, item.phrase, sentence)
    if draft_field.type is FieldType.MONEY:
        draft_field.currency = "CNY" if language == "zh" else "USD"
    state.record(ElementKind.FIELD, f"{entity.id}.{draft_field.id}", describe_field(draft_field), sentence)
    return draft_field


def set_options(
    state: DraftState, entity: DraftEntity, draft_field: DraftField, labels: tuple[str, ...], sentence: int | None
) -> None:
    """Make the field a choice of these options (replacing assumed ones, adding to stated ones)."""
    kept = [] if draft_field.options_assumed else draft_field.options
    draft_field.options = kept + _options(labels, state.language, kept)
    draft_field.options_assumed = False
    if draft_field.type not in (FieldType.CHOICE, FieldType.MULTICHOICE):
        draft_field.type = FieldType.CHOICE
    shown = "、".join(option.label.get("zh") for option in draft_field.options)
    shown_en = ", ".join(option.label.get("en") for option in draft_field.options)
    summary = Text.both(f"{draft_field.label.get('zh')}的选项：{shown}", f"options of {_en(draft_field)}: {shown_en}")
    state.record(ElementKind.OPTIONS, f"{entity.id}.{draft_field.id}", summary, sentence)


def describe_field(draft_field: DraftField) -> Text:
    """'字段 合同金额（金额）' / 'field Amount (money)', with options or the ref target."""
    zh_type, en_type = FIELD_TYPE_NAMES_ZH[draft_field.type.value], draft_field.type.value
    if draft_field.ref_entity:
        zh_type, en_type = f"关联 {draft_field.ref_entity}", f"ref → {draft_field.ref_entity}"
    if draft_field.options:
        zh_type += "：" + "、".join(option.label.get("zh") for option in draft_field.options)
        en_type += ": " + ", ".join(option.label.get("en") for option in draft_field.options)
    return Text.both(f"字段 {draft_field.label.get('zh')}（{zh_type}）", f"field {_en(draft_field)} ({en_type})")


def _en(draft_field: DraftField) -> str:
    return draft_field.label.get("en")


def make_choice(state: DraftState, draft_field: DraftField, sentence: int | None) -> bool:
    """Give a text field named like a choice (状态, stage) the usual options; whether it is a choice now."""
    if draft_field.type is FieldType.TEXT and not draft_field.options and draft_field.origin is not Origin.TEMPLATE:
        _give_default_options(state, draft_field, draft_field.label.get(state.language), sentence)
    return draft_field.type is FieldType.CHOICE


def _give_default_options(state: DraftState, draft_field: DraftField, phrase: str, sentence: int | None) -> None:
    word = choice_word(phrase, state.language)
    kind = _DEFAULTS_BY_WORD.get(word or "")
    if kind is None:
        return
    allocator = new_option_allocator([])
    draft_field.type = FieldType.CHOICE
    draft_field.options = [DraftOption(allocator.allocate(en), Text.both(zh, en)) for zh, en in DEFAULT_OPTIONS[kind]]
    draft_field.options_assumed = True
    state.note(
        sentence,
        Text.both(
            f"“{draft_field.label.get('zh')}”没有列出选项，先用了常见选项，请核对。",
            f"No values were listed for '{_en(draft_field)}': common ones were used; please check them.",
        ),
    )


def _options(labels: tuple[str, ...], language: str, existing: list[DraftOption]) -> list[DraftOption]:
    allocator = new_option_allocator(existing)
    known = {option.label.get(language) for option in existing}
    made = []
    for label in labels:
        if label in known:
            continue
        known.add(label)
        name = name_of(label, language)
        made.append(DraftOption(allocator.allocate(name.id_words), name.label))
    return made
