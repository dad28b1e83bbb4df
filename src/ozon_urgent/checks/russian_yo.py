"""C187: «ё» used in some words and not in others of the same text."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_fields, listed, more_variant
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianYoMixed(Check):
    """The text writes «ё» in some words and «е» in others that have it: «расчёт», but «еще».

    Russian allows «е» for «ё» throughout, or «ё» throughout, but not a mix: it reads as careless and breaks
    search. Wrong: «Просим исключить период из расчёта показателя и еще раз проверить отправления».
    Right: «Просим исключить период из расчёта показателя и ещё раз проверить отправления».
    """

    code = Code.RUSSIAN_YO_MIXED
    name = "russian-yo-mixed"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        from ozon_urgent.russian_gate.yo import yo_left_out

        for path, text in gate_fields(ctx):
            words = yo_left_out(text)
            if words:
                yield Hit(path, more_variant(words), listed(words))
