"""What must never reach a terminal or a pack raw: control characters, bidi and hidden ones, and secrets.

ESC starts terminal escape sequences (colours, window titles, OSC links), CR returns to the line's start
and overwrites what was printed, and the bidi embeddings, overrides and isolates reorder what a reader
sees (an ID that displays as another). Case fields holding them are refused (C191); everything printed
or annotated, and every text a pack holds, shows them as escapes, whatever their source: a case file, a
file name, a server's answer, another case's findings. So do the marks and format characters that C191
lets pass (direction marks, zero-width spaces, invisible tags), which hide or reorder text as well.
"""

from __future__ import annotations

import re

# Tab and line feed are ordinary text; everything else below U+0020, DEL, the C1 controls, the bidi
# embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and the Unicode line separators.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Shown as escapes as well, though C191 lets them into a case (C175 warns of them in Russian text): the
# Arabic letter mark and the left-to-right/right-to-left marks (U+061C, U+200E, U+200F), which reorder
# what stands around them; the zero-width space, word joiner, invisible operators, the deprecated format
# characters, the byte order mark and the interlinear annotation marks, which hide text or where a word
# ends; the tag characters, which carry a whole invisible text. The zero-width (non-)joiners and the
# variation selectors stay: emoji and scripts are drawn with them, and they hide nothing.
_HIDDEN = "\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
# A flag of England, Scotland or Wales is the black flag, a region in tag letters and the cancel tag.
_TAG_FLAG = "\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,6}\U000e007f"
_SHOWN = re.compile(
    f"{_TAG_FLAG}|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029{_HIDDEN}]"
)
_SHOWN_OR_NEWLINE = re.compile(
    f"{_TAG_FLAG}|[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029{_HIDDEN}]"
)


def code_point(char: str) -> str:
    """`U+001B`, the way the messages name a character."""
    return f"U+{ord(char):04X}"


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1:  # a tag flag: an emoji, kept
        return found
    point = ord(found)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def shown(text: str, *, lines: bool = False) -> str:
    """`text` safe to print or to put in a pack: each unsafe or hidden character as `\\x1b` / `\\u202e`;
    line feeds and tabs kept only with `lines` (a message or a file of several lines), otherwise escaped
    too (one finding, one line). Every other character, Cyrillic, Chinese and emoji among them, is kept."""
    pattern = _SHOWN if lines else _SHOWN_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def in_file(text: str) -> str:
    """`text` as a pack's file holds it: the rule of `shown`, line feeds and tabs kept."""
    return shown(text, lines=True)


def hidden_in(text: str) -> list[str]:
    """The characters of `text` that `in_file` would escape, in order; none for text fit for a pack."""
    return [found for found in _SHOWN.findall(text) if len(found) == 1]


def masked(secret: str) -> str:
    """At most the last four characters of a key: enough to tell two keys apart, useless to anyone else."""
    return "…" + secret[-4:] if len(secret) >= 12 else "…"


def without_secrets(text: str, *secrets: str) -> str:
    """`text` with every secret in it masked: a server that echoes the key back must not get it printed."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, masked(secret))
    return text
