"""A person's full name: a first name with a surname or patronymic, a surname with initials.

pymorphy3's dictionary knows Russian first names, surnames and patronymics in every case (its tags Name,
Surn, Patr) whatever the letters' case, so «ИВАНОВ ИВАН», «иван петров» and «Иванова А. С.» are read
alike, where NER models trained on news text miss capitals and lowercase. A name in Latin letters
(«Ivanov Ivan») is spelt back into Cyrillic and looked up the same way.

A lone first name is not reported: a support agent's «Меня зовут Анна» is in most clean chats and names
nobody; a full name does. The seller's own names (the store, the policy's `own_names`) are not a buyer's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ozon_urgent import morphology
from ozon_urgent.attachments.pd_score import RECIPIENT_WORDS, SENDER_WORDS, Candidate, nearest

if TYPE_CHECKING:
    import pymorphy3

_WORD = re.compile(r"[А-ЯЁA-Z]\.|[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?|[A-Za-z]+(?:-[A-Za-z]+)?")
_INITIALS = re.compile(r"^[А-ЯЁ]\.$")
# A surname the dictionary lacks still has a surname's ending.
_SURNAME_ENDING = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|ова|ева|ёва|ина|ына|ская|цкая|енко|ук|юк|ко|дзе|швили|ян|янц)$"
)
_RECIPIENT = re.compile(RECIPIENT_WORDS, re.IGNORECASE)
_SENDER = re.compile(SENDER_WORDS, re.IGNORECASE)
# A name in a street's, a station's or a company's name is not a person's: «ул. Льва Толстого».
_PLACE_BEFORE = re.compile(
    r"(?:\bул|улица|пр-т|просп|проспект|пер|переулок|бульвар|б-р|пл|площадь|наб|набережная|имени|им|"
    r"ст\.? ?м|метро|шоссе|проезд|г|город|пос|с|дер|станция|ж/д|тц|трц|бц|жк)\.? *$",
    re.IGNORECASE,
)
_MIN_PART = 0.15  # the share of a word's readings that must be the part (Name/Surn/Patr) it plays

Before = Callable[[int], str]


def find_names(text: str, before: Before) -> Iterator[Candidate]:
    """Full names in a cell's text: two or three name words side by side, or a surname with initials."""
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        found = _name_at(words, index, text)
        if found is None:
            index += 1
            continue
        end_index, base = found
        start, end = words[index].start(), words[end_index - 1].end()
        context = before(start)
        label = nearest(context[-60:], {"person": _RECIPIENT, "sender": _SENDER})
        score = base + (0.2 if label == "person" else -0.5 if label == "sender" else 0.0)
        if _PLACE_BEFORE.search(context[-25:]):
            score = 0.0
        if score > 0:
            yield Candidate("name", start, end, min(1.0, score), text[start:end])
        index = end_index


def _name_at(words: list[re.Match[str]], index: int, text: str) -> tuple[int, float] | None:
    """(index after the name, its score) when a name starts at words[index]."""
    parts: list[frozenset[str]] = []
    for match in words[index : index + 3]:
        if parts and text[words[index + len(parts) - 1].end() : match.start()].strip(" ,") not in ("",):
            break  # a name's words stand side by side (a comma at most: «Иванов, Иван»)
        found = _parts(match.group())
        if not found:
            break
        parts.append(found)
    if len(parts) < 2:
        return None
    if not _one_case(words[index : index + len(parts)]):
        return None
    for size in (3, 2):
        if len(parts) >= size:
            score = _score(parts[:size])
            if score:
                return index + size, score
    return None


def _score(parts: list[frozenset[str]]) -> float:
    initials = sum(1 for part in parts if part == {"Init"})
    has = {name: any(name in part for part in parts) for name in ("Name", "Surn", "Patr")}
    if initials and initials < len(parts) and has["Surn"]:
        # «Иванов И. И.», «И. И. Иванов»: initials beside a surname, not around a first name
        return 0.85
    if initials:
        return 0.0
    if has["Name"] and has["Surn"] and _distinct(parts, "Name", "Surn"):
        return 0.85
    if has["Name"] and has["Patr"] and _distinct(parts, "Name", "Patr"):
        # «Иван Иванович»: how one addresses a person; a name with a word of context
        return 0.65 if len(parts) == 2 else 0.9
    return 0.0


