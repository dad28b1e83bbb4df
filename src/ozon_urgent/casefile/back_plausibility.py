"""Whether a back-translation can be a rendering of its Russian at all, or looks like an engine's failure.

The seller's copy quotes a back-translation to a reader who cannot read the Russian, as what the Russian
says. An engine that failed — a stock phrase such as «无法回译» in place of a paragraph, the Russian echoed
back, a word for a page — would then be read as the meaning of the letter. Nothing here tells a good
translation from a poor one; it only flags answers no faithful translation could be, so that the copy and
`translate` say so instead of passing them on.

Passing: a 300-character Russian paragraph and a 120-character Chinese rendering of it (ratio 0.4).
Failing: the same paragraph and «无法回译» (too_short); the Russian itself (same_as_russian); an English
sentence for a zh case (no_script); one caption's back-translation given for a different Russian caption
too (repeated).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Suspicion = Literal["no_script", "same_as_russian", "too_short", "too_long", "repeated"]
BackLang = Literal["zh", "en"]

# The script a rendering into the language must use: Han characters for zh, Latin letters for en.
_SCRIPT = {"zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"), "en": re.compile(r"[A-Za-z]")}

# Below this many Russian characters a rendering's length varies too much to judge: «Акт приёма» may
# well become two Han characters. Paragraphs and most captions are longer.
MIN_RUSSIAN_CHARS = 40

# The back-translation's length over the Russian's (whitespace runs counted as one character).
# zh: a Han character carries about a Russian word, so a faithful rendering has roughly 0.25–0.6 of the
# Russian's characters (the examples' paragraphs and captions: 0.22–0.53). The bounds are half the low
# end and 2.5 times the high end, generous enough for terse or wordy engines and numeric dates written
# out («22.10.2026» → «2026年10月22日»), and still far from a stock phrase for a paragraph (<0.05).
# en: English runs about 0.9–1.3 of the Russian (the examples: 1.12–1.26); the same margins give 0.45–3.
RATIO_BOUNDS: dict[BackLang, tuple[float, float]] = {"zh": (0.12, 1.5), "en": (0.45, 3.0)}


def suspicion(
    russian: str, back: str, lang: BackLang, repeated: frozenset[str] = frozenset()
) -> Suspicion | None:
    """Why `back` cannot be a rendering of `russian` into `lang`, or None where it may be one.

    `repeated`: back-translations (as `normalized` gives them) the case gives for different Russian
    texts (see `repeated_backs`): an engine that answers everything alike."""
    text, source = normalized(back), normalized(russian)
    if not text or not source:
        return None  # nothing to judge: the copy says a missing back-translation is missing
    if text.casefold() == source.casefold():
        return "same_as_russian"
    if not _SCRIPT[lang].search(text):
        return "no_script"
    if len(source) >= MIN_RUSSIAN_CHARS:
        low, high = RATIO_BOUNDS[lang]
        ratio = len(text) / len(source)
        if ratio < low:
            return "too_short"
        if ratio > high:
            return "too_long"
    # Last: the one signal left for a caption too short to judge by its length.
    return "repeated" if text in repeated else None


def repeated_backs(pairs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The back-translations given for two or more different Russian texts: `pairs` is (Russian, back)."""
    sources: dict[str, set[str]] = {}
    for russian, back in pairs:
        if normalized(back) and normalized(russian):
            sources.setdefault(normalized(back), set()).add(normalized(russian))
    return frozenset(back for back, russians in sources.items() if len(russians) > 1)


def normalized(text: str | None) -> str:
    """The text with its whitespace runs as one space: what is compared and counted."""
    return " ".join((text or "").split())
