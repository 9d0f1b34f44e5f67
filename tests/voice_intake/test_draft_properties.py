"""Whatever is said, the draft validates: arbitrary text, and sentences of the corpus shuffled and cut."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import validate_definition
from voice_intake.drafting import draft_app
from voice_intake.drafting.sentences import split_sentences

CASES = Path(__file__).parent / "cases"
SENTENCES = {
    language: [s.text for case in yaml.safe_load((CASES / f"{language}.yaml").read_text(encoding="utf-8"))
               for s in split_sentences(case["text"], language)]
    for language in ("zh", "en")
}  # fmt: skip
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _requests(draw):
    language = draw(st.sampled_from(["zh", "en"]))
    picked = draw(st.lists(st.sampled_from(SENTENCES[language]), min_size=1, max_size=6))
    cut = [sentence[: draw(st.integers(min_value=1, max_value=len(sentence)))] for sentence in picked]
    joined = ("" if language == "zh" else " ").join(draw(st.sampled_from([picked, cut])))
    return language, joined


@_SETTINGS
@given(_requests())
def test_mixed_and_cut_requests_give_valid_drafts(request):
    language, text = request
    result = draft_app(text, language)
    assert validate_definition(result.definition).is_valid
    assert result.report.error_count == 0


@_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.sampled_from(["zh", "en", None]))
def test_any_text_gives_a_valid_draft(text, language):
    result = draft_app(text, language)
    assert validate_definition(result.definition).is_valid
