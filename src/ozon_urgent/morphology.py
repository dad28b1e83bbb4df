"""One Russian morphological dictionary for the whole process (pymorphy3 over OpenCorpora).

The quality gate reads the letter with it and the privacy guard finds names with it: ~22 MB each time
it is loaded, so it is loaded once, and before the evidence workers are forked, so they share its pages
with the parent instead of each holding a copy.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def morph() -> Any:  # pymorphy3 ships no type information
    """pymorphy3's analyser: ~0.1 s and ~22 MB, loaded on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
