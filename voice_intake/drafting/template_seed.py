"""A draft that starts from a template: its entities and fields are known to the readers, its ids are taken."""

from __future__ import annotations

from typing import Any

from builder import validate_definition
from builder.model.common import Label
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, DraftOption, Origin
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.naming import field_ids
from voice_intake.drafting.texts import Text


def seed_from_template(state: DraftState, definition: dict[str, Any]) -> bool:
    """Load a template's entities into the draft; False (nothing loaded) when the template is not valid."""
    model = validate_definition(definition).model
    if model is None:
        return False
    for entity in model.entities:
        seeded = DraftEntity(
            entity.id, _text(entity.label), Origin.TEMPLATE, ids=field_ids({f.id for f in entity.fields})
        )
        for source in entity.fields:
            seeded.fields.append(
                DraftField(
                    source.id,
                    _text(source.label),
                    source.type,
                    Origin.TEMPLATE,
                    options=[DraftOption(option.id, _text(option.label)) for option in source.options],
                    ref_entity=source.target_entity,
                    currency=source.currency,
                    required=source.required,
                )
            )
        state.entities.append(seeded)
        state.entity_ids.claim(entity.id)
    for view in model.views:
        state.view_ids.claim(view.id)
    for rule in model.rules:
        state.rule_ids.claim(rule.id)
    for workflow in model.workflows:
        state.workflow_ids.claim(workflow.id)
    state.app_label = state.app_label or _text(model.label)
    state.main_entity_id = model.entities[0].id
    return True


def _text(label: Label) -> Text:
    if label.plain is not None:
        return Text(zh=label.plain) if any("\u4e00" <= c <= "\u9fff" for c in label.plain) else Text(en=label.plain)
    return Text(zh=label.zh, en=label.en)
