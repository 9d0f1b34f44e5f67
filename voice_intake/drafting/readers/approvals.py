"""Approval flows: '5万以下自动签署，5万到50万直属经理审批，50万以上经理审批后总监审批'."""

from __future__ import annotations

import re

from builder.model.fields import FieldType
from builder.model.workflows import ApprovalPolicy, PartyKind
from voice_intake.drafting.draft_fields import DraftEntity, DraftField, Origin
from voice_intake.drafting.draft_parts import ApprovalStep, DraftWorkflow, Party, Tier
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.field_factory import add_field
from voice_intake.drafting.field_items import FieldItem
from voice_intake.drafting.quantities import Measure, Quantity
from voice_intake.drafting.readers.rule_parts import EN_NOTIFY, ZH_NOTIFY
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.roles import mentions_of_people
from voice_intake.drafting.texts import Text
from voice_intake.drafting.thresholds import clause_range, partition

_ZH_APPROVAL = re.compile(r"审批|审核|批准|签署|签字|自签|会签|同意|通过")
_EN_APPROVAL = re.compile(r"approv|sign(?:ed|s|-off| off)?\b|sign-?off", re.I)
_ZH_AUTO = re.compile(r"自动(?:签署|通过|审批|批准|签)|无需审批|不需要审批|不用审批|免审|直接通过|自签")
_EN_AUTO = re.compile(
    r"automatic(?:ally)?|auto-?approv|no approval|without approval|(?:doesn't|don't|do not|does not) need approval",
    re.I,
)
_ZH_ALL = re.compile(r"会签|同时|共同|都要|都需要|一起")
_EN_ALL = re.compile(r"\bboth\b|\btogether\b|\ball of\b|\beach of\b", re.I)
_ZH_ANY = re.compile(r"或者|或|任一|任意|其中一")
_EN_ANY = re.compile(r"\bor\b|\beither\b|\bany of\b|\bone of\b", re.I)
_ZH_OTHERWISE = re.compile(r"其他|其余|其它|否则")
_EN_OTHERWISE = re.compile(r"\b(?:otherwise|all others|anything else|the rest)\b", re.I)
_ZH_MONEY_WORDS = re.compile(r"金额|价格|预算|费用|元|万|报价|成本|收入|销售额")
_EN_MONEY_WORDS = re.compile(r"amount|price|budget|cost|value|revenue|\$|dollar|yuan|rmb|expense", re.I)


def read_approvals(reading: Reading, state: DraftState) -> bool:
    """Build the approval flow a sentence describes; whether it described one."""
    text = reading.remaining()
    zh = state.language == "zh"
    if not (_ZH_APPROVAL if zh else _EN_APPROVAL).search(text):
        return False
    ranged, filler, quantities = _ranges(reading, zh)
    if not ranged and (not filler or (ZH_NOTIFY if zh else EN_NOTIFY).search(text)):
        return False  # 'notify finance when a contract is signed' names who is told, not who approves
    entity = state.entity_for(text, reading.number)
    notes: list[Text] = []
    routed = _routed_field(state, entity, reading, quantities) if ranged else None
    tiers = partition(ranged, filler, notes) if ranged else [Tier(None, None, filler or [])]
    workflow = DraftWorkflow(
        state.workflow_ids.allocate(f"{entity.id}_approval"),
        Text.both(f"{entity.label.get('zh')}审批", f"{entity.label.get('en')} approval"),
        entity.id,
        routed.id if routed else None,
        tiers,
        field_optional=routed is not None and not routed.required,
    )
    state.workflows.append(workflow)
    for party in {party.role: party for tier in tiers for step in tier.steps for party in step.approvers}.values():
        if party.role:
            state.add_role(party.role, party.label)
    state.record(ElementKind.WORKFLOW, workflow.id, _summary(workflow), reading.number)
    for note in notes:
        state.note(reading.number, note)
    reading.take_all()
    return True


def _ranges(reading: Reading, zh: bool) -> tuple[list[Tier], list[ApprovalStep] | None, list[Quantity]]:
    """The tiers with a range, the steps said without one ('其余经理审批'), and the numbers of the ranges."""
    ranged: list[Tier] = []
    filler: list[ApprovalStep] | None = None
    quantities: list[Quantity] = []
    for clause in (part.text for part in reading.clauses()):
        clause_quantities = reading.quantities(clause)
        steps = _steps(clause, zh)
        if steps is None:
            continue
        found = clause_range(clause, clause_quantities, "zh" if zh else "en")
        if found is not None:
            ranged.append(Tier(found[0], found[1], steps))
            quantities += clause_quantities
        elif filler is None and ((_ZH_OTHERWISE if zh else _EN_OTHERWISE).search(clause) or not clause_quantities):
            filler = steps
    return ranged, filler, quantities


