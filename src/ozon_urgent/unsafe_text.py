"""What must never reach a terminal raw: control characters and bidi overrides, and the user's secrets.

ESC starts terminal escape sequences (colours, window titles, OSC links), CR returns to the line's start
and overwrites what was printed, and the bidi embeddings, overrides and isolates reorder what a reader
sees (an ID that displays as another). Case fields holding them are refused (C191); everything printed
or annotated shows them as escapes, whatever their source: a case file, a file name, a server's answer.
"""

from __future__ import annotations

import re

# Tab and line feed are ordinary text; everything else below U+0020, DEL, the C1 controls, the bidi
# embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and the Unicode line separators.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def code_point(char: str) -> str:
    """`U+001B`, the way the messages name a character."""
    return f"U+{ord(char):04X}"


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def shown(text: str, *, lines: bool = False) -> str:
    """`text` safe to print: each unsafe character as `\\x1b` / `\\u202e`; line feeds and tabs kept only
    with `lines` (a message of several lines), otherwise escaped too (one finding, one line)."""
    pattern = UNSAFE if lines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def masked(secret: str) -> str:
    """At most the last four characters of a key: enough to tell two keys apart, useless to anyone else."""
    return "…" + secret[-4:] if len(secret) >= 12 else "…"


def without_secrets(text: str, *secrets: str) -> str:
    """`text` with every secret in it masked: a server that echoes the key back must not get it printed."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, masked(secret))
    return text
