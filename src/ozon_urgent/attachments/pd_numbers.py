"""Identity numbers, bank cards and e-mail addresses in a cell, each confirmed by its own validator and
scored by how it is written and what is written before it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from stdnum import luhn
from stdnum.cn import ric
from stdnum.ru import inn

from ozon_urgent.attachments.pd_score import ID_WORDS, SENDER_WORDS, Candidate, label_of

_PASSPORT_WORDS = re.compile(r"паспорт|passport|护照|серия|серии|\bсер\.|удостоверени", re.IGNORECASE)
_SNILS_WORDS = re.compile(r"снилс|snils|страхов", re.IGNORECASE)
_INN_WORDS = re.compile(r"\bинн\b|inn\b|налогоплательщик|税号", re.IGNORECASE)
_CARD_WORDS = re.compile(
    r"карт|card|visa|виза|master|мир\b|maestro|unionpay|银行卡|卡号|сбер|тинькофф|т-банк", re.IGNORECASE
)
_ID = re.compile(ID_WORDS, re.IGNORECASE)
_SENDER = re.compile(SENDER_WORDS, re.IGNORECASE)

_RIC = re.compile(r"(?<!\w)\d{17}[\dXx](?!\w)")
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){15,18}(?![\w-])")
_INN = re.compile(r"(?<![\w-])\d{12}(?![\w-])")
_SNILS = re.compile(r"(?<![\w-])\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}(?![\w-])")
_SNILS_BARE = re.compile(r"(?<![\w-])\d{11}(?![\w-])")
# «серия 4510 № 123456», «45 10 № 123456», «4510 123456», «4510123456»; OCR reads № as «N», «Ne», «No»
_PASSPORT = re.compile(
    r"(?<![\w-])(?P<series>\d{2} ?\d{2})(?P<mark> ?(?:№|N[eoº°]?\.?|номер|no\.?) ?| )?"
    r"(?P<number>\d{6})(?![\w-])",
    re.IGNORECASE,
)
# OCR often reads a space after a domain's dot («bk. ru»): one is allowed before a Latin ending.
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*(?:\.([^\W\d_]{2,24})|\. ([a-z]{2,6}))(?!\w)")
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "pdf"})  # icon@2x.png is no address
# A role mailbox is a business's, not a person's: support@…, noreply@…
_ROLE_MAILBOX = re.compile(
    r"^(?:support|help|info|sales|service|noreply|no-reply|do-not-reply|admin|office|orders?|shop|store|"
    r"contact|mail|hello|team|press|partners?|seller|feedback|billing|hr|jobs|marketing|client|clients)"
    r"(?:[._-]\w+)?$",
    re.IGNORECASE,
)

Before = Callable[[int], str]


def find_numbers(text: str, before: Before) -> Iterator[Candidate]:
    """Every identity number, card and e-mail in a cell's `text`; `before(i)` is what precedes i."""
    for match in _RIC.finditer(text):
        if ric.is_valid(match.group()):
            yield Candidate("ric", match.start(), match.end(), 0.9, match.group())
    for match in _CARD.finditer(text):
        score = _card(match.group())
        if score:
            if _CARD_WORDS.search(before(match.start())[-60:]):
                score += 0.3
            yield Candidate("card", match.start(), match.end(), score, match.group())
    for match in _INN.finditer(text):
        if inn.is_valid(match.group()):
            yield _scored("inn", match, 0.45, _INN_WORDS, before(match.start()), sender_drops=True)
    for match in _SNILS.finditer(text):
        if snils_is_valid(_digits(match.group())):
            yield _scored("snils", match, 0.85, _SNILS_WORDS, before(match.start()))
    for match in _SNILS_BARE.finditer(text):
        if snils_is_valid(match.group()):
            yield _scored("snils", match, 0.35, _SNILS_WORDS, before(match.start()))
    for match in _PASSPORT.finditer(text):
        candidate = _passport(match, before(match.start()))
        if candidate is not None:
            yield candidate
    for match in _EMAIL.finditer(text):
        if (match.group(1) or match.group(2)).lower() not in _FILE_SUFFIXES:
            yield Candidate("email", match.start(), match.end(), _email(match.group()), match.group())


