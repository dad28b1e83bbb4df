"""The SHA-256 that ties a Russian translation to the exact source text it was made from."""

from __future__ import annotations

import hashlib


def source_sha256(text: str | None) -> str:
    """SHA-256 of the UTF-8 bytes of the text as loaded from the case file, stripped at both ends.

    Stripping makes the hash follow the words, not the YAML style: `>-`, `|` and a quoted string differ
    only in the line break at the end. A missing text hashes like an empty one.
    """
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


def is_stale(source: str | None, recorded: str | None) -> bool:
    """True when a recorded source hash exists and no longer matches the source text."""
    return recorded is not None and recorded != source_sha256(source)
