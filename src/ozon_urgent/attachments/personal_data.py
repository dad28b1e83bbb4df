"""A buyer's personal data in a page: phones, ID numbers, cards, e-mails, full names and addresses.

One mechanism for every kind (see pd_score): the page is cut into cells by its layout (pd_layout), the
shapes that are never personal data claim their spans (pd_shapes), each recognizer scores what it
matched (pd_phones, pd_numbers, pd_names, pd_addresses), and the score decides: the kind's own code
when sure, P306 "possible personal data" in the grey zone, nothing below it. Values are reported masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ozon_urgent.attachments.masking import mask_email, mask_number
from ozon_urgent.attachments.model import AttachmentHit
from ozon_urgent.attachments.pd_addresses import find_addresses
from ozon_urgent.attachments.pd_layout import Cell, Document, Piece, from_text
from ozon_urgent.attachments.pd_names import find_names
from ozon_urgent.attachments.pd_numbers import find_numbers
from ozon_urgent.attachments.pd_phones import find_phones
from ozon_urgent.attachments.pd_score import ERROR_SCORE, POSSIBLE_SCORE, Candidate, code_of, resolve
from ozon_urgent.attachments.pd_shapes import claimed_spans, inside_claimed
from ozon_urgent.findings.codes import Code

PER_CODE_CAP = 10  # one page of an order export may list hundreds; ten tell the seller enough
_WORTH_SCANNING = re.compile(r"\d{2}|@|[А-ЯЁа-яёA-Za-z]{2}")
# Every number kind has ten digits or more, a few characters apart at most («45 10 номер 123456»).
_NUMBERS_WORTH = re.compile(r"@|(?:\d\D{0,7}){9}\d")
_TWO_WORDS = re.compile(r"[^\W\d_]{2}.*?[^\w.]+[^\W\d_]")  # a name has two words at least
_DIGIT_KINDS = frozenset({"phone", "card", "passport", "snils", "inn", "ric"})
_WRAP_WORDS = re.compile(r"тел|моб|звон|phone|whats|карт|card|电话|手机", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Own:
    """The seller's own names (store, company, staff) and addresses (warehouses): no buyer's personal
    data. (The case's own IDs need no list: posting and order numbers are claimed by their shape, and a
    SKU's ten bare digits are never a phone without a phone's word.)"""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


NOBODY = Own()


@dataclass(frozen=True, slots=True)
class Found:
    """One value found: the finding it makes, its masked text and the words (with boxes) that hold it."""

    code: Code
    variant: str
    masked: str
    pieces: tuple[Piece, ...]
    score: float

    def hit(self) -> AttachmentHit:
        return AttachmentHit(self.code, self.variant, {"masked": self.masked})


def find_personal_data(document: Document, own: Own = NOBODY) -> list[Found]:
    """Everything found in a page, in reading order."""
    found: list[tuple[int, int, Found]] = []
    own_names = [name.lower() for name in own.names]
    for number, cell in enumerate(document.cells):
        text = cell.text
        if not _WORTH_SCANNING.search(text):
            continue
        for candidate in _cell_candidates(document, cell, own_names):
            pieces = cell.pieces_between(candidate.start, candidate.end)
            found.append((number, candidate.start, _found(candidate, pieces)))
    found.extend(_wrapped(document))
    for address in find_addresses(document, own.addresses):
        pieces = [p for part in address.parts for p in part.cell.pieces_between(part.start, part.end)]
        candidate = Candidate("address", 0, len(address.raw), address.score, address.raw)
        first = document.cells.index(address.parts[0].cell)
        found.append((first, address.parts[0].start, _found(candidate, pieces)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, item in found]


def _cell_candidates(document: Document, cell: Cell, own_names: list[str]) -> list[Candidate]:
    text = cell.text

    def before(at: int) -> str:
        return document.context(cell, at)

    spans = claimed_spans(text)
    candidates: list[Candidate] = []
    numbers = _NUMBERS_WORTH.search(text) is not None
    for candidate in (*find_numbers(text, before), *find_phones(text, before, spans)) if numbers else ():
        if not inside_claimed(spans, candidate.start, candidate.end):
            candidates.append(candidate)
    for candidate in find_names(text, before) if _TWO_WORDS.search(text) else ():
        if not any(candidate.raw.lower() in name or name in candidate.raw.lower() for name in own_names):
            candidates.append(candidate)
    return [c for c in resolve(candidates) if c.score >= POSSIBLE_SCORE]


def _wrapped(document: Document) -> list[tuple[int, int, Found]]:
    """A phone or card wrapped at the end of a chat bubble's line onto the next: found only when written
    as only a phone is (+…) or labelled, and only across the break; a table's rows are never joined."""
    out: list[tuple[int, int, Found]] = []
    cells = document.cells
    for number in range(len(cells) - 1):
        first, second = cells[number], cells[number + 1]
        if not first.block or first.block != second.block or second.line != first.line + 1:
            continue
        a, b = first.box, second.box
        if a is None or b is None or b[0] > a[0] + (a[3] - a[1]):
            continue  # the next line must start where this one did, as wrapped text does
        joined = Cell(first.pieces + second.pieces, first.line, first.block)
        split = len(first.text)

        def before(at: int, cell: Cell = first, split: int = split) -> str:
            return document.context(cell, min(at, split))

        for candidate in resolve([*find_phones(joined.text, before), *find_numbers(joined.text, before)]):
            if candidate.kind not in ("phone", "card") or not candidate.start < split < candidate.end:
                continue
            labelled = _WRAP_WORDS.search(document.context(first, candidate.start)[-60:])
            if candidate.score < ERROR_SCORE or not (candidate.raw.startswith("+") or labelled):
                continue
            if inside_claimed(claimed_spans(joined.text), candidate.start, candidate.end):
                continue
            pieces = tuple(joined.pieces_between(candidate.start, candidate.end))
            out.append((number, candidate.start, _found(candidate, pieces)))
    return out


