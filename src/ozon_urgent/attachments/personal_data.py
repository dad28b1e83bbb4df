"""Personal data in text (buyers' phones, ID numbers, cards, e-mails), reported masked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ozon_urgent.attachments.masking import mask_email, mask_number
from ozon_urgent.attachments.model import AttachmentHit
from ozon_urgent.attachments.pd_numbers import Found, find_numbers
from ozon_urgent.attachments.pd_phones import find_phones
from ozon_urgent.findings.codes import Code

PER_CODE_CAP = 10  # one page of an order export may list hundreds; ten tell the seller enough
_WORTH_SCANNING = re.compile(r"\d{2}|@")


def scan_personal_data(text: str) -> list[AttachmentHit]:
    """Masked hits in the order they appear; full-width digits and the like count as their ASCII twins."""
    return [hit for hit, _start, _end in scan_personal_data_spans(text)]


def scan_personal_data_spans(text: str) -> list[tuple[AttachmentHit, int, int]]:
    """The hits with where each lies, as (start, end) in `unicodedata.normalize("NFKC", text)`.

    For NFKC-normalized text (as OCR words are) the offsets are the text's own, so a caller can find
    the words, and their boxes in a picture, that hold the value.
    """
    text = unicodedata.normalize("NFKC", text)
    if not _WORTH_SCANNING.search(text):
        return []
    kept: list[Found] = []
    # Specific, checksummed kinds claim their span first, so a card number is never also a phone.
    for found in (*find_numbers(text), *find_phones(text)):
        if not any(found.start < other.end and other.start < found.end for other in kept):
            kept.append(found)
    kept.sort(key=lambda found: found.start)
    return [
        (AttachmentHit(found.code, found.variant, {"masked": _mask(found)}), found.start, found.end)
        for found in kept
    ]


def scan_pages(pages: Iterable[tuple[int, str]]) -> list[AttachmentHit]:
    """Hits for numbered pages: each masked value once, at its first page, at most ten per code."""
    seen: set[tuple[str, str, str | int]] = set()
    per_code: dict[str, int] = {}
    hits: list[AttachmentHit] = []
    for page, text in pages:
        for hit in scan_personal_data(text):
            key = (hit.code, hit.variant, hit.params["masked"])
            if key in seen or per_code.get(hit.code, 0) >= PER_CODE_CAP:
                continue
            seen.add(key)
            per_code[hit.code] = per_code.get(hit.code, 0) + 1
            variant = f"{hit.variant}_page" if hit.variant else "page"
            hits.append(AttachmentHit(hit.code, variant, {**hit.params, "page": page}))
    return hits


def _mask(found: Found) -> str:
    return mask_email(found.raw) if found.code == Code.PERSONAL_EMAIL else mask_number(found.raw)
