"""Rules: triggers on fields that fit, conditions, and actions that can be carried out."""

from __future__ import annotations

from collections.abc import Iterator

from builder.conditions.literals import value_kind
from builder.model import rules as r
from builder.model.entities import Entity
from builder.model.fields import FieldType
from builder.pointers import child
from builder.problems import Problem, make_problem
from builder.validation.check_context import CheckContext
from builder.validation.shared_checks import (
    check_aggregate,
    check_assignment,
    check_parties,
    check_reference_to,
    check_template,
    check_template_text,
    check_temporal,
    check_value,
)


def check_rules(context: CheckContext) -> Iterator[Problem]:
    """Every problem of the rules."""
    for rule in context.app.rules:
        entity, problems = context.entity_at(rule.entity, child(rule.path, "entity"))
        yield from problems
        if entity is None:
            continue
        yield from _check_trigger(context, entity, rule.trigger)
        yield from context.condition(rule.condition, entity)
        for action in rule.actions:
            yield from _check_action(context, entity, action)


def _check_trigger(context: CheckContext, entity: Entity, trigger: r.AnyTrigger) -> Iterator[Problem]:
    if isinstance(trigger, r.FieldChanged):
        field_path = child(trigger.path, "field")
        field, problems = context.field_at(entity, trigger.field, field_path)
        yield from problems
        if field is not None:
            for key, present, value in (
                ("from", trigger.has_from, trigger.from_value),
                ("to", trigger.has_to, trigger.to_value),
            ):
                if present:
                    yield from check_value(context, field, value, child(trigger.path, key))
    elif isinstance(trigger, r.TimeElapsed):
        path = child(trigger.path, "field")
        field, problems = context.field_at(entity, trigger.field, path)
        yield from problems
        if field is not None and not field.is_temporal:
            yield make_problem("rule.trigger_field_type", path, field=field.id, type=str(field.type))
        elif field is not None and not field.fits_duration_unit(trigger.after.unit):
            yield make_problem("condition.duration_unit", child(trigger.path, "after", "unit"), field=field.id)
    elif isinstance(trigger, r.AggregateTrigger):
        yield from _check_aggregate_trigger(context, entity, trigger)


def _check_aggregate_trigger(context: CheckContext, entity: Entity, trigger: r.AggregateTrigger) -> Iterator[Problem]:
    source = trigger.source
    related, problems = context.entity_at(source.entity, child(source.path, "entity"))
    yield from problems
    if related is None:
        return
    yield from check_reference_to(context, related, source.via, entity.id, child(source.path, "via"))
    yield from check_temporal(context, related, source.date_field, child(source.path, "date_field"))
    measure = trigger.measure
    yield from check_aggregate(context, related, measure.function, measure.field, child(measure.path, "field"))
    against = trigger.compare.against
    allowed = {"previous_interval", "threshold"} if measure.function == "interval" else {"previous_window", "threshold"}
    if against not in allowed:
        yield make_problem("rule.compare_kind", child(trigger.compare.path, "with"), against=against)


def _check_action(context: CheckContext, entity: Entity, action: r.AnyAction) -> Iterator[Problem]:
    if isinstance(action, r.AlertAction):
        yield from check_parties(context, action.recipients, entity)
        yield from check_template(context, action.message, entity, child(action.path, "message"))
    elif isinstance(action, r.SuggestAction):
        yield from check_template(context, action.message, entity, child(action.path, "message"))
    elif isinstance(action, r.SetFieldAction):
        yield from check_assignment(
            context,
            entity,
            action.field,
            action.value,
            field_path=child(action.path, "field"),
            value_path=child(action.path, "value"),
        )
    elif isinstance(action, r.StartWorkflowAction):
        workflow = context.app.workflow(action.workflow)
        path = child(action.path, "workflow")
        if workflow is None:
            if not context.is_broken("workflow", action.workflow):
                yield make_problem("ref.unknown_workflow", path, workflow=action.workflow)
        elif workflow.entity != entity.id:
            yield make_problem(
                "rule.workflow_entity", path, workflow=workflow.id, workflow_entity=workflow.entity, entity=entity.id
            )
    elif isinstance(action, r.CreateRecordAction):
        yield from _check_create(context, entity, action)


def _check_create(context: CheckContext, entity: Entity, action: r.CreateRecordAction) -> Iterator[Problem]:
    target, problems = context.entity_at(action.entity, child(action.path, "entity"))
    yield from problems
    if target is None:
        return
    given = set()
    for field_id, value in action.values:
        path = child(action.path, "values", field_id)
        given.add(field_id)
        if isinstance(value, r.CopiedField):
            yield from _check_copy(context, entity, target, field_id, value, path=path)
            continue
        yield from check_assignment(context, target, field_id, value, field_path=path, value_path=path)
        field = target.own_field(field_id)
        if field is not None and field.is_textual and isinstance(value, str):
            yield from check_template_text(context, value, entity, path)
    for field in target.fields:
        if field.needs_input and field.id not in given:
            yield make_problem(
                "rule.missing_required_value", child(action.path, "values"), entity=target.id, field=field.id
            )


def _check_copy(
    context: CheckContext, source_entity: Entity, target: Entity, field_id: str, copy: r.CopiedField, *, path: str
) -> Iterator[Problem]:
    target_field, problems = context.field_at(target, field_id, path)
    yield from problems
    copy_path = child(copy.path, "copy")
    source_field, problems = context.field_at(source_entity, copy.field, copy_path)
    yield from problems
    if target_field is None or source_field is None:
        return
    if not target_field.settable:
        yield make_problem("value.not_settable", path, field=target_field.id)
    elif not _copyable(source_field, target_field, source_entity.id):
        yield make_problem(
            "value.copy_type",
            copy_path,
            source=source_field.id,
            source_type=str(source_field.type),
            field=target_field.id,
            type=str(target_field.type),
        )


def _copyable(source, target, source_entity_id: str) -> bool:
    """Whether values of `source` fit `target`: same kind, or the record id into a ref to its entity."""
    if target.type is FieldType.REF:
        if source.id == "id":
            return target.target_entity == source_entity_id
        return source.type is FieldType.REF and source.target_entity == target.target_entity
    if target.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
        return source.type is target.type and set(source.option_ids) <= set(target.option_ids)
    if target.is_textual:
        return source.type is not FieldType.MULTICHOICE
    return value_kind(source) == value_kind(target)