def _found(candidate: Candidate, pieces: Sequence[Piece]) -> Found:
    code, variant = code_of(candidate)
    return Found(code, variant, mask(candidate.kind, candidate.raw), tuple(pieces), candidate.score)


_ADDRESS_MARKERS = frozenset(
    {
        "г", "гор", "пос", "пгт", "с", "дер", "ул", "улица", "пр-т", "просп", "проспект", "пер",
        "переулок", "шоссе", "ш", "б-р", "бульвар", "наб", "пл", "площадь", "проезд", "мкр", "д", "дом",
        "кв", "квартира", "корп", "к", "стр", "лит", "обл", "область", "край", "р-н", "район", "респ",
    }
)  # fmt: skip


def mask(kind: str, raw: str) -> str:
    """The value as a report may show it: enough to find it again, never the whole of it."""
    if kind == "email":
        return mask_email(raw)
    if kind == "name":
        return re.sub(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?", _mask_name_token, raw)
    if kind == "address":
        return re.sub(r"[^\W\d_][\w-]*|\d+", _mask_address_token, raw)
    return mask_number(raw)


def _mask_name_token(match: re.Match[str]) -> str:
    token = match.group()
    return token if len(token) == 2 and token.endswith(".") else token[:1] + "***"


def _mask_address_token(match: re.Match[str]) -> str:
    token = match.group()
    if token.isdigit():
        return "*" * min(len(token), 3)
    return token if token.lower() in _ADDRESS_MARKERS else token[:1] + "***"


def scan_personal_data(text: str, own: Own = NOBODY) -> list[AttachmentHit]:
    """Masked hits in the order they appear; full-width digits and the like count as their ASCII twins."""
    return [found.hit() for found in find_personal_data(from_text(text), own)]


def scan_pages(pages: Iterable[tuple[int, str]], own: Own = NOBODY) -> list[AttachmentHit]:
    """Hits for numbered pages: each masked value once, at its first page, at most ten per code."""
    seen: set[tuple[str, str, str | int]] = set()
    per_code: dict[str, int] = {}
    hits: list[AttachmentHit] = []
    for page, text in pages:
        for hit in scan_personal_data(text, own):
            key = (hit.code, hit.variant, hit.params["masked"])
            if key in seen or per_code.get(hit.code, 0) >= PER_CODE_CAP:
                continue
            seen.add(key)
            per_code[hit.code] = per_code.get(hit.code, 0) + 1
            variant = f"{hit.variant}_page" if hit.variant else "page"
            hits.append(AttachmentHit(hit.code, variant, {**hit.params, "page": page}))
    return hits