def _distinct(parts: list[frozenset[str]], first: str, second: str) -> bool:
    """Two different words play the two parts (one word may be both a first name and a surname)."""
    return any(first in a and second in b for i, a in enumerate(parts) for j, b in enumerate(parts) if i != j)


def _one_case(matches: list[re.Match[str]]) -> bool:
    """The words of a name are written alike: Capitalised, CAPITALS or lowercase, not a mix of lowercase
    words and capitals as a sentence's words are («в Иванов день»)."""
    kinds = set()
    for match in matches:
        word = match.group()
        if _INITIALS.match(word) or word.isupper():
            kinds.add("upper")
        elif word[:1].isupper():
            kinds.add("title")
        else:
            kinds.add("lower")
    return len(kinds - {"upper"}) <= 1 and not ({"lower"} <= kinds and "upper" in kinds)


def _parts(word: str) -> frozenset[str]:
    """The parts of a name `word` can play: Name, Surn, Patr, or Init for an initial."""
    if _INITIALS.match(word) or (len(word) == 2 and word[1] == "." and word[0].isupper()):
        return frozenset({"Init"})
    if word.isascii():
        return _latin_parts(word)
    return _cyrillic_parts(word.lower().replace("ё", "е"))


@functools.cache
def _cyrillic_parts(word: str) -> frozenset[str]:
    if len(word) < 2:
        return frozenset()
    shares: dict[str, float] = {}
    known = False
    for parse in _morph().parse(word):
        if not parse.is_known:
            continue  # the predictor guesses a Name for any unknown word ending like one
        known = True
        for part in ("Name", "Surn", "Patr"):
            if part in parse.tag:
                shares[part] = shares.get(part, 0.0) + parse.score
    found = {part for part, share in shares.items() if share >= _MIN_PART}
    if not known and len(word) >= 4 and _SURNAME_ENDING.search(word):
        found.add("Surn")  # a surname the dictionary lacks still ends as one
    return frozenset(found)


@functools.cache
def _latin_parts(word: str) -> frozenset[str]:
    """A name written in Latin letters, by the usual transliterations back into Cyrillic."""
    if len(word) < 3 or not word.isalpha():
        return frozenset()
    found: set[str] = set()
    for spelling in _cyrillic_spellings(word.lower()):
        found |= _cyrillic_parts(spelling)
    return frozenset(found)


_DIGRAPHS = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("iu", "ю"), ("ya", "я"), ("ia", "я"), ("yo", "ё"), ("ye", "е"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"), ("x", "кс"),
    ("j", "й"), ("q", "к"),
)  # fmt: skip
_ENDINGS = (("iy", "ий"), ("yy", "ый"), ("ey", "ей"), ("ay", "ай"), ("oy", "ой"), ("y", "ий"))


def _cyrillic_spellings(word: str) -> list[str]:
    """«ivanov» → [«иванов»]; «dmitriy» → [«дмитрий»]; «natalia» → [«наталия», «наталья»]."""
    tail = ""
    for latin, cyrillic in _ENDINGS:
        if word.endswith(latin) and len(word) > len(latin) + 2:
            word, tail = word[: -len(latin)], cyrillic
            break
    out: list[str] = []
    at = 0
    while at < len(word):
        for latin, cyrillic in _DIGRAPHS:
            if word.startswith(latin, at):
                out.append(cyrillic)
                at += len(latin)
                break
        else:
            return []
    spelling = "".join(out) + tail
    spellings = [spelling]
    if "ия" in spelling:
        spellings.append(spelling.replace("ия", "ья"))
    if spelling.endswith("ы"):
        spellings.append(spelling[:-1] + "ий")
    if "ол" in spelling:
        spellings.append(spelling.replace("ол", "оль"))  # Olga → Ольга
    return spellings


def _morph() -> pymorphy3.MorphAnalyzer:
    morph: pymorphy3.MorphAnalyzer = morphology.morph()
    return morph


def warm_up() -> None:
    """Load the dictionary (~0.1 s, ~22 MB) once: in the parent before the workers are forked, so they
    share it; in a worker before the first file's clock starts."""
    _cyrillic_parts("иван")
