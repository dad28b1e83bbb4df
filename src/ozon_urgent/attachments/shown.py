"""What a file shows: the posting, order, SKU and offer IDs, dates and amounts read in its text.

Built from the same reading as the personal-data search (a PDF's page texts, a picture's OCR lines),
never from a second pass over the file, and kept with the file's verdict in the cache: it depends on the
bytes only. The API for the checks (issue 26, item 2):

- `AttachmentReport.shown` (and `Judgement.shown`): a `Shown`, or None where nothing was read (a file
  refused before its text, a format without text, a file not checked). None means "could not be
  checked", never "shows nothing".
- `shows(shown, value) -> bool`: whether the file shows one of the case's IDs (posting, order, SKU,
  product or offer ID, as the case writes it). Exact, with the OCR noise that is safe: a dash or space
  lost or turned into another separator (`12345678 0123 1`, `1234567801231`, `12345678–0123–1`, a
  line break where the dash was), `O`→0 and `l`/`I`→1 inside a run of digits. Never a near miss (a
  digit different, dropped or added) and never an ID inside a longer run of digits.
- `Shown.dates` (`datetime.date`) and `Shown.amounts` (`Amount`: a `Decimal` and "RUB", "CNY" or "USD")
  for the checks of what a file covers and what a kind of file must show.

IDs are kept as their digits with a dash wherever the text separated them (`12345678-0123-1`,
`1234567801231`, `12345678-01231`): `shows` accepts a stored form whose separators are a subset of the
value's, so a lost separator matches and a moved one does not.

Not read: an ID wrapped inside a table cell when another column's text stands between its two halves in
the page's layout (the halves are no longer neighbours); `|` for 1 except as a posting's last block (a
table's rule glued to a number would add a digit); an offer ID with no digit. An offer ID of digits and
dashes only, each group under six digits (`250-7898-1`), is kept as a code and matched exactly. Each
kind keeps at most 20,000 values (`_MAX_PER_KIND`): past that the index is partial, which a check must
not read as "absent". A file read only in part (A216, A217 among its hits) has an index of the part read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ozon_urgent.attachments.model import Amount, Shown
from ozon_urgent.attachments.shown_text import amounts_in, dates_in

# One character between digit groups that OCR or a layout may give for a dash or a space.
_DASHES = "-‐‑‒–—―−_"
_DASH = re.escape(_DASHES)
_SPACE = r"[ \t\u00a0\u2009\u202f]*"
_SEP = rf"{_SPACE}(?:\n{_SPACE})?(?:[{_DASH}./|]{_SPACE})?(?:\n{_SPACE})?"
_LONG = re.compile(r"(?<![0-9])[0-9]{6,}(?![0-9])")
_NEXT = re.compile(rf"({_SEP})(?<![0-9])([0-9]+)(?![0-9])")
_DASHED_BEFORE = re.compile(rf"[0-9]\s*[{_DASH}]\s*$")
_DIGITS = re.compile(r"[0-9]+")
# A token of digits and look-alikes (О/o, l/I) with at least one real digit; a letter-only
# one-or-two-character block right after a digit and a dash (`…-0123-l`, and `…-0123-|`, which is how
# Tesseract reads a posting's last «1» in a sans face). A `|` elsewhere may be a table's rule: never a 1.
_ALNUM = "0-9A-Za-zА-Яа-яЁё"
_LOOKALIKE = re.compile(rf"(?<![{_ALNUM}])[0-9OoОоIl]*[0-9][0-9OoОоIl]*(?![{_ALNUM}])")
_LOOKALIKE_TAIL = re.compile(rf"(?<=[0-9][{_DASH}])[OoОоIl|]{{1,2}}(?![{_ALNUM}])")
_NEAR_DIGIT = re.compile(rf"[0-9][OoОоIl]|[OoОоIl][0-9]|[0-9][{_DASH}][OoОоIl|]")
_TO_DIGIT = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0", "I": "1", "l": "1", "|": "1"})
_SKU_LABEL = re.compile(r"(?:sku|ску|артикул|арт\.|ozon\s*id|商品编号|商品\s*id)[\s:：#№-]*$", re.IGNORECASE)
_CODE = re.compile(rf"(?<![{_ALNUM}])[{_ALNUM}][{_ALNUM}{_DASH}./]{{1,38}}[{_ALNUM}](?![{_ALNUM}])")
# An offer ID of digits and dashes whose groups are all too short for an ID's own index (`250-7898-1`).
_SHORT_DASHED = re.compile(rf"[0-9]{{1,5}}(?:[{_DASH}][0-9]{{1,5}})+")
_GROUP = re.compile(r"[0-9]+")


def _offer_like(word: str) -> bool:
    """A dashed digit code kept in the index: one group of four digits or more and ten digits at most, so
    a phone's tail (`345-67-89`), a card (`4276-1234-5678-9012`) or a SNILS never lands in the cache."""
    groups = _GROUP.findall(word)
    return (
        _SHORT_DASHED.fullmatch(word) is not None
        and any(len(g) >= 4 for g in groups)
        and sum(map(len, groups)) <= 10
    )


_MAX_PER_KIND = 20_000  # a pathological text must not make a verdict without end

__all__ = ["Amount", "Indexer", "Shown", "normalise", "shows", "value_forms"]

NOTHING = Shown()


