"""Text to draft: read every sentence, link the records, assemble, validate, and report what was understood."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from builder import ValidationReport
from voice_intake.drafting.assembly.document import assemble
from voice_intake.drafting.draft_fields import DraftEntity, Origin
from voice_intake.drafting.draft_state import DraftState
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.language import detect_language
from voice_intake.drafting.links import link_references
from voice_intake.drafting.readers.approvals import read_approvals
from voice_intake.drafting.readers.entity_lists import read_entity_lists
from voice_intake.drafting.readers.field_statements import read_options, read_required
from voice_intake.drafting.readers.notifications import read_notifications
from voice_intake.drafting.readers.permissions import read_permissions
from voice_intake.drafting.readers.purpose import read_purpose
from voice_intake.drafting.readers.reminders import read_reminders
from voice_intake.drafting.readers.schedules import read_schedules
from voice_intake.drafting.readers.views import read_views
from voice_intake.drafting.readers.visibility import read_visibility
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.repair import validated
from voice_intake.drafting.report import UnderstandingReport, build_report
from voice_intake.drafting.sentences import split_sentences
from voice_intake.drafting.template_seed import seed_from_template
from voice_intake.drafting.templates import TemplateCandidate, pick_template
from voice_intake.drafting.texts import Text

MAX_REQUEST_CHARACTERS = 20_000
# After the records are declared, each sentence goes through these in order; each takes what it reads.
STATEMENT_READERS: tuple[Callable[[Reading, DraftState], bool], ...] = (
    read_visibility,
    read_approvals,
    read_schedules,
    read_reminders,
    read_notifications,
    read_permissions,
    read_views,
    read_options,
    read_required,
)
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2,}")
_FILLER_ZH = re.compile(r"^(?:的|了|和|并|并且|同时|然后|还有|另外|也|要|需要|请|帮我|我们|我|，|、|\s)+$")
_FILLER_EN = re.compile(r"^(?:\W|and|also|then|please|the|a|an|we|i|need|want|to|it|should)*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DraftResult:
    """A draft definition (valid), its validation report (warnings only) and the understanding report."""

    definition: dict[str, Any]
    report: UnderstandingReport
    validation: ValidationReport


def draft_app(text: str, language: str | None = None, templates: Sequence[TemplateCandidate] = ()) -> DraftResult:
    """Draft an app definition from a request in Chinese or English."""
    text = text[:MAX_REQUEST_CHARACTERS]
    language = language or detect_language(text)
    state = DraftState(language)
    match = pick_template(text, templates) if templates else None
    template = match.template.definition if match and seed_from_template(state, match.template.definition) else None
    sentences = split_sentences(text, language)
    readings = [Reading.of(sentence, language) for sentence in sentences]
    _declare_records(readings, state)
    for reading in readings:
        for read in STATEMENT_READERS:
            read(reading, state)
    link_references(state)
    _complete(state)
    assembled, validation, dropped = validated(state, lambda current: assemble(current, text, template))
    report = build_report(
        state,
        sentences,
        unread={reading.number: _unread(reading) for reading in readings},
        assembled=assembled,
        validation=validation,
        dropped=dropped,
        template=match.template.id if template else None,
    )
    return DraftResult(assembled.document, report, validation)


def _declare_records(readings: list[Reading], state: DraftState) -> None:
    """First pass: the app's purpose and the records the request lists fields of, so later sentences find them."""
    purpose = None
    for reading in readings:
        purpose = read_purpose(reading, state) or purpose
        read_entity_lists(reading, state)
    if purpose:
        named = _entity_named_by(state, purpose)
        if named is None and state.main_entity_id is None:
            named = state.add_entity(purpose, next((r.number for r in readings if r.taken), None))
        if named is not None:
            state.main_entity_id = named.id


def _entity_named_by(state: DraftState, purpose: str) -> DraftEntity | None:
    """The declared entity the app's purpose names: 'discount' names 'discount request', 客户拜访记录 names 拜访记录."""
    found = state.find_entity(purpose)
    if found is not None:
        return found
    wanted = purpose.lower()
    for entity in state.entities:
        label = (entity.label.get(state.language) or "").lower()
        if label and (wanted in label or label in wanted):
            return entity
    return None


def _complete(state: DraftState) -> None:
    """What every app needs: at least one entity, and at least one field in each."""
    if not state.entities:
        state.add_entity("记录" if state.language == "zh" else "record", None, Origin.IMPLIED)
        state.note(
            None,
            Text.both(
                "请求中没有描述要记录的数据，先放了一个占位实体。",
                "The request described no records: a placeholder entity was added.",
            ),
        )
    for entity in state.entities:
        if not entity.fields:
            add_field(state, entity, FieldItem("名称" if state.language == "zh" else "name"), None, Origin.IMPLIED)


def _unread(reading: Reading) -> str:
    """What no reader took from a sentence, when it holds words."""
    rest = re.sub(r"\s+", " ", reading.remaining()).strip(" ，,。.；;：:")
    filler = _FILLER_ZH if reading.language == "zh" else _FILLER_EN
    if not rest or filler.match(rest) or not _MEANINGFUL.search(rest):
        return ""
    return rest
