"""What a word is to a Russian reader: a Russian word, an allowed term, or a leftover of another language."""

from __future__ import annotations

import re
from typing import Literal

from ozon_urgent.russian_gate.lexicon import english_band, fold, russian_known, terms
from ozon_urgent.russian_gate.pinyin import looks_like_pinyin

LatinKind = Literal["english", "pinyin", "unknown"]

_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")


def allowed_term(word: str, allowed: frozenset[str]) -> bool:
    """Ozon's Latin terms, listed abbreviations, the case's `allow_words`, Roman numerals, single letters."""
    folded = fold(word)
    extra = terms()
    if folded in allowed or folded in extra.latin or folded in extra.abbreviations:
        return True
    # A single letter is a variable, a size or a class ("5 x 10 см", "класс A"), not a word to translate.
    return len(word) == 1 or bool(_ROMAN.fullmatch(word))


def latin_kind(word: str) -> LatinKind:
    """English, pinyin, or neither (a name or a typo): decides which warning a Latin word gets."""
    band = english_band(word)  # common English that splits into syllables (change, women) stays English
    if band < 2 and "-" not in word and looks_like_pinyin(word):
        return "pinyin"
    return "english" if band else "unknown"


def russian_unknown(word: str, allowed: frozenset[str]) -> bool:
    """A Cyrillic word neither the dictionary, the gate's lexicon nor the case's `allow_words` knows."""
    if len(word) == 1 or (allowed and fold(word) in allowed):
        return False  # single letters are prepositions, conjunctions or parts of "т. е."
    return not russian_known(word)
