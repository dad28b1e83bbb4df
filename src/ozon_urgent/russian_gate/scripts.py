"""Scripts inside a word: Cyrillic, Latin, and the words that mix them (Oзон with a Latin O)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Script = Literal["cyrillic", "latin", "mixed", "none"]

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
# Letters that look alike in both scripts: what a keyboard layout switch or OCR swaps without a trace.
_LOOKALIKE_LATIN = "AaBCcEeHKkMOoPpTXxYy"
_LOOKALIKE_CYRILLIC = "АаВСсЕеНКкМОоРрТХхУу"
_TO_CYRILLIC = str.maketrans(_LOOKALIKE_LATIN, _LOOKALIKE_CYRILLIC)
_TO_LATIN = str.maketrans(_LOOKALIKE_CYRILLIC, _LOOKALIKE_LATIN)


@dataclass(frozen=True, slots=True)
class MixedWord:
    """A word with letters of both scripts; `foreign` is the script of the few letters that do not fit."""

    word: str
    foreign: Literal["latin", "cyrillic"]
    letters: tuple[str, ...]
    positions: tuple[int, ...]  # 1-based, counted over the whole word
    fixed: str  # the word retyped in its own script, or "" when a foreign letter has no look-alike


def script(text: str) -> Script:
    cyrillic, latin = bool(_CYRILLIC.search(text)), bool(_LATIN.search(text))
    if cyrillic and latin:
        return "mixed"
    return "cyrillic" if cyrillic else "latin" if latin else "none"


def mixed_word(word: str) -> MixedWord | None:
    """The foreign letters of a word that mixes scripts within one part (ERP-системы is two clean parts)."""
    letters: list[str] = []
    positions: list[int] = []
    foreign: Literal["latin", "cyrillic"] | None = None
    fixed: list[str] = []
    fixable = True
    offset = 0
    for part in re.split("([-‐‑])", word):
        if script(part) == "mixed":
            cyrillic, latin = len(_CYRILLIC.findall(part)), len(_LATIN.findall(part))
            # In a Russian text a tie means Latin letters crept into a Russian word.
            part_foreign: Literal["latin", "cyrillic"] = "latin" if latin <= cyrillic else "cyrillic"
            foreign = foreign or part_foreign
            pattern = _LATIN if part_foreign == "latin" else _CYRILLIC
            for match in pattern.finditer(part):
                letters.append(match[0])
                positions.append(offset + match.start() + 1)
            retyped = part.translate(_TO_CYRILLIC if part_foreign == "latin" else _TO_LATIN)
            fixable = fixable and script(retyped) != "mixed"
            fixed.append(retyped)
        else:
            fixed.append(part)
        offset += len(part)
    if foreign is None:
        return None
    return MixedWord(word, foreign, tuple(letters), tuple(positions), "".join(fixed) if fixable else "")
