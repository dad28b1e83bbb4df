"""Ozon's Reference ID as the seller types it: ASCII letters, digits and dashes, nothing else."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 64
_VALID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", re.ASCII)


def reference_problem(value: str) -> str | None:
    """None for a valid Reference ID, else why not: empty, spaces, non_ascii, characters, too_long.

    Non-ASCII digits (Arabic-Indic, full-width) look like digits and pass `str.isdigit`, but Ozon's
    search would not find the ticket by them, so they are refused with their own message.
    """
    if not value:
        return "empty"
    if any(ch.isspace() for ch in value):
        return "spaces"
    if not value.isascii():
        return "non_ascii"
    if len(value) > MAX_LENGTH:
        return "too_long"
    if not _VALID.fullmatch(value):
        return "characters"
    return None


# The kinds of character a seller's Reference ID should not hold, by what a Chinese keyboard or a Russian
# one typed: Chinese characters (a label such as 工单 copied with it), full-width forms and Chinese
# punctuation (an IME left on), Cyrillic letters that look Latin (С, Р), and anything else.
FOREIGN_KINDS = ("han", "full_width", "cyrillic", "other")


def foreign_characters(value: str) -> dict[str, str]:
    """The non-ASCII characters of `value` by kind (FOREIGN_KINDS order), each in the order first seen."""
    found: dict[str, str] = {}
    for char in value:
        if char.isascii():
            continue
        kind = _kind(char)
        if char not in found.get(kind, ""):
            found[kind] = found.get(kind, "") + char
    return {kind: found[kind] for kind in FOREIGN_KINDS if kind in found}


def _kind(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return "han"
    if name.startswith(("FULLWIDTH", "IDEOGRAPHIC")) or "\u3000" <= char <= "\u303f":
        return "full_width"
    return "cyrillic" if name.startswith("CYRILLIC") else "other"
