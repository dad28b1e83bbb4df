"""Dates and money amounts in a file's text, for the index of what it shows (`shown`).

Dates: DD.MM.YYYY, YYYY-MM-DD (or with / or .), «20 ноября 2026», "20 November 2026", "November 20,
2026", 2026年11月20日; only real calendar days. Amounts: a number with a currency sign or word before
or after it (₽, руб., RUB, ¥, 元, CNY, $, USD; a capital Р or P right after the number, which is how
OCR reads ₽). The text has been through `shown.normalise` (NFKC).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from ozon_urgent.attachments.model import Amount

_RU_MONTHS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
)  # fmt: skip
_EN_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_RU_MONTH = (
    r"(январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе"
    r"|(?:сентябр|октябр|ноябр|декабр)[ьяе])"
)
_EN_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?<![0-9])([0-3]?[0-9])"
_YEAR = r"((?:19|20)[0-9]{2})(?![0-9])"
_NUMERIC_DMY = re.compile(rf"{_DAY}\.([01]?[0-9])\.{_YEAR}")
_NUMERIC_YMD = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-/.])([01]?[0-9])\2([0-3]?[0-9])(?![0-9])")
_RU_WORDS = re.compile(rf"{_DAY}\s+{_RU_MONTH}\s+{_YEAR}", re.IGNORECASE)
_EN_DMY = re.compile(rf"{_DAY}\s+{_EN_MONTH}\s+{_YEAR}", re.IGNORECASE)
_EN_MDY = re.compile(rf"(?<![A-Za-z]){_EN_MONTH}\s+([0-3]?[0-9])(?:st|nd|rd|th)?,?\s+{_YEAR}", re.IGNORECASE)
_ZH = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年\s*([01]?[0-9])\s*月\s*([0-3]?[0-9])\s*日")

# A number: digits with thousands in groups of three (space, no-break space, comma or dot), an
# optional decimal part of one or two digits.
_NUMBER = (
    r"(?<![0-9.,])([0-9]{1,3}(?:[ \u00a0\u2009\u202f,.][0-9]{3})+(?:[.,][0-9]{1,2})?"
    r"|[0-9]+(?:[.,][0-9]{1,2})?)(?![0-9])"
)
_CURRENCIES = {
    "₽": "RUB", "руб": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "р": "RUB", "rub": "RUB",
    "¥": "CNY", "元": "CNY", "cny": "CNY", "rmb": "CNY", "юаней": "CNY", "юаня": "CNY",
    "$": "USD", "usd": "USD", "p": "RUB",
}  # fmt: skip
_BEFORE_NUMBER = frozenset({"₽", "rub", "¥", "cny", "rmb", "$", "usd"})  # written before the number too
_LETTER = "A-Za-zА-Яа-яЁё"
# Case-sensitive alternatives, each starting with a character of the look-ahead's class: IGNORECASE and
# a bare alternation cost 5-6 ms on a 40-page list, several times the rest of the search.
_CURRENCY = re.compile(
    rf"(?=[₽РрPRr¥元CcYy$Uuю])(?<![{_LETTER}])"
    r"(₽|[Рр]уб(?:лей|ля|ль)?\.?|р\.|[РP]|RUB|Rub|rub|¥|元|CNY|cny|RMB|rmb|юан(?:ей|я)|\$|USD|usd)"
    rf"(?![{_LETTER}])"
)
_NUMBER_BEFORE = re.compile(rf"{_NUMBER}\s?$")
_NUMBER_AFTER = re.compile(rf"\s?{_NUMBER}")
# Looked for in the lower-cased text, case-sensitively: IGNORECASE is several times slower.
_RU_HINT = re.compile(r"(?=[яфмаисонд])(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)")
_EN_HINT = re.compile(r"(?=[jfmasond])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def dates_in(text: str) -> Iterator[date]:
    """Every real calendar day written in the text, in any of the forms above."""
    for match in _NUMERIC_DMY.finditer(text):
        yield from _day(match[3], match[2], match[1])
    for match in _NUMERIC_YMD.finditer(text):
        yield from _day(match[1], match[3], match[4])
    low = text.lower()
    if _RU_HINT.search(low):
        for match in _RU_WORDS.finditer(text):
            yield from _day(match[3], _ru_month(match[2]), match[1])
    if _EN_HINT.search(low):
        for match in _EN_DMY.finditer(text):
            yield from _day(match[3], _en_month(match[2]), match[1])
        for match in _EN_MDY.finditer(text):
            yield from _day(match[3], _en_month(match[1]), match[2])
    if "年" in text:
        for match in _ZH.finditer(text):
            yield from _day(match[1], match[2], match[3])


def _day(year: str, month: str | int, day: str) -> Iterator[date]:
    try:
        yield date(int(year), int(month), int(day))
    except ValueError:
        return


def _ru_month(word: str) -> int:
    word = word.lower()
    # «ма» (май) is a prefix of «март»: the longest stem that fits wins.
    best = max((stem for stem in _RU_MONTHS if word.startswith(stem)), key=len)
    return _RU_MONTHS.index(best) + 1


def _en_month(word: str) -> int:
    return _EN_MONTHS.index(word.lower()[:3]) + 1


def amounts_in(text: str) -> Iterator[Amount]:
    """Every amount written with its currency: each currency sign or word found first, then the number
    right before it (or, for a sign written first, right after it)."""
    for sign in _CURRENCY.finditer(text):
        word = sign[1].lower()
        currency = _CURRENCIES.get(word.rstrip(".")) or ("RUB" if word.startswith("руб") else "CNY")
        before = _NUMBER_BEFORE.search(text, max(0, sign.start() - 24), sign.start())
        after = _NUMBER_AFTER.match(text, sign.end()) if word in _BEFORE_NUMBER else None
        for number in (before, after):
            value = _decimal(number[1]) if number is not None else None
            if value is not None:
                yield Amount(value, currency)


def _decimal(raw: str) -> Decimal | None:
    """«1 500,00», «1,500.00», «1500» → Decimal; None when it is no number."""
    text = re.sub(r"[ \u00a0\u2009\u202f]", "", raw)
    last = max(text.rfind(","), text.rfind("."))
    if last >= 0 and len(text) - last - 1 in (1, 2):
        text = re.sub(r"[,.]", "", text[:last]) + "." + text[last + 1 :]
    else:
        text = re.sub(r"[,.]", "", text)
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
