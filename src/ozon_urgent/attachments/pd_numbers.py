"""Identity numbers, bank cards and e-mail addresses in text, each confirmed by its own checksum."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import luhn
from stdnum.cn import ric
from stdnum.ru import inn

from ozon_urgent.findings.codes import Code


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    code: Code
    variant: str
    raw: str


_CONTEXT_REACH = 40
_PASSPORT_WORDS = re.compile(r"паспорт|passport|护照|серия|серии", re.IGNORECASE)
_SNILS_WORDS = re.compile(r"снилс|snils|страхов", re.IGNORECASE)

_RIC = re.compile(r"(?<!\w)\d{17}[\dXx](?!\w)")
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){15,18}(?![\w-])")
_INN = re.compile(r"(?<![\w-])\d{12}(?![\w-])")
_SNILS = re.compile(r"(?<![\w-])\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}(?![\w-])")
_SNILS_BARE = re.compile(r"(?<![\w-])\d{11}(?![\w-])")
_PASSPORT = re.compile(r"(?<![\w-])\d{2} ?\d{2} ?(?:№ ?)?\d{6}(?![\w-])")
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.([^\W\d_]{2,24})(?!\w)")
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "pdf"})  # icon@2x.png is no address


def find_numbers(text: str) -> Iterator[Found]:
    """Every identity number, card and e-mail, most specific kinds first (a caller drops overlaps)."""
    for pattern, accept, code, variant in _DETECTORS:
        for match in pattern.finditer(text):
            if accept(text, match):
                yield Found(match.start(), match.end(), code, variant, match.group())


def snils_is_valid(digits: str) -> bool:
    """The SNILS checksum: digits weighted 9..1, modulo 101; numbers up to 001-001-998 had none."""
    if len(digits) != 11 or not digits.isdigit() or int(digits[:9]) <= 1001998:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(9, 0, -1), strict=True))
    check = total % 101 if total > 101 else total
    return (0 if check in (100, 101) else check) == int(digits[9:])


def _digits(raw: str) -> str:
    return "".join(char for char in raw if char.isdigit())


def _near(words: re.Pattern[str], text: str, match: re.Match[str]) -> bool:
    window = text[max(0, match.start() - _CONTEXT_REACH) : match.end() + _CONTEXT_REACH]
    return words.search(window) is not None


def _card_grouping(raw: str) -> bool:
    """A card is printed whole or in fours with one kind of separator (the last group may be shorter): a
    posting number and a SKU side by side (57195475-0050-3 1031157650) can add up to a Luhn-valid run."""
    separators = set(re.findall(r"[ -]", raw))
    if not separators:
        return True
    if len(separators) > 1:
        return False
    groups = re.split(r"[ -]", raw)
    return all(len(group) == 4 for group in groups[:-1]) and 1 <= len(groups[-1]) <= 4


def _passport(text: str, match: re.Match[str]) -> bool:
    """Written as a passport is (45 06 123456, 4506 123456) near the word; ten bare digits are as often an
    Ozon SKU in the next column, so those count only after the word on the same line."""
    if " " in match.group():
        return _near(_PASSPORT_WORDS, text, match)
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(line_start, match.start() - _CONTEXT_REACH) : match.start()]
    return _PASSPORT_WORDS.search(before) is not None


def _card(_text: str, match: re.Match[str]) -> bool:
    if not _card_grouping(match.group()):
        return False
    digits = _digits(match.group())
    if not 16 <= len(digits) <= 19 or not luhn.is_valid(digits):
        return False
    if digits[0] == "2":  # Mir 2200-2204 and Mastercard 2221-2720
        return 2200 <= int(digits[:4]) <= 2720
    return digits[0] in "456"  # Visa, Mastercard/Maestro, UnionPay/Maestro


_Accept = Callable[[str, re.Match[str]], bool]
_DETECTORS: tuple[tuple[re.Pattern[str], _Accept, Code, str], ...] = (
    (_RIC, lambda _t, m: ric.is_valid(m.group()), Code.PERSONAL_ID_NUMBER, "ric"),
    (_CARD, _card, Code.PERSONAL_BANK_CARD, ""),
    (_INN, lambda _t, m: inn.is_valid(m.group()), Code.PERSONAL_ID_NUMBER, "inn"),
    (_SNILS, lambda _t, m: snils_is_valid(_digits(m.group())), Code.PERSONAL_ID_NUMBER, "snils"),
    (
        _SNILS_BARE,
        lambda t, m: _near(_SNILS_WORDS, t, m) and snils_is_valid(m.group()),
        Code.PERSONAL_ID_NUMBER,
        "snils",
    ),
    (_PASSPORT, lambda t, m: _passport(t, m), Code.PERSONAL_ID_NUMBER, "passport"),
    (_EMAIL, lambda _t, m: m.group(1).lower() not in _FILE_SUFFIXES, Code.PERSONAL_EMAIL, ""),
)
