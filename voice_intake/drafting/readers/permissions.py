"""Which records each role sees: '销售只能看自己的合同，经理看团队的', 'reps see their own; managers their team's'."""

from __future__ import annotations

import re

from builder.model.app import Scope
from voice_intake.drafting.draft_fields import Origin
from voice_intake.drafting.draft_state import DraftState, ElementKind
from voice_intake.drafting.reading import Reading
from voice_intake.drafting.roles import find_role
from voice_intake.drafting.texts import Text

_ZH_SCOPES = (
    (Scope.OWN, re.compile(r"自己的|自己负责的|本人的|自己|本人")),
    (Scope.TEAM, re.compile(r"团队的?|下属的?|本组的?|组内的?|手下的?")),
    (Scope.DEPARTMENT, re.compile(r"本部门的?|部门的?")),
    (Scope.ALL, re.compile(r"全部的?|所有的?|全公司的?|全部|所有人的")),
)
_EN_SCOPES = (
    (Scope.OWN, re.compile(r"\b(?:their own|own|only theirs|themselves|his own|her own)\b", re.I)),
    (Scope.TEAM, re.compile(r"\b(?:their team'?s?|team'?s?|their reports'?|subordinates'?)\b", re.I)),
    (Scope.DEPARTMENT, re.compile(r"\b(?:their department'?s?|department'?s?)\b", re.I)),
    (Scope.ALL, re.compile(r"\b(?:all|everything|everyone'?s|the whole company'?s)\b", re.I)),
)
_ZH_OPERATIONS = (
    ("delete", re.compile(r"删除")),
    ("update", re.compile(r"编辑|修改|更改|改")),
    ("create", re.compile(r"创建|新建|录入|添加|新增")),
    ("manage", re.compile(r"管理")),
    ("read", re.compile(r"看|查看|可见|访问|浏览")),
)
_EN_OPERATIONS = (
    ("delete", re.compile(r"\b(?:delete|remove)\b", re.I)),
    ("update", re.compile(r"\b(?:edit|update|change|modify)\b", re.I)),
    ("create", re.compile(r"\b(?:create|add)\b", re.I)),
    ("manage", re.compile(r"\bmanage\b", re.I)),
    ("read", re.compile(r"\b(?:see|sees|view|views|read|reads|access|look at)\b", re.I)),
)
_EN_AND = re.compile(r",?\s+and\s+|;\s*", re.IGNORECASE)
_SCOPE_NAMES = {
    Scope.OWN: ("自己的", "their own"),
    Scope.TEAM: ("团队的", "their team's"),
    Scope.DEPARTMENT: ("本部门的", "their department's"),
    Scope.ALL: ("全部", "all"),
}


def read_permissions(reading: Reading, state: DraftState) -> bool:
    """Grant each role named with a scope its rights; clauses without a verb reuse the previous one's."""
    operations: set[str] = set()
    found = False
    for part in reading.clauses():
        granted = False
        for clause in _EN_AND.split(part.text) if state.language == "en" else [part.text]:
            operations = _operations(clause, state.language) or operations
            granted |= _read_clause(state, reading, clause, operations)
        if granted:
            reading.take(part.start, part.end)
            found = True
    return found


def _read_clause(state: DraftState, reading: Reading, clause: str, operations: set[str]) -> bool:
    """Grant what one clause says (its operations may come from the clause before: 经理看团队的)."""
    role = find_role(clause, state.language)
    scope = _scope(clause, state.language)
    if role is None or scope is None or not operations:
        return False
    state.add_role(role.id, role.label)
    named = state.find_entity(clause) or state.find_entity(reading.remaining())
    entities = [named] if named else [e for e in state.entities if e.origin is not Origin.TEMPLATE] or state.entities
    for entity in entities:
        _grant(state, role.id, entity.id, scope, operations)
        zh_scope, en_scope = _SCOPE_NAMES[scope]
        summary = Text.both(
            f"{role.label.get('zh')}可{_zh_operations(operations)}{zh_scope}{entity.label.get('zh')}",
            f"{role.label.get('en')} may {_en_operations(operations)} {en_scope} {entity.label.get('en')}",
        )
        state.record(ElementKind.PERMISSION, f"{role.id}@{entity.id}", summary, reading.number)
    return True


def _grant(state: DraftState, role: str, entity: str, scope: Scope, operations: set[str]) -> None:
    grant = state.permission(role, entity)
    if "manage" in operations:
        operations = {"read", "create", "update", "delete"}
    if operations == {"read"}:  # 'sees their own': they also add and edit records within that scope
        grant.read = scope
        grant.create = Scope.OWN
        if scope in (Scope.OWN, Scope.TEAM):
            grant.update = scope
        return
    for operation in operations:
        setattr(grant, operation, Scope.OWN if operation == "create" else scope)
    if grant.read is Scope.NONE:
        grant.read = scope


def _scope(clause: str, language: str) -> Scope | None:
    for scope, pattern in _ZH_SCOPES if language == "zh" else _EN_SCOPES:
        if pattern.search(clause):
            return scope
    return None


def _operations(clause: str, language: str) -> set[str]:
    return {
        name for name, pattern in (_ZH_OPERATIONS if language == "zh" else _EN_OPERATIONS) if pattern.search(clause)
    }


def _zh_operations(operations: set[str]) -> str:
    names = {"read": "查看", "create": "新建", "update": "编辑", "delete": "删除", "manage": "管理"}
    return "、".join(names[name] for name in sorted(operations))


def _en_operations(operations: set[str]) -> str:
    return ", ".join(sorted(operations)).replace("read", "see")
