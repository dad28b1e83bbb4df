"""Shapes that are never a buyer's personal data: Ozon's IDs, tracking numbers, dates, times, money.

They claim their span of a cell before any personal-data recognizer looks, so that a date and time
(«05.11.2026 18:57») or two amounts side by side («98 604 ₽ 87 773,00 ₽») are never read as a phone.
OCR's usual misreadings of them are claimed too: a posting number split at a space or missing its last
dash, a date whose dots were lost.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from stdnum.ru import inn, ogrn

_SHAPES: tuple[re.Pattern[str], ...] = (
    # posting and order numbers: 57195475-0050-3, 57195475-0050, and as OCR splits or mangles them
    re.compile(r"(?<![\d+])\d{6,}-\d{4}(?:-\d{1,3})?(?!\d)"),
    re.compile(r"(?<![\d+-])\d(?: ?\d){7,9}-\d{4}(?:[-.,' ]?\d{1,3})?(?!\d)"),
    # tracking numbers: RA123456789CN, LP00123456789012, a Russian Post's 14 digits
    re.compile(r"(?<![A-Za-z0-9])[A-Z]{2} ?\d{9} ?[A-Z]{2}(?![A-Za-z0-9])"),
    # the same as OCR reads it: «RB094855768HK» → «88094855768 НК» (R and B as 8, Latin as Cyrillic)
    re.compile(r"(?<![\w])[A-Z0-9АВЕКМНОРСТХ]{2} ?\d{9} ?[A-ZАВЕКМНОРСТХ]{2}(?![\w])"),
    re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,4} ?\d{10,}(?!\d)"),
    # dates and times, with the time that follows a date: 05.11.2026 18:57, 2026-11-05T18:57:03
    re.compile(
        r"(?<!\d)(?:[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d\d|(?:19|20)\d\d[./-][01]?\d[./-][0-3]?\d)"
        r"(?:[ T,]{1,2}[0-2]?\d[:.][0-5]\d(?:[:.][0-5]\d)?)?(?!\d)"
    ),
    # a date whose dots OCR lost (0511 2026, 05 11 2026, 05112026) and the time beside it
    re.compile(r"(?<!\d)(?:[0-2]\d|3[01]) ?(?:0[1-9]|1[0-2]) ?20[0-4]\d(?: [0-2]?\d[:.]?[0-5]\d)?(?!\d)"),
    re.compile(r"(?<![\d:.])[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?![\d:])"),
    # money: 98 604 ₽, 87 773,00 ₽, 1 234.50 руб., ¥ 350, 350 元 (₽ is often read as P or Р)
    re.compile(
        r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d{1,2})? ?"
        r"(?:₽|руб\.?|р\.|RUB|[PР](?![\w])|元|CNY|¥)"
    ),
    re.compile(r"(?:₽|¥|RUB|CNY) ?\d[\d \u00a0\u202f]*(?:[.,]\d{1,2})?"),
    # an amount whose thousands' space OCR lost: «195238P», «134741,43 ₽»
    re.compile(r"(?<![\d.,])\d{4,9}(?:[.,]\d{1,2})? ?(?:₽|руб\.?|р\.|RUB|[PР](?![\w])|元|CNY|¥)"),
    # sums with kopecks and thousands but no sign, as a table's amount column shows them: 87 773,00
    re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,]\d{2}(?![\d])"),
    # long runs no phone or card has: warehouse and document IDs of 20 digits and more
    re.compile(r"(?<!\d)\d{20,}(?!\d)"),
)
_TEN = re.compile(r"(?<![\d-])\d{10}(?![\d-])")
_THIRTEEN = re.compile(r"(?<![\d-])\d{13}(?:\d{2})?(?![\d-])")


def claimed(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `text` that hold an Ozon ID, a tracking number, a date, a time or an amount."""
    for pattern in _SHAPES:
        for match in pattern.finditer(text):
            yield match.start(), match.end()
    # A company's INN (ten digits) and OGRN/OGRNIP (13 or 15) by their checksums: a seller's own.
    for match in _TEN.finditer(text):
        if inn.is_valid(match.group()):
            yield match.start(), match.end()
    for match in _THIRTEEN.finditer(text):
        if ogrn.is_valid(match.group()):
            yield match.start(), match.end()


@functools.lru_cache(maxsize=4096)
def claimed_spans(text: str) -> list[tuple[int, int]]:
    """`claimed` as a list, kept for the cell's other recognizers (the address's reads it too)."""
    return list(claimed(text))


def inside_claimed(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a claimed span."""
    return any(start < claim_end and claim_start < end for claim_start, claim_end in spans)