def snils_is_valid(digits: str) -> bool:
    """The SNILS checksum: digits weighted 9..1, modulo 101; numbers up to 001-001-998 had none."""
    if len(digits) != 11 or not digits.isdigit() or int(digits[:9]) <= 1001998:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(9, 0, -1), strict=True))
    check = total % 101 if total > 101 else total
    return (0 if check in (100, 101) else check) == int(digits[9:])


def passport_series_is_plausible(series: str) -> bool:
    """A Russian passport's series: a region's code (01-99), then the last two digits of the year the
    form was printed (97-99, 00 to this decade)."""
    digits = _digits(series)
    return len(digits) == 4 and digits[:2] != "00" and (digits[2:] >= "97" or digits[2:] <= "29")


def _digits(raw: str) -> str:
    return "".join(char for char in raw if char.isdigit())


def _scored(
    kind: str,
    match: re.Match[str],
    base: float,
    words: re.Pattern[str],
    before: str,
    sender_drops: bool = False,
) -> Candidate:
    """`base`, raised when the kind's word labels the value, lowered when an ID's or a business's does."""
    score = base
    negative = {"id": _ID, **({"sender": _SENDER} if sender_drops else {})}
    label = label_of(before, {"own": words}, negative)
    if label == "own":
        score += 0.45
    elif label is not None:
        score -= 0.3
    return Candidate(kind, match.start(), match.end(), max(0.0, min(1.0, score)), match.group())


def _card(raw: str) -> float:
    """A card number's score from its digits and grouping; 0 when it cannot be a card."""
    digits = _digits(raw)
    if not 16 <= len(digits) <= 19 or not luhn.is_valid(digits):
        return 0.0
    if digits[0] == "2":  # Mir 2200-2204 and Mastercard 2221-2720
        if not 2200 <= int(digits[:4]) <= 2720:
            return 0.0
    elif digits[0] not in "456":  # Visa, Mastercard/Maestro, UnionPay/Maestro
        return 0.0
    separators = set(re.findall(r"[ -]", raw))
    if not separators:
        return 0.6  # sixteen bare digits pass Luhn one time in ten: a word or a grouping must confirm
    if len(separators) > 1:
        return 0.0
    groups = re.split(r"[ -]", raw)
    # A card is printed in fours (the last group may be shorter): a posting number and a SKU side by
    # side (57195475-0050-3 1031157650) can add up to a Luhn-valid run.
    if all(len(group) == 4 for group in groups[:-1]) and 1 <= len(groups[-1]) <= 4:
        return 0.9
    return 0.0


def _passport(match: re.Match[str], before: str) -> Candidate | None:
    if not passport_series_is_plausible(match.group("series")):
        return None
    mark = (match.group("mark") or "").strip()
    spaced = " " in match.group("series")
    if mark:
        score = 0.75  # «4510 № 123456»: written as only a passport is
    elif spaced or " " in match.group():
        score = 0.4  # «45 10 123456», «4510 123456»: a passport's spacing, but two IDs side by side too
    else:
        score = 0.2  # ten bare digits are as often an Ozon SKU
    label = label_of(before, {"own": _PASSPORT_WORDS}, {"id": _ID}, reach=50)
    on_its_line = _PASSPORT_WORDS.search(before.rsplit("\n", 1)[-1][-40:]) is not None
    if label == "own" and score == 0.2:
        score = 0.85 if on_its_line else score  # bare digits only right after the word, on its line
    elif label == "own":
        score += 0.5
    elif label == "id":
        score -= 0.3
    return Candidate("passport", match.start(), match.end(), max(0.0, min(1.0, score)), match.group())


def _email(raw: str) -> float:
    local = raw.partition("@")[0]
    return 0.2 if _ROLE_MAILBOX.match(local) else 0.85
