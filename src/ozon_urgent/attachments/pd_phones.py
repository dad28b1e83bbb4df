"""Russian and Chinese phone numbers in a cell, by libphonenumber's number plan, scored by how they are
written: «+7 912 345-67-89» is a phone wherever it stands; ten bare digits are a SKU unless a phone's
word labels them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ozon_urgent.attachments.pd_score import ID_WORDS, RECIPIENT_WORDS, Candidate, label_of

_REGIONS = ("RU", "CN")
_DIGIT_RUN = re.compile(r"[+(]?\d[\d ()\-.\u00a0]*\d")
_MIN_DIGITS = 10  # a Russian number has ten without its prefix, a Chinese mobile eleven, a landline 10-12
_PHONE_WORDS = re.compile(
    r"тел|моб|звон|контакт|phone|tel\b|mobile|whats ?app|ватсап|вотсап|telegram|телеграм|viber|вайбер|"
    r"смс|sms|电话|手机|联系|号码",
    re.IGNORECASE,
)
_POSITIVE = {"phone": _PHONE_WORDS, "person": re.compile(RECIPIENT_WORDS, re.IGNORECASE)}
_NEGATIVE = {"id": re.compile(ID_WORDS, re.IGNORECASE)}
_LONG_RUN = re.compile(r"\d{12}")
_GROUPED = re.compile(r"\d[ ()\-.\u00a0]+\d")

Before = Callable[[int], str]


def find_phones(text: str, before: Before, claimed: Sequence[tuple[int, int]] = ()) -> Iterator[Candidate]:
    """Phones in a cell's `text`, but for runs wholly inside `claimed` spans (IDs, dates, amounts)."""
    for run in _DIGIT_RUN.finditer(text):
        digits = sum(char.isdigit() for char in run.group())
        if digits < _MIN_DIGITS or any(a <= run.start() and run.end() <= b for a, b in claimed):
            continue
        if digits == len(run.group()) == 10 and label_of(before(run.start()), _POSITIVE, {}) is None:
            continue  # ten bare digits without a phone's word: a SKU (and 0.4 at best, below the grey zone)
        if _LONG_RUN.search(run.group()) and not run.group().startswith("+"):
            continue  # twelve digits and more in one piece: a tracking or warehouse number, no phone
        # libphonenumber costs ~0.1 ms per candidate; an order export holds thousands of IDs, so it
        # sees only the runs that could hold a phone, with one character each side for its own checks.
        start = max(0, run.start() - 1)
        window = text[start : run.end() + 1]
        for region in _REGIONS:
            # imported here: loading libphonenumber's metadata costs ~0.2 s, paid only for a real candidate
            from phonenumbers import PhoneNumberMatcher

            for match in PhoneNumberMatcher(window, region):
                begin, end = start + match.start, start + match.end
                score = _score(match.raw_string, region)
                if not score:
                    continue
                label = label_of(before(begin), _POSITIVE, _NEGATIVE)
                if label == "phone":
                    score += 0.45
                elif label == "person":
                    score += 0.3
                elif label == "id":
                    score -= 0.3
                yield Candidate("phone", begin, end, max(0.0, min(1.0, score)), match.raw_string)


def _score(raw: str, region: str) -> float:
    """How surely a number valid in `region`'s plan is a phone, from how it is written alone."""
    groups = re.findall(r"\d+", raw)
    if len(groups) > 1 and len(groups[-1]) == 1:
        # Nobody writes a phone ending in a lone digit; OCR makes one of a SKU and the first digit of
        # the next number, cut off at the screen's edge ("498274975 5").
        return 0.0
    digits = "".join(char for char in raw if char.isdigit())
    grouped = _GROUPED.search(raw) is not None
    if raw.startswith(("+", "00")):
        return 0.9
    if region == "CN":
        # Written nationally, a Chinese mobile is eleven digits from 13-19 and a landline starts with the
        # trunk 0 (010 for Beijing). libphonenumber also takes a bare "10…" run for a Beijing landline
        # without its 0: that is an Ozon SKU (1031157650) far more often than a phone.
        if digits.startswith("0"):
            return 0.8 if grouped else 0.5
        if len(digits) == 11 and digits[:1] == "1" and digits[1:2] in "3456789":
            return 0.85 if grouped else 0.7
        return 0.0
    if len(digits) == 11 and digits[0] in "78":
        # 8 (912) 345-67-89 is written only as a phone; 89123456789 as an ID now and then
        return 0.85 if grouped else 0.7
    if len(digits) == 10:
        # 912 345-67-89 is a phone written without its trunk; 9123456789 as often an Ozon SKU
        return 0.6 if grouped else 0.4
    return 0.5
