"""C150 and C199 offer to widen `covers` only on the condition that the file really covers those days.

A native reader found both hints inviting the seller to widen `covers` first and think later: the
quickest way to silence the check, and a ticket that then claims days its files do not show.
"""

from __future__ import annotations

import re

import pytest

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang
from ozon_urgent.reporters.describe import rule_doc

WIDEN = {"en": re.compile(r"\bwiden", re.IGNORECASE), "zh": re.compile("扩大")}
# The condition that must stand before the offer, in the same sentence.
CONDITION = {"en": re.compile(r"\b(if|only where)\b", re.IGNORECASE), "zh": re.compile("如果|只有")}
SENTENCE_END = {"en": re.compile(r"(?<=[.!?])\s+|\n\n"), "zh": re.compile(r"(?<=[。！？])|\n\n")}


def _texts(code: str, lang: Lang) -> dict[str, str]:
    """Everything the seller reads of a rule: its messages, hints and doc."""
    entry = {
        field: value for field, value in i18n.catalog(lang)[code].items() if not field.startswith("example")
    }
    return {**entry, "doc": rule_doc(code, lang)}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", ["C150", "C199"])
def test_widening_covers_is_offered_only_after_its_condition(code: str, lang: Lang) -> None:
    offers = 0
    for field, text in _texts(code, lang).items():
        for sentence in SENTENCE_END[lang].split(text):
            widen = WIDEN[lang].search(sentence)
            if widen is None:
                continue
            offers += 1
            assert CONDITION[lang].search(sentence[: widen.start()]), f"{code}.{field} ({lang}): {sentence}"
    assert offers >= 2, f"{code} ({lang}): the hint and the doc both say when `covers` may grow"
