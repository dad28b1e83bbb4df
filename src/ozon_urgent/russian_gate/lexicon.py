"""The gate's dictionaries, each loaded once per process and only when a text first needs it."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ozon_urgent import morphology

_STRESS = re.compile("[\u0300\u0301]")
_HYPHEN = re.compile("[-‐‑]")
_STEM = 4  # letters a lexicon word and its inflected forms share (кэшбэк, кэшбэка)


@dataclass(frozen=True, slots=True)
class Terms:
    latin: frozenset[str]  # folded, see `fold`
    abbreviations: frozenset[str]
    lexicon: frozenset[str]


def fold(word: str) -> str:
    """The form words are compared in: lower case, ё as е, no stress marks, one kind of hyphen."""
    return _HYPHEN.sub("-", _STRESS.sub("", word)).casefold().replace("ё", "е")


@cache
def terms() -> Terms:
    text = resources.files("ozon_urgent.russian_gate").joinpath("terms.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Terms(*(frozenset(map(fold, data[key])) for key in ("latin_terms", "abbreviations", "lexicon")))


def morph() -> Any:  # pymorphy3 ships no type information
    """pymorphy3's analyser over its OpenCorpora dictionary, the process's one (morphology.morph)."""
    return morphology.morph()


@lru_cache(maxsize=65536)
def russian_known(word: str) -> bool:
    """Whether a Cyrillic word (any case, ё or е, hyphenated or not) is a Russian word the gate knows."""
    key = _STRESS.sub("", unicodedata.normalize("NFC", word))
    folded = fold(key)
    extra = terms()
    if folded in extra.abbreviations or folded in extra.lexicon:
        return True
    analyser = morph()
    if analyser.word_is_known(key):
        return True
    parts = [part for part in _HYPHEN.split(key) if part]
    if len(parts) > 1 and all(russian_known(part) for part in parts):
        return True  # трек-номер, фулфилмент-оператор: each half is a word
    # Inflected forms of the e-commerce lemmas pymorphy3 lacks (маркетплейса): its guesser finds the
    # lemma. Guessing is slow, so only words that start like one of those lemmas are guessed at all.
    if folded[:_STEM] not in _stems(extra.lexicon):
        return False
    return any(fold(parse.normal_form) in extra.lexicon for parse in analyser.parse(key))


@cache
def _stems(lexicon: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma[:_STEM] for lemma in lexicon)


@lru_cache(maxsize=4096)
def is_abbreviation(word: str) -> bool:
    """A known abbreviation: in the gate's list, or one the dictionary itself tags as one (ООО, НДС)."""
    if fold(word) in terms().abbreviations:
        return True
    return any("Abbr" in parse.tag for parse in morph().parse(word)) if _is_cyrillic(word) else False


def _is_cyrillic(word: str) -> bool:
    return all("\u0400" <= char <= "\u04ff" for char in word)


@dataclass(frozen=True, slots=True)
class English:
    words: frozenset[str]  # seen at least RARE times in pyspellchecker's frequency list
    common: frozenset[str]  # seen at least COMMON times


# Below RARE the list holds subtitles' typos and names; a pinyin-looking word seen COMMON times in English
# is English (change, women, china), one seen less is pinyin first (shang, xiang).
RARE, COMMON = 100, 1000


@cache
def english() -> English:
    """English words (pyspellchecker's list from subtitles), loaded on first use: ~0.2 s and ~20 MB."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    words = frozenset(word for word, count in counts.items() if count >= RARE)
    return English(words, frozenset(word for word in words if counts[word] >= COMMON))


def english_band(word: str) -> int:
    """2 for a common English word, 1 for a rarer one, 0 for none; a hyphenated word by its rarest part."""
    known = english()
    parts = [part for part in _HYPHEN.split(word.lower().replace("’", "'")) if part]
    return min((2 if part in known.common else 1 if part in known.words else 0) for part in parts or [""])


def allowed(words: Iterable[str]) -> frozenset[str]:
    """A case's `allow_words` in the form `fold` gives, each phrase also word by word."""
    found: set[str] = set()
    for entry in words:
        found.add(fold(entry.strip()))
        found.update(fold(word) for word in re.findall(r"[\w'’-]+", entry))
    return frozenset(found)
