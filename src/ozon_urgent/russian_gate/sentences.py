"""Sentences of a Russian text, split by razdel, which knows abbreviations (т. е., г., ООО) and initials."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Blank lines and list items ("— 123", "1. …", "• …") end a sentence whatever razdel thinks: a list
# of facts with no full stops is not one long sentence.
_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[—–•*-]|\d+[.)])\s)")
# razdel slows down on long runs of punctuation ("!?!?…" for a whole screen); three marks are as
# good as a thousand for finding where a sentence ends.
_RUN = re.compile(r"[.!?…]{4,}")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, in order."""
    from razdel import sentenize

    calm = _RUN.sub(lambda match: match[0][:3] + " " * (len(match[0]) - 3), text)
    spans: list[tuple[int, int]] = []
    for start, end in _chunks(calm):
        spans.extend((start + part.start, start + part.stop) for part in sentenize(calm[start:end]))
    return spans


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)
