"""The items of a list of fields: '阶段（起草、谈判）、金额（必填）和负责人' → three named items with their details."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_SEPARATORS = re.compile(r"[、，,；;]|以及|及|和|与|还有")
_EN_SEPARATORS = re.compile(r",\s*(?:and|or)\s+|,|;|\s+and\s+|\s+&\s+", re.IGNORECASE)
_OPTION_SEPARATORS = re.compile(r"[、，,／/|；;]|\s+or\s+|\s+and\s+|或者|或|和", re.IGNORECASE)
_PARENTHESES = re.compile(r"[（(]([^()（）]*)[)）]")
_COLON_OPTIONS = re.compile(r"^(?P<name>[^:：]+)[:：](?P<options>.+)$")
_REQUIRED = re.compile(r"^(?:必填|必须填写?|必需|required|mandatory|must)$", re.IGNORECASE)
_EN_ARTICLES = re.compile(r"^(?:a|an|the|its|their|his|her|our|some|any|one)\s+", re.IGNORECASE)
_EN_WHETHER = re.compile(
    r"^whether\s+(?:(?:it|they|the\s+\w+|a|an)\s+)?(?:is|are|was|were|has|have|had)?\s*", re.IGNORECASE
)
# Words that start something other than a field name: a list of fields ends before them.
_ZH_NOT_A_FIELD = re.compile(
    r"看板|图|审批|提醒|通知|可见|只能|展示|统计|每天|每周|每月|超过|以上|以下|如果|当|需要|自动|看到|能看|可以"
    r"|我|你|他们|另外|然后|因为|所以|希望|想要|今天|明天|下个月|下周"
)
_EN_NOT_A_FIELD = re.compile(
    r"\b(?:kanban|board|chart|approv\w*|remind\w*|notif\w*|alert\w*|visible|see|sees|show|every|over|under|if|when"
    r"|should|must|need|needs|automatically|i|we|you|they|please|also|then|tomorrow|today)\b",
    re.IGNORECASE,
)
_AUXILIARIES = re.compile(r"\s*\b(?:is|are|was|were|has been|have been|be)\b\s*", re.IGNORECASE)
_ZH_LONGEST, _EN_LONGEST = 12, 5  # longer items are sentences, not names


@dataclass(frozen=True, slots=True)
class FieldItem:
    """One named field of a list, with the options, required mark or yes/no form said with it."""

    phrase: str
    options: tuple[str, ...] = ()
    required: bool = False
    yes_no: bool = False  # 'whether …': a boolean


def parse_items(text: str, language: str) -> tuple[list[FieldItem], int]:
    """The items of a list and how many characters of `text` they took (the rest is left to other readers)."""
    items: list[FieldItem] = []
    used = 0
    for piece, end in _top_level_pieces(text, language):
        item = _parse_item(piece, language)
        if item is None:
            break
        items.append(item)
        used = end
    return items, used


def split_options(text: str) -> tuple[str, ...]:
    """The options of a list such as '起草、谈判、已签约' or 'new, contacted or lost'."""
    options = [_EN_ARTICLES.sub("", part.strip(" 。.\"'“”")) for part in _OPTION_SEPARATORS.split(text)]
    return tuple(option for option in options if option)


def _parse_item(piece: str, language: str) -> FieldItem | None:
    details = [match.group(1).strip() for match in _PARENTHESES.finditer(piece)]
    name = _PARENTHESES.sub("", piece).strip(" 。.:：\"'“”")
    required = any(_REQUIRED.match(detail) for detail in details)
    options = next((split_options(detail) for detail in details if not _REQUIRED.match(detail)), ())
    colon = _COLON_OPTIONS.match(name)
    if colon and not options:
        name, options = colon.group("name").strip(), split_options(colon.group("options"))
    yes_no = False
    if language == "en":
        name = _EN_ARTICLES.sub("", name)
        if name.lower().startswith("whether"):
            name, yes_no = _AUXILIARIES.sub(" ", _EN_WHETHER.sub("", name)).strip() or name, True
        name = _EN_ARTICLES.sub("", name)
    if not name or _too_long(name, language) or _not_a_field(name, language):
        return None
    return FieldItem(name, options if len(options) > 1 else (), required, yes_no)


def _top_level_pieces(text: str, language: str) -> list[tuple[str, int]]:
    """The pieces between separators outside parentheses, each with the offset where it ends."""
    separators = _ZH_SEPARATORS if language == "zh" else _EN_SEPARATORS
    masked = _mask_parentheses(text)
    pieces, start = [], 0
    for match in separators.finditer(masked):
        pieces.append((text[start : match.start()], match.start()))
        start = match.end()
    pieces.append((text[start:], len(text)))
    return [(piece.strip(), end) for piece, end in pieces if piece.strip()]


def _mask_parentheses(text: str) -> str:
    """The text with everything inside parentheses blanked, so separators there are not seen."""
    masked, depth = [], 0
    for character in text:
        if character in "(（":
            depth += 1
        elif character in ")）":
            depth = max(depth - 1, 0)
        masked.append("_" if depth and character not in "(（" else character)
    return "".join(masked)


def _too_long(name: str, language: str) -> bool:
    return len(name) > _ZH_LONGEST if language == "zh" else len(name.split()) > _EN_LONGEST


def _not_a_field(name: str, language: str) -> bool:
    return bool((_ZH_NOT_A_FIELD if language == "zh" else _EN_NOT_A_FIELD).search(name))
