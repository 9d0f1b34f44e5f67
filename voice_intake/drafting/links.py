"""Fields that name another record type become refs: a contract's 客户 points at the 客户 entity."""

from __future__ import annotations

import re

from builder.model.fields import FieldType
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, Origin
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.lexicon import singular
from voice_intake.drafting.texts import Text

# Records common enough in sales apps that a field naming one links to it (created when not declared).
LINKABLE = {
    "客户": "customer", "产品": "product", "门店": "store", "供应商": "supplier", "合同": "contract",
    "订单": "order", "项目": "project", "商机": "opportunity", "线索": "lead",
}  # fmt: skip
_LINK_PREFIXES_ZH = re.compile(r"^(?:所属|关联|对应|相关)")
_LINK_PREFIXES_EN = re.compile(r"^(?:related|linked|parent|associated)\s+", re.I)


def link_references(state: DraftState) -> None:
    """Turn text fields named after a record type into refs to it (creating well-known record types)."""
    for entity in list(state.entities):
        for draft_field in entity.fields:
            if draft_field.type is not FieldType.TEXT or draft_field.options or draft_field.origin is Origin.TEMPLATE:
                continue
            target = _target(state, entity, draft_field)
            if target is None:
                continue
            draft_field.type, draft_field.ref_entity = FieldType.REF, target.id


def _target(state: DraftState, entity: DraftEntity, draft_field: DraftField) -> DraftEntity | None:
    words = _bare(draft_field, state.language)
    for other in state.entities:
        if other is not entity and words == _bare_label(other.label, state.language):
            return other
    english = words if state.language == "en" else LINKABLE.get(words)
    if english is None or english not in LINKABLE.values():
        return None
    created = state.add_entity(words, None, Origin.IMPLIED)
    if created is entity:
        return None
    if not created.fields:
        name = "名称" if state.language == "zh" else "name"
        add_field(state, created, FieldItem(name, required=True), None, Origin.IMPLIED)
        state.note(
            None,
            Text.both(
                f"“{draft_field.label.get('zh')}”指向新建的实体“{created.label.get('zh')}”（只有名称，请补充字段）。",
                f"'{draft_field.label.get('en')}' points at a new entity '{created.label.get('en')}' "
                "(it has only a name: add its fields).",
            ),
        )
    return created


def _bare(draft_field: DraftField, language: str) -> str:
    return _bare_label(draft_field.label, language)


def _bare_label(label: Text, language: str) -> str:
    if language == "zh":
        return _LINK_PREFIXES_ZH.sub("", label.zh or "")
    return singular(_LINK_PREFIXES_EN.sub("", (label.en or "").lower()))
