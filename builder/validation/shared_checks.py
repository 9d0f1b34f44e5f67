"""Checks shared by several parts: people, message templates, written values, fields as refs, dates, measures."""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

from builder.field_values import value_problem
from builder.model.common import Label
from builder.model.entities import Entity
from builder.model.fields import Field, FieldType
from builder.model.workflows import Party, PartyKind
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext


def check_parties(context: CheckContext, parties: tuple[Party, ...], entity: Entity | None) -> Iterator[Problem]:
    """Roles, user fields, groups and users named by approvers or recipients must exist."""
    directory = context.directory
    for party in parties:
        if party.kind is PartyKind.ROLE and party.role is not None and party.role not in context.app.role_ids:
            yield make_problem("ref.unknown_role", child(party.path, "role"), role=party.role)
        elif party.kind is PartyKind.FIELD and party.field is not None and entity is not None:
            field, problems = context.field_at(entity, party.field, child(party.path, "field"))
            yield from problems
            if field is not None and field.type is not FieldType.USER:
                yield make_problem("party.field_type", child(party.path, "field"), field=field.id, type=str(field.type))
        elif directory is not None and party.group is not None and party.group not in directory.groups:
            yield make_problem("ref.unknown_group", child(party.path, "group"), group=party.group)
        elif directory is not None and party.user is not None and party.user not in directory.users:
            yield make_problem("ref.unknown_user", child(party.path, "user"), user=party.user)


def check_template(context: CheckContext, message: Label | None, entity: Entity | None, path: str) -> Iterator[Problem]:
    """A message template may insert only fields of the record: 'Lead {name} is waiting'."""
    if message is None:
        return
    for language, text in message.by_language():
        yield from check_template_text(context, text, entity, child(path, language) if language else path)


def check_template_text(context: CheckContext, text: str, entity: Entity | None, path: str) -> Iterator[Problem]:
    """The problems of one template text (each placeholder once, however often it is used)."""
    try:
        placeholders = dict.fromkeys(
            (name, spec, conversion) for _literal, name, spec, conversion in string.Formatter().parse(text)
        )
    except ValueError:
        yield make_problem("rule.template_syntax", path, near=_unmatched_brace(text))
        return
    for name, spec, conversion in placeholders:
        if name is None:
            continue
        if not name or spec or conversion or not name.replace("_", "").isalnum():
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            yield make_problem("rule.template_syntax", path, near="{" + written + "}")
        elif entity is not None:
            _field, problems = context.field_at(entity, name, path)
            yield from problems


def _unmatched_brace(text: str) -> str:
    """The text around the first brace that does not pair up."""
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in ("{{", "}}"):
            index += 2
            continue
        if text[index] == "}" or (text[index] == "{" and "}" not in text[index:]):
            return text[max(0, index - 10) : index + 10]
        if text[index] == "{":
            index = text.index("}", index) + 1
            continue
        index += 1
    return text[:20]


def check_assignment(
    context: CheckContext, entity: Entity | None, field_id: str, value: Any, *, field_path: str, value_path: str
) -> Iterator[Problem]:
    """A value written into a field: the field exists, may be written, and the value fits it."""
    if entity is None:
        return
    field, problems = context.field_at(entity, field_id, field_path)
    yield from problems
    if field is None:
        return
    if not field.settable:
        yield make_problem("value.not_settable", field_path, field=field.id)
    else:
        yield from check_value(context, field, value, value_path)


def check_value(context: CheckContext, field: Field, value: Any, path: str) -> Iterator[Problem]:
    """A value written into or compared with a field must fit it (null, for empty, always does)."""
    expected = value_problem(field, value, context.timezone)
    if expected is not None:
        yield make_problem(
            "value.invalid",
            path,
            field=field.id,
            type=str(field.type),
            expected=expected[0],
            expected_zh=expected[1],
        )


def check_reference_to(
    context: CheckContext, entity: Entity, field_id: str, target: str, path: str
) -> Iterator[Problem]:
    """`field_id` of `entity` must be a ref field pointing at entity `target`."""
    field, problems = context.field_at(entity, field_id, path)
    yield from problems
    if field is not None and (field.type is not FieldType.REF or field.target_entity != target):
        yield make_problem("ref.not_a_reference", path, field=field_id, entity=entity.id, target=target)


def check_temporal(context: CheckContext, entity: Entity, field_id: str, path: str) -> Iterator[Problem]:
    """`field_id` of `entity` must be a date or datetime field."""
    field, problems = context.field_at(entity, field_id, path)
    yield from problems
    if field is not None and not field.is_temporal:
        yield make_problem("view.date_field_type", path, field=field.id, type=str(field.type))


def check_aggregate(
    context: CheckContext, entity: Entity, function: str, field_id: str | None, path: str
) -> Iterator[Problem]:
    """sum/avg need a numeric field; min/max a numeric or date field; count and interval any field or none."""
    if field_id is None:
        return
    field, problems = context.field_at(entity, field_id, path)
    yield from problems
    if field is None or function in ("count", "interval"):
        return
    numeric_only = function in ("sum", "avg")
    if not (field.is_numeric or (not numeric_only and field.is_temporal)):
        yield make_problem("aggregate.field_type", path, function=str(function), field=field.id, type=str(field.type))
