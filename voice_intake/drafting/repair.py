"""Every draft validates: an element whose JSON the validator refuses is taken out of the draft, and reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from builder import ValidationReport, validate_definition
from builder.problems import Problem
from voice_intake.drafting.assembly.document import Assembled
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.texts import Text

MAX_ROUNDS = 20


class DraftingBug(RuntimeError):
    """A validation error no element of the draft accounts for: a defect of the drafting code, not of the request."""


@dataclass(frozen=True, slots=True)
class Dropped:
    """An element left out of the draft because the validator refused it, and why."""

    kind: ElementKind
    key: str
    sentence: int | None
    reason: Text


def validated(
    state: DraftState, build: Callable[[DraftState], Assembled]
) -> tuple[Assembled, ValidationReport, list[Dropped]]:
    """Assemble and validate, dropping refused elements until the definition has no error."""
    dropped: list[Dropped] = []
    for _round in range(MAX_ROUNDS):
        assembled = build(state)
        report = validate_definition(assembled.document)
        if report.is_valid:
            return assembled, report, dropped
        for problem in report.errors:
            culprit = _culprit(assembled, problem)
            if culprit is None:
                raise DraftingBug(f"{problem.path} {problem.code}: {problem.message('en')}")
            kind, key = culprit
            if _remove(state, kind, key):
                sentence = next((p.sentence for p in state.produced if (p.kind, p.key) == (kind, key)), None)
                dropped.append(Dropped(kind, key, sentence, Text.both(problem.message("zh"), problem.message("en"))))
    raise DraftingBug(f"the draft still has errors after {MAX_ROUNDS} rounds of repair")


def _culprit(assembled: Assembled, problem: Problem) -> tuple[ElementKind, str] | None:
    """The element whose JSON holds the problem's path (the deepest one)."""
    best: tuple[int, tuple[ElementKind, str]] | None = None
    for (kind, key), pointer in assembled.pointers.items():
        if kind in (ElementKind.APP, ElementKind.ENTITY):
            continue
        inside = problem.path == pointer or problem.path.startswith(pointer + "/")
        if inside and (best is None or len(pointer) > best[0]):
            best = (len(pointer), (kind, key))
    return best[1] if best else None


def _remove(state: DraftState, kind: ElementKind, key: str) -> bool:
    """Take an element out of the draft; whether it was there."""
    if kind is ElementKind.FIELD:
        entity_id, _dot, field_id = key.partition(".")
        entity = state.entity(entity_id)
        if entity is None or entity.field(field_id) is None or len(entity.fields) == 1:
            return False
        entity.fields = [draft_field for draft_field in entity.fields if draft_field.id != field_id]
        return True
    collections: dict[ElementKind, list] = {
        ElementKind.WORKFLOW: state.workflows,
        ElementKind.RULE: state.rules,
        ElementKind.WIDGET: state.widgets,
        ElementKind.VIEW: state.kanbans + state.calendars,
        ElementKind.PERMISSION: state.permissions,
    }
    if kind not in collections:
        return False
    for collection in (state.kanbans, state.calendars) if kind is ElementKind.VIEW else (collections[kind],):
        for item in collection:
            if _key_of(kind, item) == key:
                collection.remove(item)
                return True
    return False


def _key_of(kind: ElementKind, item: object) -> str:
    if kind is ElementKind.PERMISSION:
        return f"{item.role}@{item.entity}"  # type: ignore[attr-defined]
    return item.id  # type: ignore[attr-defined]