def normalise(text: str) -> str:
    """Full-width forms as ASCII, then look-alike letters inside digit runs as the digits they stand for."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if _NEAR_DIGIT.search(text):  # most texts have none: the substitutions are not even tried
        text = _LOOKALIKE.sub(lambda m: m.group().translate(_TO_DIGIT), text)
        text = _LOOKALIKE_TAIL.sub(lambda m: m.group().translate(_TO_DIGIT), text)
    return text


def value_forms(value: str) -> list[str]:
    """A case's ID in every stored form that shows it: each of its separators kept or lost."""
    text = re.sub(f"[{_DASH}]", "-", normalise(value).strip())
    if not text:
        return []
    if not _DIGITS.fullmatch(text.replace("-", "")):
        return [_code_form(text)]
    blocks = text.split("-")
    forms = [blocks[0]]
    for block in blocks[1:]:
        forms = [form + joint + block for form in forms for joint in ("-", "")]
    return forms


def shows(shown: Shown, value: str) -> bool:
    """Whether the file shows the case's ID `value` (see the module docstring for what is tolerated)."""
    forms = value_forms(value)
    if not forms:
        return False
    if not _DIGITS.fullmatch(forms[0].replace("-", "")):
        return forms[0] in shown.codes
    ids = (shown.postings, shown.orders, shown.skus, shown.numbers)
    if any(form in kind for form in forms for kind in ids):
        return True
    return _offer_like(forms[0]) and forms[0] in shown.codes


def _code_form(text: str) -> str:
    return re.sub(f"[{_DASH}]", "-", text).upper()


@dataclass
class Indexer:
    """Collects what texts show, one text (a page, a picture's lines) at a time."""

    postings: set[str] = field(default_factory=set)
    orders: set[str] = field(default_factory=set)
    skus: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)
    amounts: set[Amount] = field(default_factory=set)
    read: bool = False  # whether any text was read at all (a page, a picture), even an empty one

    def add(self, text: str) -> None:
        self.read = True
        text = normalise(text)
        for match in _LONG.finditer(text):
            self._long(text, match)
        if any(char.isalpha() for char in text):
            for match in _CODE.finditer(text):
                word = match.group()
                if any(c.isdigit() for c in word) and (any(c.isalpha() for c in word) or _offer_like(word)):
                    _put(self.codes, _code_form(word))
            for day in dates_in(text):
                _put(self.dates, day)
        for amount in amounts_in(text):
            _put(self.amounts, amount)

    def shown(self) -> Shown | None:
        """What the texts added show; None when no text was read (nothing can be said of the file)."""
        if not self.read:
            return None
        return Shown(
            frozenset(self.postings),
            frozenset(self.orders),
            frozenset(self.skus),
            frozenset(self.numbers),
            frozenset(self.codes),
            frozenset(self.dates),
            frozenset(self.amounts),
        )

    def _long(self, text: str, match: re.Match[str]) -> None:
        """A run of 6+ digits: the start of every ID (a posting's or order's first block is 8–10 digits
        and separators fall only after it), with the two groups that may follow it through separators."""
        digits, dashed = [match.group()], []
        at = match.end()
        for _ in range(3):
            after = _NEXT.match(text, at)
            if after is None:
                break
            digits.append(after[2])
            dashed.append(_dash_between(after[1]))
            at = after.end()
        size = len(digits[0])
        for last in range(min(3, len(digits))):
            size += len(digits[last]) if last else 0
            if size > 16:
                break
            if size < 12 or last == 0:  # a lone group is a number, below
                continue
            part = digits[: last + 1]
            if _posting_shaped(part, size):
                _put(self.postings, "-".join(part))
                if last == 2:  # the order whose number the posting carries
                    _put(self.orders, f"{part[0]}-{part[1]}")
            elif _order_shaped(part, size) and not (
                last + 1 < len(digits) and dashed[last] and len(digits[last + 1]) <= 2
            ):
                _put(self.orders, "-".join(part))
        block = digits[0]
        if len(block) > 16 or (dashed and dashed[0]):
            return
        start = match.start()
        if _DASHED_BEFORE.search(text, max(0, start - 8), start):
            return
        labelled = 9 <= len(block) <= 10 and _SKU_LABEL.search(text, max(0, start - 24), start)
        _put(self.skus if labelled else self.numbers, block)


def _dash_between(gap: str) -> bool:
    return any(char in _DASHES for char in gap)


def _posting_shaped(part: list[str], size: int) -> bool:
    """8–10 + 4 + 1–2 digits, some separators lost: the groups must fall at a posting's block ends."""
    if not 13 <= size <= 16 or len(part) < 2:
        return False
    for head in (8, 9, 10):
        for tail in (1, 2):
            if head + 4 + tail == size and _cuts(part) <= {head, head + 4}:
                return True
    return False


def _order_shaped(part: list[str], size: int) -> bool:
    return 12 <= size <= 14 and _cuts(part) == {size - 4}


def _cuts(part: list[str]) -> set[int]:
    cuts, at = set(), 0
    for block in part[:-1]:
        at += len(block)
        cuts.add(at)
    return cuts


def _put(bucket: set[object] | set[str] | set[date] | set[Amount], item: object) -> None:
    if len(bucket) < _MAX_PER_KIND:
        bucket.add(item)  # type: ignore[arg-type]
