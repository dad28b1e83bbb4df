"""Quotation marks where a case file's value should have none: around a whole text, or anywhere in an ID."""

from __future__ import annotations

# The pairs a value is wrapped in when YAML's own quotes were meant: a Chinese input method types `"` as
# “ ” (or 「 」), and a seller quoting a Russian notice reaches for « ». Opening mark, closing mark.
WRAPPING_PAIRS = (
    ("«", "»"),
    ("“", "”"),
    ("„", "“"),
    ("「", "」"),
    ("『", "』"),
    ("＂", "＂"),
    ('"', '"'),
    ("‘", "’"),
    ("'", "'"),
)

# Every quotation mark a keyboard or an input method types: no ID has one.
ID_QUOTES = frozenset("\"'“”„‟‘’‚‛«»‹›「」『』＂＇〝〞〟")


def wrapping(text: str) -> tuple[str, str] | None:
    """The pair of quotation marks `text` is wrapped in whole, if it is: `“Ваш рейтинг снизился”`, not
    `“Ваш рейтинг” снизился до “3,5”` (two quotations in prose start and end the text, and their marks
    stand inside it too)."""
    text = text.strip()
    for opening, closing in WRAPPING_PAIRS:
        if len(text) > 2 and text.startswith(opening) and text.endswith(closing):
            inner = text[len(opening) : -len(closing)]
            if opening not in inner and closing not in inner and inner.strip():
                return opening, closing
    return None


def unwrapped(text: str) -> str:
    """`text`, trimmed, without the pair it is wrapped in whole: for the texts the ticket quotes itself."""
    text, pair = text.strip(), wrapping(text)
    return text[len(pair[0]) : -len(pair[1])].strip() if pair else text


def marks_of(pair: tuple[str, str]) -> str:
    """The pair as a message names it: “” for two marks, " once for a mark that opens and closes."""
    opening, closing = pair
    return opening + closing if opening != closing else opening
