"""Invisible characters: found, named and taken out before the other analyses read a text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width characters, the soft hyphen and direction marks show as nothing, yet a word with one of
# them inside is no longer found by searching for the word, and copies of it carry them along.
_HIDDEN = "\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069"
# A no-break space is good typography after a short word (в Москве) or a number (21 отправление);
# between two longer words it comes from a PDF or a word processor and breaks search for the phrase.
_STRAY_NBSP = r"(?<=[^\W\d_]{4})\u00a0(?=[^\W\d_])"
_REPORTED = re.compile(f"[{_HIDDEN}]|{_STRAY_NBSP}")
_REMOVED = re.compile(f"[{_HIDDEN}]")
# Every other space character reads as a plain space for the analyses; none of them is reported.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# A zero-width joiner between emoji belongs to the emoji (👨‍💻); the emoji check reports those.
_EMOJI_NEIGHBOUR = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
_CONTEXT_CHARS = 30
PLACES = 10


@dataclass(frozen=True, slots=True)
class Invisible:
    """The invisible characters of a text: each with its count, and the words they sit in."""

    counts: tuple[tuple[str, int], ...]  # ("U+200B ZERO WIDTH SPACE", 2), in the order first found
    where: tuple[str, ...]  # the words (or two words) around them, without repeats, the first PLACES


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    invisible: Invisible


def normalise(text: str) -> Normalised:
    """NFC text with hidden characters removed and odd spaces made plain, and what was found where."""
    composed = unicodedata.normalize("NFC", text)  # a decomposed й (и + U+0306) is still one letter
    counts: dict[str, int] = {}
    where: dict[str, None] = {}
    for seen, match in enumerate(_REPORTED.finditer(composed)):
        char = match[0]
        if char == "\u200d" and _joins_emoji(composed, match.start()):
            continue
        name = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
        counts[name] = counts.get(name, 0) + 1
        if len(where) < PLACES and seen < 10 * PLACES:  # a long paste may hold 100,000: the first tell
            where.setdefault(_around(composed, match.start()))
    cleaned = _SPACES.sub(" ", _REMOVED.sub("", composed))
    return Normalised(cleaned, Invisible(tuple(counts.items()), tuple(where)))


def _joins_emoji(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(_EMOJI_NEIGHBOUR.match(before) or _EMOJI_NEIGHBOUR.match(after))


def _around(text: str, index: int) -> str:
    """The run of non-space characters around `index` (a stray NBSP counts as part of it), cleaned."""
    start, end = index, index + 1
    while start > 0 and index - start < _CONTEXT_CHARS and _inside(text[start - 1]):
        start -= 1
    while end < len(text) and end - index < _CONTEXT_CHARS and _inside(text[end]):
        end += 1
    chunk = _SPACES.sub(" ", _REMOVED.sub("", text[start:end]))
    return chunk.strip(" .,;:!?()[]«»\"'") or chunk.strip()


def _inside(char: str) -> bool:
    return not char.isspace() or char == "\u00a0"
