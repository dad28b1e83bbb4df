"""C171: Chinese or Japanese characters in Russian text."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_text import CJK, russian_fields
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianHasCjk(Check):
    """Russian fields (`explanation.ru`, `caption_ru`) contain CJK characters or full-width punctuation.

    Ozon's Russian support cannot read them, and Chinese text in the ticket is a common reason for a
    bounce. Wrong: «Товары сняты，请尽快处理». Right: «Товары сняты с продажи. Просим проверить».
    """

    code = Code.RUSSIAN_HAS_CJK
    name = "russian-has-cjk"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, text in russian_fields(ctx):
            found = CJK.findall(text)
            if found:
                yield Hit(path, params={"chars": "".join(dict.fromkeys(found))[:10], "count": len(found)})
