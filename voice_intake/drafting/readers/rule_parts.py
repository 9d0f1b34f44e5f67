"""What every rule reader needs: who is told, conditions on the options a sentence names, ids and labels."""

from __future__ import annotations

import re

from builder.model.fields import FieldType
from builder.model.workflows import PartyKind
from voice_intake.drafting.draft_fields import DraftEntity
from voice_intake.drafting.draft_parts import Comparison, DraftRule, Party
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.roles import mentions_of_people
from voice_intake.drafting.texts import Text

ZH_NOTIFY = re.compile(r"提醒|通知|告知|告诉|预警|报警|提示|发消息|发送|抄送|推送")
EN_NOTIFY = re.compile(
    r"\b(?:notify|notifies|alert|alerts|remind|reminds|tell|inform|email|warn|let .{1,30} know)\b", re.I
)
_ZH_URGENT = re.compile(r"紧急|升级|严重警告")
_EN_URGENT = re.compile(r"\b(?:urgent|urgently|escalate|critical)\b", re.I)
_NEGATED = re.compile(
    r"(?:未|没有|没|尚未|仍未|还没有?|不)[\u4e00-\u9fff]{1,3}|"
    r"\b(?:not|never|no|without)\s+(?:been\s+|yet\s+)?[a-z-]+|n't\s+(?:been\s+)?[a-z-]+",
    re.IGNORECASE,
)


def recipients(state: DraftState, entity: DraftEntity, clause: str) -> list[Party]:
    """Who a rule tells: the people the clause names (owner when none); roles are declared on the way."""
    parties: list[Party] = []
    for mention in mentions_of_people(clause, state.language):
        said = clause[mention.start : mention.end].lower()
        user_field = entity.find_field(said) if said not in ("我", "me", "myself") else None
        if user_field is not None and user_field.type is FieldType.USER:
            party = Party(PartyKind.FIELD, user_field.label, field=user_field.id)
        elif mention.word.party is PartyKind.OWNER:
            party = mention.party()
        else:
            party = mention.party()
            if party.role:
                state.add_role(party.role, party.label)
        if party not in parties:
            parties.append(party)
    return parties or [Party(PartyKind.OWNER, Text.both("负责人", "Owner"))]


def option_conditions(entity: DraftEntity, clause: str) -> list[Comparison]:
    """One comparison per choice field with an option named in the clause ('谈判阶段…' → stage = negotiating).

    Words said in the negative ('not contacted', '未联系') name what has not happened, not an option.
    """
    affirmed = _NEGATED.sub(" ", clause)
    for draft_field in sorted(entity.fields, key=lambda f: -len(f.label.zh or f.label.en or "")):
        for label in (draft_field.label.zh, draft_field.label.en):  # 严重程度 names the field, not the option 严重
            if label and len(label) > 1:
                affirmed = re.sub(re.escape(label), " ", affirmed, flags=re.IGNORECASE)
    found = []
    for draft_field in entity.fields:
        if draft_field.type is FieldType.CHOICE:
            option = draft_field.option_matching(affirmed)
            if option is not None:
                found.append(Comparison(draft_field.id, "=", option.id))
    return found


def severity(state: DraftState, clause: str, default: str = "warning") -> str:
    """critical when the clause says it is urgent."""
    return "critical" if (_ZH_URGENT if state.language == "zh" else _EN_URGENT).search(clause) else default


def title_placeholder(entity: DraftEntity) -> str:
    """'{title_field}' to name the record in a message ('{id}' when it has no title field)."""
    title = entity.title_field()
    return "{" + (title.id if title else "id") + "}"


def plain(text: str) -> str:
    """A clause as message text: no braces (they would be template placeholders), trimmed."""
    return text.replace("{", "").replace("}", "").strip(" ，,。.")


def add_rule(state: DraftState, rule: DraftRule, sentence: int, summary: Text) -> None:
    """Add a rule and record it for the report."""
    state.rules.append(rule)
    state.record(ElementKind.RULE, rule.id, summary, sentence)


def new_rule_id(state: DraftState, words: str) -> str:
    """A fresh rule id from English words."""
    return state.rule_ids.allocate(words)
