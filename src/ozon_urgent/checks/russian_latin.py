"""C172: Russian text that is mostly Latin letters."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_text import CYRILLIC, LATIN, russian_fields
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianMostlyLatin(Check):
    """More than half of the letters in a Russian field are Latin: probably English left untranslated.

    IDs and numbers do not count. Wrong: «Please restore our listings». Right: «Просим восстановить
    товары в продаже». A few Latin words (brand names, SKU, FBS) are fine.
    """

    code = Code.RUSSIAN_MOSTLY_LATIN
    name = "russian-mostly-latin"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, text in russian_fields(ctx):
            latin = len(LATIN.findall(text))
            cyrillic = len(CYRILLIC.findall(text))
            if latin > cyrillic:
                yield Hit(path, params={"percent": round(100 * latin / (latin + cyrillic))})
