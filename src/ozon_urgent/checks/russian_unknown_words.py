"""C177: words the Russian dictionary does not know."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import MAX_LISTED, gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianUnknownWords(Check):
    """A word in the Russian text is in no Russian dictionary (pymorphy3's OpenCorpora dictionary with
    every inflection, plus Ozon's and e-commerce terms such as фулфилмент, маркетплейс, ПВЗ, СДЭК).

    Typos, invented words and transliterations from a machine translation make support guess. Not
    flagged: numbers, dates and IDs, links, names written with a capital in mid-sentence, and the case's
    `allow_words`. Words in Latin script are C178's (English) and C179's (pinyin).
    Wrong: «Отправления были доставленны покупателям в срок». Right: «Отправления были доставлены
    покупателям в срок».
    """

    code = Code.RUSSIAN_UNKNOWN_WORDS
    name = "russian-unknown-words"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            for found in report.unknown[:MAX_LISTED]:
                yield Hit(path, params={"word": found.word, "context": found.context})
            if len(report.unknown) > MAX_LISTED:
                yield Hit(path, "more", {"more": len(report.unknown) - MAX_LISTED})
