"""C176: a word that mixes Cyrillic and Latin letters (Oзон with a Latin O)."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import MAX_LISTED, gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianMixedScript(Check):
    """A word mixes Cyrillic and Latin letters that look alike: «Oзон» with a Latin O, «тpек» with a Latin p.

    A keyboard layout switch, OCR or a translation tool leaves them, and nobody sees it; but support's
    search does not find the word, and the ticket looks machine-made. The report names each foreign
    letter and its place in the word. Compounds of two clean halves (ERP-системы, SKU-номер) are fine.
    Wrong: «Товары сняты с продажи на Oзоне». Right: «Товары сняты с продажи на Ozon».
    """

    code = Code.RUSSIAN_MIXED_SCRIPT
    name = "russian-mixed-script"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            for word in report.mixed[:MAX_LISTED]:
                params: dict[str, object] = {
                    "word": word.word,
                    "letters": ", ".join(word.letters),
                    "positions": ", ".join(map(str, word.positions)),
                    "fixed": word.fixed,
                }
                yield Hit(path, word.foreign if word.fixed else "", params)
            if len(report.mixed) > MAX_LISTED:
                yield Hit(path, "more", {"more": len(report.mixed) - MAX_LISTED})
