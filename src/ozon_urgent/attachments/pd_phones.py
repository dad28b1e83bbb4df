"""Russian and Chinese phone numbers in text, by libphonenumber, with guards against order IDs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ozon_urgent.attachments.pd_numbers import Found
from ozon_urgent.findings.codes import Code

_REGIONS = ("RU", "CN")
_DIGIT_RUN = re.compile(r"[+(]?\d[\d ()\-.\u00a0]*\d")
_MIN_DIGITS = 10  # a Russian number has ten without its prefix, a Chinese mobile eleven, a landline 10-12
_OZON_ID = re.compile(r"\d{6,}-\d{4}(?:-\d{1,3})?")  # posting and order numbers
# The same read by OCR, which often splits a long number at a space ("57 195475-0050-3") and loses or
# misreads the last dash ("…-00503", "…-0050.3"): eight to ten digits, then four, then one to three. A
# phone has at most seven digits before such a four-digit group (+7 916 123-4567).
_OZON_ID_SPACED = re.compile(r"(?<![\d+-])\d(?: ?\d){7,9}-\d{4}(?:[-.,' ]?\d{1,3})?(?!\d)")
# A posting number's tail when OCR dropped its first digits ("7 195475-0050-3"): no phone is written
# as six or more digits, four, then one to three.
_POSTING_TAIL = re.compile(r"(?<!\d)\d{6,}-\d{4}-\d{1,3}(?!\d)")
_CONTEXT_REACH = 40
_PHONE_WORDS = re.compile(
    r"тел|моб|звон|контакт|phone|tel|mobile|whats ?app|telegram|viber|电话|手机|联系", re.IGNORECASE
)


def find_phones(text: str) -> Iterator[Found]:
    ids = [
        (found.start(), found.end())
        for pattern in (_OZON_ID_SPACED, _POSTING_TAIL)
        for found in pattern.finditer(text)
    ]
    for run in _DIGIT_RUN.finditer(text):
        if sum(char.isdigit() for char in run.group()) < _MIN_DIGITS or _OZON_ID.fullmatch(run.group()):
            continue
        # libphonenumber costs ~0.1 ms per candidate; an order export holds thousands of IDs, so it
        # sees only the runs that could hold a phone, with one character each side for its own checks.
        start = max(0, run.start() - 1)
        window = text[start : run.end() + 1]
        for region in _REGIONS:
            # imported here: loading libphonenumber's metadata costs ~0.2 s, paid only for a real candidate
            from phonenumbers import PhoneNumberMatcher

            for match in PhoneNumberMatcher(window, region):
                begin, end = start + match.start, start + match.end
                inside_id = any(begin < id_end and id_start < end for id_start, id_end in ids)
                if not inside_id and _plausible(text, begin, end, match.raw_string, region):
                    yield Found(begin, end, Code.PERSONAL_PHONE, "", match.raw_string)


def _plausible(text: str, start: int, end: int, raw: str, region: str) -> bool:
    groups = re.findall(r"\d+", raw)
    if len(groups) > 1 and len(groups[-1]) == 1:
        # Nobody writes a phone ending in a lone digit; OCR makes one of a SKU and the first digit of
        # the next number, cut off at the screen's edge ("498274975 5").
        return False
    if raw.startswith(("+", "00")):
        return True
    digits = "".join(char for char in raw if char.isdigit())
    if region == "CN":
        # Written nationally, a Chinese mobile is eleven digits from 13-19 and a landline starts with the
        # trunk 0 (010 for Beijing). libphonenumber also takes a bare "10…" run for a Beijing landline
        # without its 0: that is an Ozon SKU (1031157650) far more often than a phone.
        if digits.startswith("0"):
            return True
        return len(digits) == 11 and digits[:1] == "1" and digits[1:2] in "3456789"
    if raw.isdigit() and len(digits) == 10:
        # A bare 10-digit run is as likely an Ozon SKU: count it only when a phone word is near.
        window = text[max(0, start - _CONTEXT_REACH) : end + _CONTEXT_REACH]
        return _PHONE_WORDS.search(window) is not None
    return True
