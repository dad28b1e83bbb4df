"""«ё» written in some words and left as «е» in others of the same text."""

from __future__ import annotations

import re
from functools import lru_cache

from ozon_urgent.russian_gate.lexicon import morph

_WORD = re.compile(r"[А-Яа-яЁё]+")


@lru_cache(maxsize=65536)
def _needs_yo(word: str) -> bool:
    """True when every reading of `word` is spelt with «ё»: «еще», «расчет»; not «все», which may be «все»."""
    lower = word.lower()
    if "е" not in lower or "ё" in lower:
        return False
    readings = {parse.word for parse in morph().parse(lower)}
    return bool(readings) and all("ё" in reading for reading in readings)


def yo_left_out(text: str) -> list[str]:
    """Words written with «е» where the dictionary has only «ё», when the text uses «ё» elsewhere.

    A text that never writes «ё» is consistent too: Russian allows «е» for «ё» throughout.
    """
    if "ё" not in text and "Ё" not in text:
        return []
    found = []
    for word in _WORD.findall(text):
        if _needs_yo(word) and word not in found:
            found.append(word)
    return found
