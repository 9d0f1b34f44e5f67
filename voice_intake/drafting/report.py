"""The understanding report: what each sentence produced, what was assumed, and what was not understood."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder import ValidationReport
from voice_intake.drafting.assembly.document import Assembled
from voice_intake.drafting.draft_state import DraftState, ElementKind, Produced
from voice_intake.drafting.field_factory import describe_field
from voice_intake.drafting.repair import Dropped
from voice_intake.drafting.sentences import Sentence
from voice_intake.drafting.texts import Text


@dataclass(frozen=True, slots=True)
class ReportedElement:
    """One element of the draft: kind, id, where it is in the definition, and what it is."""

    kind: ElementKind
    key: str
    path: str | None
    summary: Text

    def to_json(self) -> dict[str, Any]:
        """The element as the API returns it."""
        return {"kind": self.kind.value, "id": self.key, "path": self.path, "summary": self.summary.to_json()}


@dataclass(frozen=True, slots=True)
class SentenceReport:
    """One sentence: the elements it produced, the notes on it, and any part of it left unread."""

    number: int
    text: str
    elements: tuple[ReportedElement, ...]
    notes: tuple[Text, ...]
    unread: str

    @property
    def understood(self) -> bool:
        """Whether the sentence produced anything."""
        return bool(self.elements)

    def to_json(self) -> dict[str, Any]:
        """The sentence as the API returns it."""
        return {
            "number": self.number,
            "text": self.text,
            "understood": self.understood,
            "elements": [element.to_json() for element in self.elements],
            "notes": [note.to_json() for note in self.notes],
            "unread": self.unread,
        }


@dataclass(frozen=True, slots=True)
class UnderstandingReport:
    """How a request was understood, sentence by sentence, for the reviewer."""

    language: str
    template: str | None
    sentences: tuple[SentenceReport, ...]
    added: tuple[ReportedElement, ...]  # elements no sentence asked for but the app needs
    notes: tuple[Text, ...]  # notes not about one sentence
    dropped: tuple[Dropped, ...]
    error_count: int
    warning_count: int

    @property
    def not_understood(self) -> tuple[SentenceReport, ...]:
        """The sentences that produced nothing."""
        return tuple(sentence for sentence in self.sentences if not sentence.understood)

    def to_json(self) -> dict[str, Any]:
        """The report as the API returns it."""
        return {
            "language": self.language,
            "template": self.template,
            "sentences": [sentence.to_json() for sentence in self.sentences],
            "not_understood": [{"number": s.number, "text": s.text} for s in self.not_understood],
            "added": [element.to_json() for element in self.added],
            "notes": [note.to_json() for note in self.notes],
            "dropped": [
                {"kind": d.kind.value, "id": d.key, "sentence": d.sentence, "reason": d.reason.to_json()}
                for d in self.dropped
            ],
            "validation": {
                "valid": self.error_count == 0,
                "error_count": self.error_count,
                "warning_count": self.warning_count,
            },
        }


def build_report(
    state: DraftState,
    sentences: list[Sentence],
    *,
    unread: dict[int, str],
    assembled: Assembled,
    validation: ValidationReport,
    dropped: list[Dropped],
    template: str | None,
) -> UnderstandingReport:
    """Gather what each sentence produced (as it ended up in the definition)."""
    gone = {(d.kind, d.key) for d in dropped}
    by_sentence: dict[int | None, list[ReportedElement]] = {}
    for produced in _distinct(state.produced):
        if (produced.kind, produced.key) not in gone:
            by_sentence.setdefault(produced.sentence, []).append(_element(state, produced, assembled))
    notes: dict[int | None, list[Text]] = {}
    for number, note in state.notes:
        notes.setdefault(number, []).append(note)
    reports = tuple(
        SentenceReport(
            s.number,
            s.text,
            tuple(by_sentence.get(s.number, ())),
            tuple(notes.get(s.number, ())),
            unread.get(s.number, ""),
        )
        for s in sentences
    )
    return UnderstandingReport(
        state.language,
        template,
        reports,
        tuple(by_sentence.get(None, ())),
        tuple(notes.get(None, ())),
        tuple(dropped),
        len(validation.errors),
        len(validation.warnings),
    )


def _distinct(produced: list[Produced]) -> list[Produced]:
    """Each element once, credited to the first sentence that produced it."""
    seen: set[tuple[ElementKind, str]] = set()
    kept = []
    for item in produced:
        if item.kind in (ElementKind.FIELD, ElementKind.ENTITY) and (item.kind, item.key) in seen:
            continue
        seen.add((item.kind, item.key))
        kept.append(item)
    return kept


def _element(state: DraftState, produced: Produced, assembled: Assembled) -> ReportedElement:
    summary = produced.summary
    if produced.kind is ElementKind.FIELD:
        entity_id, _dot, field_id = produced.key.partition(".")
        entity = state.entity(entity_id)
        draft_field = entity.field(field_id) if entity else None
        if draft_field is not None:
            summary = describe_field(draft_field)
    return ReportedElement(produced.kind, produced.key, assembled.pointer(produced.kind, produced.key), summary)