def _steps(clause: str, zh: bool) -> list[ApprovalStep] | None:
    """The approval steps a clause names ([] when automatic); None when it names neither."""
    if (_ZH_AUTO if zh else _EN_AUTO).search(clause):
        return []
    people = [
        mention
        for mention in mentions_of_people(clause, "zh" if zh else "en")
        if mention.word.party is not PartyKind.OWNER
    ]
    if not people:
        if (_ZH_APPROVAL if zh else _EN_APPROVAL).search(clause) and re.search(r"需要|要|need|require", clause, re.I):
            return [ApprovalStep((Party(PartyKind.SUPERVISOR, Text.both("直属经理", "Manager")),))]
        return None
    if (_ZH_ALL if zh else _EN_ALL).search(clause) and len(people) > 1:
        return [ApprovalStep(tuple(mention.party() for mention in people), ApprovalPolicy.ALL)]
    steps: list[ApprovalStep] = []
    for index, mention in enumerate(people):
        between = clause[people[index - 1].end : mention.start] if index else ""
        if index and (_ZH_ANY if zh else _EN_ANY).search(between):
            previous = steps.pop()
            steps.append(ApprovalStep((*previous.approvers, mention.party()), ApprovalPolicy.ANY))
        elif not steps or steps[-1].approvers[-1] != mention.party():
            steps.append(ApprovalStep((mention.party(),)))
    return steps


def _routed_field(state: DraftState, entity: DraftEntity, reading: Reading, quantities: list[Quantity]) -> DraftField:
    """The numeric field the thresholds are about: named in the sentence, else the entity's, else a new one."""
    text = reading.remaining()
    percent = any(quantity.measure is Measure.PERCENT for quantity in quantities)
    wanted = (FieldType.PERCENT,) if percent else (FieldType.MONEY, FieldType.INTEGER, FieldType.NUMBER)
    named = entity.find_field(text)
    money_words = _ZH_MONEY_WORDS if state.language == "zh" else _EN_MONEY_WORDS
    if named is not None and named.type in wanted:
        chosen = named
    elif percent:
        chosen = entity.first_of(FieldType.PERCENT) or _new_field(state, entity, "折扣率", "discount", reading.number)
    elif any(q.is_money for q in quantities) or money_words.search(text) or entity.first_of(FieldType.MONEY):
        chosen = entity.first_of(FieldType.MONEY) or _new_field(state, entity, "金额", "amount", reading.number)
    else:
        chosen = entity.first_of(*wanted) or _new_field(state, entity, "金额", "amount", reading.number)
    if chosen.origin is not Origin.TEMPLATE and not chosen.required:
        chosen.required = True
        made_required = Text.both(
            f"“{chosen.label.get('zh')}”设为必填，审批才能按它分流。",
            f"'{chosen.label.get('en')}' was made required so that approvals can be routed by it.",
        )
        state.note(reading.number, made_required)
    return chosen


def _new_field(state: DraftState, entity: DraftEntity, zh: str, en: str, sentence: int) -> DraftField:
    return add_field(state, entity, FieldItem(zh if state.language == "zh" else en), sentence, Origin.IMPLIED)


def _summary(workflow: DraftWorkflow) -> Text:
    zh_parts, en_parts = [], []
    for tier in workflow.tiers:
        where = " 且 ".join(f"{c.field} {c.operator} {c.value}" for c in tier.comparisons(workflow.field or ""))
        zh_steps = " → ".join("/".join(party.label.get("zh") for party in step.approvers) for step in tier.steps)
        en_steps = " → ".join("/".join(party.label.get("en") for party in step.approvers) for step in tier.steps)
        zh_parts.append(f"{where or '全部'}：{zh_steps or '自动通过'}")
        en_parts.append(f"{(where or 'all').replace(' 且 ', ' and ')}: {en_steps or 'approved automatically'}")
    return Text.both(
        f"审批流程 {workflow.label.get('zh')}（{'；'.join(zh_parts)}）",
        f"approval flow {workflow.label.get('en')} ({'; '.join(en_parts)})",
    )
