"""Starting from a template: pick the candidate whose keywords a request shares most (the seam to the library).

>>> lead = TemplateCandidate("lead_tracker", {}, ("线索", "lead", "跟进", "follow up", "来源"))
>>> deal = TemplateCandidate("contract_approval", {}, ("合同", "contract", "审批", "approval", "金额"))
>>> pick_template("做一个合同审批应用，按金额审批", [lead, deal]).template.id
'contract_approval'
>>> pick_template("the weather is nice", [lead, deal]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voice_intake.drafting.lexicon import singular

MIN_SHARED_KEYWORDS = 2  # one shared word ('客户') is a coincidence, not a resemblance
DEFAULT_THRESHOLD = 0.25  # the share of a template's keywords a request must mention


@dataclass(frozen=True, slots=True)
class TemplateCandidate:
    """A template definition and the words (zh and/or en) that describe what it is for."""

    id: str
    definition: dict[str, Any]
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TemplateMatch:
    """The template picked, how similar it is (0–1) and the keywords the request shares with it."""

    template: TemplateCandidate
    score: float
    shared: tuple[str, ...]


def pick_template(
    request: str, candidates: Sequence[TemplateCandidate], *, threshold: float = DEFAULT_THRESHOLD
) -> TemplateMatch | None:
    """The most similar candidate, or None when none shares enough of its keywords with the request."""
    words = _english_words(request)
    best: TemplateMatch | None = None
    for candidate in candidates:
        keywords = tuple(dict.fromkeys(keyword.strip() for keyword in candidate.keywords if keyword.strip()))
        if not keywords:
            continue
        shared = tuple(keyword for keyword in keywords if _mentioned(keyword, request, words))
        score = len(shared) / len(keywords)
        if len(shared) < MIN_SHARED_KEYWORDS or score < threshold:
            continue
        if best is None or (score, len(shared)) > (best.score, len(best.shared)):
            best = TemplateMatch(candidate, score, shared)
    return best


def _english_words(text: str) -> str:
    """The text's English words in the singular, space-separated and padded (for whole-word search)."""
    return " " + " ".join(singular(word) for word in re.findall(r"[a-z]+", text.lower())) + " "


def _mentioned(keyword: str, request: str, words: str) -> bool:
    if re.search(r"[\u4e00-\u9fff]", keyword):
        return keyword in request
    phrase = " ".join(singular(word) for word in re.findall(r"[a-z]+", keyword.lower()))
    return bool(phrase) and f" {phrase} " in words
