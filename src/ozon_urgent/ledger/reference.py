"""Ozon's Reference ID as the seller types it: ASCII letters, digits and dashes, nothing else."""

from __future__ import annotations

import re

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
