"""C183: shouting in Russian text: words in capitals, runs of "!" or "?"."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports, listed, more_variant
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianShouting(Check):
    """Whole words in capitals (СРОЧНО, ВНИМАНИЕ) or runs of "!" and "?" ("!!!", "?!").

    A formal request asks once, politely; urgency is the ticket's priority and its fixed header
    `URGENT: Performance Review Request`, which is not flagged. Abbreviations of up to five letters that
    are known (ООО, ИНН, СНИЛС, ПВЗ, SKU, FBS) or listed in `allow_words` may stand in capitals.
    Wrong: «ПРОСИМ СРОЧНО восстановить товары!!!». Right: «Просим восстановить товары в продаже».
    """

    code = Code.RUSSIAN_SHOUTING
    name = "russian-shouting"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            if report.shouted:
                variant = "caps_more" if more_variant(report.shouted) else "caps"
                yield Hit(path, variant, listed(report.shouted))
            if report.punctuation:
                yield Hit(path, "punctuation", {"runs": " ".join(report.punctuation[:10])})
