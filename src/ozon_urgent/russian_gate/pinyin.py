"""Pinyin left in a Russian text: a Latin word that splits wholly into Mandarin syllables (kuaidi, xiajia)."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

_LONGEST_SYLLABLE = 6  # zhuang, shuang, chuang
_SHORTEST_WORD = 3  # "ma", "de", "le" are as likely a unit, a particle or a name


@cache
def syllables() -> frozenset[str]:
    text = resources.files("ozon_urgent.russian_gate").joinpath("pinyin.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def plain(word: str) -> str:
    """The word without tone marks, ü written v as pinyin input methods do: kuàidì → kuaidi, lǜ → lv."""
    decomposed = unicodedata.normalize("NFD", word.lower()).replace("u\u0308", "v")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def looks_like_pinyin(word: str) -> bool:
    """Whether the whole word splits into pinyin syllables (the caller rules out English words)."""
    text = plain(word)
    if len(text) < _SHORTEST_WORD or not text.isascii() or not text.isalpha():
        return False
    known = syllables()
    # reachable[i]: text[:i] splits into syllables; every split is tried, so "xian" and "xi'an" both pass
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for size in range(1, min(_LONGEST_SYLLABLE, end) + 1):
            if reachable[end - size] and text[end - size : end] in known:
                reachable[end] = True
                break
    return reachable[-1]
