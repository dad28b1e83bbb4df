"""C178: English words left untranslated in Russian text."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports, listed, more_variant
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianEnglishWords(Check):
    """English words stand in the Russian text: a sentence or a term the translation left as it was.

    Latin script belongs only to IDs, Ozon's terms (SKU, FBS, FBO, rFBS, API, ERP, Client ID) and names
    in «ёлочки»; the case's `allow_words` adds more. Any other Latin word is reported here too, unless
    it looks like pinyin (C179) or is a capitalised name in mid-sentence that is no English word.
    Wrong: «Просим restore товары в продаже». Right: «Просим восстановить товары магазина „Bright Home“
    в продаже».
    """

    code = Code.RUSSIAN_ENGLISH_WORDS
    name = "russian-english-words"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            if report.english:
                yield Hit(path, more_variant(report.english), listed(report.english))
