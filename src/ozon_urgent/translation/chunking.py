"""Long text in pieces that fit DeepL's request limit, cut at paragraphs, then sentences, then words."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

REQUEST_LIMIT_BYTES = 128 * 1024  # DeepL: the whole body of one /v2/translate request
MAX_TEXTS_PER_REQUEST = 50  # DeepL: `text` takes at most 50 entries
# The body also carries target_lang, source_lang, formality, glossary_id and the JSON punctuation around
# them; the context is counted separately because its size varies with the scenario's names.
REQUEST_MARGIN_BYTES = 4 * 1024

# Boundaries from the coarsest to the finest; each pattern matches what separates two pieces. Chinese
# sentences end without a space, so their boundary can be empty.
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?;…])\s+|(?<=[。！？；])\s*"),
    re.compile(r"\s+"),
)
_SENTENCE_LEVEL = 2


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    separator: str  # the source characters between this chunk and the next ("" after the last)
    joiner: str  # what goes between this chunk's translation and the next one's


def wire_size(text: str) -> int:
    """Bytes `text` takes inside the JSON body, quotes excluded.

    requests serialises with json.dumps' default ensure_ascii, so every CJK or Cyrillic character travels
    as a 6-byte \\uXXXX escape: 100,000 Chinese characters are ~600 KB on the wire, not 300 KB.
    """
    return len(json.dumps(text)) - 2


def text_budget(context: str | None) -> int:
    """Bytes left for the texts of one request once the context and the other parameters are in it."""
    return REQUEST_LIMIT_BYTES - REQUEST_MARGIN_BYTES - (wire_size(context) + 2 if context else 0)


def split_text(text: str, budget: int) -> list[Chunk]:
    """`text` as chunks of at most `budget` wire bytes each, as few and as large as the boundaries allow.

    Joining every chunk's text and separator gives `text` back exactly.
    """
    if budget < 16:
        raise ValueError(f"budget too small: {budget}")
    return _merge(_pieces(text, budget, 0), budget)


def join_translations(chunks: Sequence[Chunk], translated: Sequence[str]) -> str:
    """The translations of `chunks`, in order, with paragraph breaks where the source had them."""
    parts = []
    for chunk, result in zip(chunks, translated, strict=True):
        parts.append(result.strip())
        parts.append(chunk.joiner)
    return "".join(parts).strip()


def pack_requests(sizes: Sequence[int], budget: int) -> list[list[int]]:
    """Indices of texts grouped into requests: each group within `budget` bytes and 50 texts, order kept."""
    groups: list[list[int]] = []
    used = 0
    for index, size in enumerate(sizes):
        cost = size + 3  # the text's quotes and the comma between list items
        if groups and len(groups[-1]) < MAX_TEXTS_PER_REQUEST and used + cost <= budget:
            groups[-1].append(index)
            used += cost
        else:
            groups.append([index])
            used = cost
    return groups


def _joiner(separator: str, level: int) -> str:
    if "\n" in separator:
        return "\n" * min(separator.count("\n"), 2)
    # A Russian sentence after a Chinese one needs the space the Chinese text did not have.
    return " " if separator or level == _SENTENCE_LEVEL else ""


def _pieces(text: str, budget: int, level: int) -> list[Chunk]:
    if wire_size(text) <= budget:
        return [Chunk(text, "", "")]
    if level == len(_BOUNDARIES):
        return _hard_split(text, budget)
    found: list[Chunk] = []
    start = 0
    for match in _BOUNDARIES[level].finditer(text):
        if match.start() == 0:
            continue  # a separator before any text stays with the first piece
        piece = text[start : match.start()]
        if piece:
            found.extend(_pieces(piece, budget, level + 1))
        if found:
            _extend_last(found, match.group(), _joiner(match.group(), level))
        start = match.end()
    if start < len(text):
        found.extend(_pieces(text[start:], budget, level + 1))
    return found


def _extend_last(chunks: list[Chunk], separator: str, joiner: str) -> None:
    last = chunks[-1]
    chunks[-1] = Chunk(last.text, last.separator + separator, last.joiner or joiner)


def _hard_split(text: str, budget: int) -> list[Chunk]:
    """A run with no space or punctuation longer than a request: cut between characters."""
    chunks: list[Chunk] = []
    start = size = 0
    for index, char in enumerate(text):
        width = wire_size(char)
        if size + width > budget:
            chunks.append(Chunk(text[start:index], "", ""))
            start, size = index, 0
        size += width
    chunks.append(Chunk(text[start:], "", ""))
    return chunks


def _merge(pieces: list[Chunk], budget: int) -> list[Chunk]:
    merged: list[Chunk] = []
    size = 0
    for piece in pieces:
        piece_size = wire_size(piece.text)
        if merged:
            last = merged[-1]
            # json escaping is per character, so sizes of joined strings add up.
            joined = size + wire_size(last.separator) + piece_size
            if joined <= budget:
                merged[-1] = Chunk(last.text + last.separator + piece.text, piece.separator, piece.joiner)
                size = joined
                continue
        merged.append(piece)
        size = piece_size
    return merged
