"""One sentence being read: its normalised text, and the spans readers have already taken."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from voice_intake.drafting.numerals_en import english_numbers_to_digits
from voice_intake.drafting.numerals_zh import chinese_numerals_to_digits
from voice_intake.drafting.quantities import Quantity, find_quantities
from voice_intake.drafting.sentences import Sentence, split_clauses


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence and where it is."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Reading:
    """A sentence with numbers in digits; what one reader takes, the next ones do not see."""

    sentence: Sentence
    text: str
    language: str
    taken: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, sentence: Sentence, language: str) -> Reading:
        """Normalise the numbers of a sentence (五十万 → 50万, fifty thousand → 50000)."""
        convert = chinese_numerals_to_digits if language == "zh" else english_numbers_to_digits
        return cls(sentence, convert(sentence.text), language)

    @property
    def number(self) -> int:
        """The sentence's number in the request."""
        return self.sentence.number

    def take(self, start: int, end: int) -> None:
        """Mark a span as read."""
        if end > start:
            self.taken.append((start, end))

    def take_all(self) -> None:
        """Mark the whole sentence as read."""
        self.take(0, len(self.text))

    def remaining(self) -> str:
        """The text with taken spans blanked out by clause marks (so clauses stay apart)."""
        characters = list(self.text)
        for start, end in self.taken:
            for index in range(start, end):
                characters[index] = " "
            if start < len(characters):
                characters[start] = "，" if self.language == "zh" else ","
        return "".join(characters)

    def pieces(self) -> Iterator[tuple[int, str]]:
        """For each untaken clause, its offset and the text from there to the end of the sentence."""
        remaining = self.remaining()
        for clause in self.clauses():
            yield clause.start, remaining[clause.start :]

    def clauses(self) -> list[Clause]:
        """The untaken clauses, with where they are."""
        remaining = self.remaining()
        found, offset = [], 0
        for text in split_clauses(remaining):
            start = remaining.index(text, offset)
            offset = start + len(text)
            found.append(Clause(start, offset, text))
        return found

    def quantities(self, text: str | None = None) -> list[Quantity]:
        """The quantities of the remaining text (or of a part of it)."""
        return find_quantities(self.remaining() if text is None else text)
