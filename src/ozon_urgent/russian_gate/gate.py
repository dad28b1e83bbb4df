"""The Russian gate over one text: every analysis in one pass, as plain data for the checks to report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ozon_urgent.russian_gate.emoji import find_emoji
from ozon_urgent.russian_gate.form import LongSentence, long_sentences, punctuation_runs, shouted_words
from ozon_urgent.russian_gate.lexicon import fold
from ozon_urgent.russian_gate.normalise import Invisible, normalise
from ozon_urgent.russian_gate.scripts import MixedWord, mixed_word, script
from ozon_urgent.russian_gate.sentences import sentence_spans
from ozon_urgent.russian_gate.tokens import Token, context, inside, mask, quoted_spans, tokens
from ozon_urgent.russian_gate.words import allowed_term, latin_kind, russian_unknown


@dataclass(frozen=True, slots=True)
class WordAt:
    word: str
    context: str  # a few words around its first occurrence


@dataclass(frozen=True, slots=True)
class TextReport:
    """What the gate found in one text; every list in order of first occurrence, without repeats."""

    invisible: Invisible
    mixed: tuple[MixedWord, ...]
    unknown: tuple[WordAt, ...]
    english: tuple[str, ...]
    pinyin: tuple[str, ...]
    shouted: tuple[str, ...]
    punctuation: tuple[str, ...]
    long_sentences: tuple[LongSentence, ...]
    emoji: tuple[str, ...]
    words: int  # every token, numbers and IDs included: how much the text says

    @property
    def problems(self) -> int:
        """How many things the gate found: zero for a clean text."""
        lists: tuple[tuple[object, ...], ...] = (
            self.mixed,
            self.unknown,
            self.english,
            self.pinyin,
            self.shouted,
            self.punctuation,
            self.long_sentences,
            self.emoji,
        )
        return len(self.invisible.counts) + sum(map(len, lists))


@dataclass(slots=True)
class _Words:
    mixed: list[MixedWord]
    unknown: list[WordAt]
    english: list[str]
    pinyin: list[str]
    seen: set[str]  # folded words already reported as mixed or unknown

    def add_unknown(self, word: str, text: str, token: Token) -> None:
        if fold(word) not in self.seen:
            self.seen.add(fold(word))
            self.unknown.append(WordAt(word, context(text, token.start, token.end)))


@lru_cache(maxsize=128)  # one report per field, read by every check of the gate
def analyse(text: str, allowed: frozenset[str] = frozenset()) -> TextReport:
    """The gate's findings for `text`; `allowed` holds the case's own words, folded (`lexicon.allowed`)."""
    normal = normalise(text)
    masked = mask(normal.text)
    words = tokens(masked)
    spans = sentence_spans(masked)
    quotes = quoted_spans(masked)
    judged = _judge(normal.text, words, quotes, _sentence_starts(masked, words, spans), allowed)
    return TextReport(
        invisible=normal.invisible,
        mixed=tuple(judged.mixed),
        unknown=tuple(judged.unknown),
        english=_unique(judged.english),
        pinyin=_unique(judged.pinyin),
        shouted=_unique(shouted_words(words, allowed, quotes)),
        punctuation=_unique(punctuation_runs(masked)),
        long_sentences=tuple(long_sentences(masked, words, spans)),
        emoji=_unique(find_emoji(text)),
        words=len(words),
    )


def _judge(
    text: str, words: list[Token], quotes: list[tuple[int, int]], starts: set[int], allowed: frozenset[str]
) -> _Words:
    found = _Words([], [], [], [], set())
    for index, token in enumerate(words):
        if token.is_number:
            continue
        kind = script(token.text)
        if kind == "mixed":
            if token.text in found.seen:
                continue
            mixed = mixed_word(token.text)
            if mixed is not None:
                found.seen.add(token.text)
                found.mixed.append(mixed)
                continue
        # A name mid-sentence keeps its capital (Шэньчжэнь, SwiftRoute); at a sentence start it is unknown.
        named = token.text[0].isupper() and index not in starts
        parts = [(part, script(part)) for part in token.parts] if kind == "mixed" else [(token.text, kind)]
        for part, part_script in parts:  # ERP-системы: each half on its own
            if part_script == "cyrillic":
                if not named and russian_unknown(part, allowed):
                    found.add_unknown(part, text, token)
            elif part_script == "latin" and not inside(quotes, token.start):
                _judge_latin(part, named, allowed, found)
    return found


def _judge_latin(part: str, named: bool, allowed: frozenset[str], found: _Words) -> None:
    """Latin outside the allowed terms is left over from another language: pinyin, or English (as far as
    the word list knows; a rarer word in lower case is most likely English too). A capitalised word that
    no list knows, in mid-sentence, is a name (SwiftRoute)."""
    if allowed_term(part, allowed):
        return
    kind = latin_kind(part)
    if kind == "pinyin":
        found.pinyin.append(part)
    elif kind == "english" or not named:
        found.english.append(part)


def _sentence_starts(text: str, words: list[Token], spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the words that open a sentence or a line: their capital says nothing about a name."""
    starts: set[int] = set()
    span = 0
    for index, token in enumerate(words):
        while span < len(spans) and spans[span][1] <= token.start:
            span += 1
        previous_end = words[index - 1].end if index else 0
        opens_span = span < len(spans) and (index == 0 or words[index - 1].end <= spans[span][0])
        if opens_span or "\n" in text[previous_end : token.start]:
            starts.add(index)
    return starts


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(fold(item), item)
    return tuple(seen.values())
