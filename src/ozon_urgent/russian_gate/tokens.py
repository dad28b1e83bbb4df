"""Words of a Russian text: what is masked before reading (links, file names, the header), and the tokens."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# Letters the gate reads as words: Latin (with the accented letters of pinyin and European names),
# Cyrillic, and combining marks such as the stress accent (сло́во). CJK is left to C171.
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u04ff"
_WORD_CHARS = LETTERS + "0-9_\u0300-\u036f"
# Dates, times and decimals stay one token (27.10.2026, 4,5); a word may hold hyphens (фулфилмент-оператор,
# из-за, ERP-системы, 57195475-0050-3) and apostrophes (don't), never dots, so «сбой.Из» is two words.
_NUMBER = re.compile("[0-9_]")
_TOKEN = re.compile(rf"[0-9]+(?:[.,:/][0-9]+)+|[{_WORD_CHARS}]+(?:[-‐‑'’][{_WORD_CHARS}]+)*")

# What may be Latin and is no prose: links, e-mail addresses, file names, the fixed English header of
# every urgent ticket, and Ozon's "Client ID" label (two words that only together are a term).
_MASKED = re.compile(
    r"(?i:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.-])[\w.-]+\.(?i:pdf|jpe?g|png|webp|heic|tiff?|docx?|xlsx?|csv|mp4|mov|zip|rar)\b"
    r"|URGENT: Performance Review Request|\bURGENT:"
    r"|\bClient[ -]?I[Dd]\b"
)
# Names stand in quotes (магазин «Bright Home»); a quote longer than this is no name, or is unbalanced.
_QUOTED = re.compile(r"«[^«»]{1,80}»|„[^„“”]{1,80}[“”]|“[^“”]{1,80}”|\"[^\"]{1,80}\"")


# Up to three words either side of a reported word.
_LEFT = re.compile(r"(?:\S+\s+){0,3}\S*$")
_RIGHT = re.compile(r"\S*(?:\s+\S+){0,3}")


class Token(NamedTuple):  # a tuple: a long text has tens of thousands of them
    text: str
    start: int
    end: int
    is_number: bool  # a number, date, ID or code: with a digit or an underscore it is no word to spell-check

    @property
    def parts(self) -> list[str]:
        return re.split("[-‐‑]", self.text)


def mask(text: str) -> str:
    """The text with links, addresses, file names, the header and "Client ID" blanked out, same length."""
    return _MASKED.sub(lambda match: " " * len(match[0]), text)


def tokens(text: str) -> list[Token]:
    return [
        Token(match[0], match.start(), match.end(), _NUMBER.search(match[0]) is not None)
        for match in _TOKEN.finditer(text)
    ]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quoted names are: Latin words inside them are brand names, not leftovers."""
    return [match.span() for match in _QUOTED.finditer(text)]


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls inside one of `spans` (sorted, as `quoted_spans` returns them)."""
    index = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] < position < spans[index][1]


def context(text: str, start: int, end: int) -> str:
    """A few words either side of `text[start:end]`, on one line: where to find a word in a long field."""
    left = _LEFT.search(text, max(0, start - 60), start)
    right = _RIGHT.match(text, end, end + 60)
    return " ".join(text[left.start() if left else start : right.end() if right else end].split())
