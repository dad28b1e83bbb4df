"""Attachment file names that say what each file is: a short Latin transliteration of its Russian caption.

The transliteration is the one of Russian passports (ICAO Doc 9303, used by Russia's Order 889 of 2013):
letters only, no apostrophes or diacritics, so a name survives any upload form, archive and file system.
«Акты передачи отправлений» → `akty-peredachi-otpravlenii`.
"""

from __future__ import annotations

import re

# ICAO Doc 9303 (Russian passports since 2013): ь is dropped, ъ is "ie", й "i", х "kh", ц "ts".
ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# A name keeps at most this many words (prepositions and conjunctions not counted) and characters; a
# word is never cut unless it alone is longer.
MAX_WORDS = 3
MAX_CHARS = 36
# Words a name does not end on: «акты передачи отправлений в (доставку)» stops before «в».
_LINKS = frozenset(
    {"в", "во", "с", "со", "к", "ко", "о", "об", "обо", "по", "на", "за", "от", "до", "из", "у", "и", "а"}
    | {"или", "для", "при", "без", "под", "над", "через", "между"}
)
_WORD = re.compile(r"[a-zа-яё]+")


def transliterated(text: str) -> str:
    """Russian letters in ICAO's Latin; Latin letters and digits as they are, lower case."""
    return "".join(ICAO.get(char, char) for char in text.lower())


def slug(title_ru: str) -> str:
    """`akty-peredachi-otpravlenii`: the first words of a Russian title, transliterated, short, ASCII.

    Dates, numbers (in figures or in words: «пяти», «трёх») and punctuation are left out: the letter and
    the file itself carry them. Empty when the title has no letters at all.
    """
    originals: list[str] = []
    words: list[str] = []
    for match in _WORD.finditer(title_ru.lower()):
        if _numeral(match[0]):
            continue
        latin = transliterated(match[0])
        content = sum(word not in _LINKS for word in originals)
        if content == MAX_WORDS or (words and len("-".join([*words, latin])) > MAX_CHARS):
            break
        if latin:
            originals.append(match[0])
            words.append(latin[:MAX_CHARS])
    while len(words) > 1 and originals[len(words) - 1] in _LINKS:
        words.pop()
    return "-".join(words)


def _numeral(word: str) -> bool:
    """«пяти», «трёх», «двадцати»: a count in words says nothing of what the file is."""
    from ozon_urgent.morphology import morph

    return bool(re.fullmatch(r"[а-яё]+", word)) and "NUMR" in morph().parse(word)[0].tag
