"""Forms: fields of the form's entity, each placed once, required fields reachable."""

from __future__ import annotations

from collections.abc import Iterator

from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext


def check_forms(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the forms."""
    for form in context.app.forms:
        entity, problems = context.entity_at(form.entity, child(form.path, "entity"))
        yield from problems
        if entity is None:
            continue
        placed: dict[str, str] = {}
        for section in form.sections:
            for index, field_id in enumerate(section.fields):
                path = child(section.path, "fields", index)
                field, problems = context.field_at(entity, field_id, path, own=True)
                yield from problems
                if field is None:
                    continue
                if field_id in placed:
                    yield make_problem("form.duplicate_field", path, field=field_id, first=placed[field_id])
                    continue
                placed[field_id] = path
        for field in entity.fields:
            if field.needs_input and field.id not in placed:
                yield make_problem(
                    "form.required_field_missing", child(form.path, "sections"), field=field.id, form=form.id
                )
