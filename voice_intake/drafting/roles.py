"""People a request names: roles for permissions, and parties who approve or are told."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model.workflows import PartyKind
from voice_intake.drafting.draft_parts import Party
from voice_intake.drafting.texts import Text


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A way of naming people: the party it means, and for roles the role's id and label."""

    party: PartyKind
    label: Text
    zh: str  # pattern
    en: str  # pattern
    role: str | None = None


# Longer names first where one contains another (采购经理 before 经理, 负责人的上级 before 负责人).
WORDS: tuple[RoleWord, ...] = (
    RoleWord(PartyKind.SUPERVISOR, Text.both("负责人的上级", "owner's supervisor"),
             r"负责人的(?:直属)?(?:上级|经理|主管|领导)|销售的(?:上级|经理)",
             r"owner'?s (?:manager|supervisor|boss)|(?:the )?rep'?s (?:manager|supervisor)"),
    RoleWord(PartyKind.ROLE, Text.both("采购", "Purchasing"), r"采购(?:经理|部门|人员)?",
             r"purchasing(?: manager| team)?|procurement", "purchasing"),
    RoleWord(PartyKind.ROLE, Text.both("财务", "Finance"), r"财务(?:经理|部门|人员|总监)?",
             r"finance(?: manager| team| department)?|accounting|cfo", "finance"),
    RoleWord(PartyKind.ROLE, Text.both("法务", "Legal"), r"法务(?:部门|人员)?", r"legal(?: team)?", "legal"),
    RoleWord(PartyKind.ROLE, Text.both("总经理", "General manager"), r"总经理|老板|CEO|ceo",
             r"general manager|ceo|gm\b", "general_manager"),
    RoleWord(PartyKind.ROLE, Text.both("副总", "Vice president"), r"副总(?:裁|经理)?|VP",
             r"vice president|vp\b", "vice_president"),
    RoleWord(PartyKind.ROLE, Text.both("销售总监", "Sales director"), r"(?:销售|区域)?总监",
             r"(?:sales |regional )?directors?", "director"),
    RoleWord(PartyKind.DEPARTMENT_HEAD, Text.both("部门负责人", "Department head"), r"部门(?:负责人|主管|领导)",
             r"department heads?|heads? of (?:the )?department"),
    RoleWord(PartyKind.ROLE, Text.both("店长", "Store manager"), r"店长", r"store managers?", "store_manager"),
    RoleWord(PartyKind.SUPERVISOR, Text.both("直属经理", "Manager"),
             r"(?:直属|直接)?(?:销售)?(?:经理|上级|主管|领导)|组长",
             r"(?:direct |line |sales )?managers?|supervisors?|boss|team leads?|superiors?"),
    RoleWord(PartyKind.OWNER, Text.both("负责人", "Owner"), r"负责人|本人|我|销售代表|销售人员|销售员|业务员|销售",
             r"owners?|me|myself|(?:sales )?reps?|salespeople|salesperson|the rep|sales people"),
)  # fmt: skip
# The role each kind of person holds in permissions ('销售只能看自己的' is about the rep role).
_PERMISSION_ROLE = {
    PartyKind.OWNER: ("rep", Text.both("销售代表", "Sales rep")),
    PartyKind.SUPERVISOR: ("manager", Text.both("销售经理", "Sales manager")),
}
_PATTERNS = {
    language: [(word, re.compile(getattr(word, language), 0 if language == "zh" else re.I)) for word in WORDS]
    for language in ("zh", "en")
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in a text, where."""

    start: int
    end: int
    word: RoleWord

    def party(self) -> Party:
        """The party the mention means."""
        return Party(self.word.party, self.word.label, role=self.word.role)


@dataclass(frozen=True, slots=True)
class PermissionRole:
    """A role named in a permission statement."""

    id: str
    label: Text


def mentions_of_people(text: str, language: str) -> list[Mention]:
    """Every person named in the text, in order, longer names winning over names inside them."""
    found: list[Mention] = []
    for word, pattern in _PATTERNS[language]:
        for match in pattern.finditer(text):
            if language == "en" and not _whole_word(text, match):
                continue
            if not any(match.start() < other.end and other.start < match.end() for other in found):
                found.append(Mention(match.start(), match.end(), word))
    return sorted(found, key=lambda mention: mention.start)


def find_role(text: str, language: str) -> PermissionRole | None:
    """The role a permission statement is about (销售 → rep, 经理 → manager, 总监 → director…)."""
    for mention in mentions_of_people(text, language):
        if mention.word.role:
            return PermissionRole(mention.word.role, mention.word.label)
        said = text[mention.start : mention.end].lower()
        if mention.word.party in _PERMISSION_ROLE and said not in ("我", "本人", "me", "myself"):
            role_id, label = _PERMISSION_ROLE[mention.word.party]
            return PermissionRole(role_id, label)
    return None


def _whole_word(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not before.isalnum() and not after.isalnum()
