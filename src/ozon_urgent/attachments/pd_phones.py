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
_CONTEXT_REACH = 40
_PHONE_WORDS = re.compile(
    r"тел|моб|звон|контакт|phone|tel|mobile|whats ?app|telegram|viber|电话|手机|联系", re.IGNORECASE
)


def find_phones(text: str) -> Iterator[Found]:
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
                if _plausible(text, begin, end, match.raw_string, region):
                    yield Found(begin, end, Code.PERSONAL_PHONE, "", match.raw_string)


def _plausible(text: str, start: int, end: int, raw: str, region: str) -> bool:
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
