"""The form of a formal request: no shouting (capitals, "!!!"), sentences short enough to read fast."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ozon_urgent.russian_gate.lexicon import is_abbreviation
from ozon_urgent.russian_gate.scripts import script
from ozon_urgent.russian_gate.tokens import Token, inside
from ozon_urgent.russian_gate.words import allowed_term

LONG_SENTENCE_WORDS = 50
ABBREVIATION_LETTERS = 5  # a word in capitals longer than this is shouting, not an abbreviation
_RUNS = re.compile(r"[!?]{2,}")
_START_WORDS = 6


@dataclass(frozen=True, slots=True)
class LongSentence:
    words: int
    start: str  # its first words, to find it by


def shouted_words(words: list[Token], allowed: frozenset[str], quotes: list[tuple[int, int]]) -> list[str]:
    """Words in capitals that are no known abbreviation: ВНИМАНИЕ, СРОЧНО, PLEASE (compounds part by part).

    A name in quotes may be written in capitals (магазин «LUMORA»)."""
    found = []
    for token in words:
        if token.is_number or inside(quotes, token.start):
            continue
        for part in token.parts:
            if _shouted(part, allowed):
                found.append(part)
    return found


def _shouted(part: str, allowed: frozenset[str]) -> bool:
    if not part.isupper() or len(part) < 2 or script(part) == "mixed":
        return False  # C176 reports mixed words; "SКU" with a Cyrillic К is a typing slip, not shouting
    letters = [char for char in part if char.isalpha()]
    if allowed_term(part, allowed):
        return False  # the case's own words, Ozon's terms and listed abbreviations may stand in capitals
    return len(letters) > 1 and (len(letters) > ABBREVIATION_LETTERS or not is_abbreviation(part))


def punctuation_runs(text: str) -> list[str]:
    """Runs of "!" and "?" ("!!!", "?!"): urgency by punctuation, which a formal request does without."""
    return _RUNS.findall(text)


def long_sentences(text: str, words: list[Token], spans: list[tuple[int, int]]) -> list[LongSentence]:
    """Sentences of more than LONG_SENTENCE_WORDS words (numbers and IDs not counted)."""
    found = []
    index = 0
    for start, end in spans:
        counted: list[Token] = []
        while index < len(words) and words[index].start < end:
            if words[index].start >= start and not words[index].is_number:
                counted.append(words[index])
            index += 1
        if len(counted) > LONG_SENTENCE_WORDS:
            opening = text[counted[0].start : counted[_START_WORDS - 1].end]
            found.append(LongSentence(len(counted), " ".join(opening.split()) + " …"))
    return found
