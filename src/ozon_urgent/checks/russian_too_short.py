"""C185: an explanation too short to state the facts."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

MINIMUM_WORDS = 15
# The facts, in either form of `explanation` (what the store changed may well be one short sentence).
_FACTS = {("explanation", "ru"), ("explanation", "facts", "ru")}


class RussianExplanationTooShort(Check):
    """`explanation.ru` has fewer than 15 words (numbers, dates and IDs count as words).

    A reviewer needs what happened, when, to which orders, and what proves it; a line such as «Просим
    проверить» gets a generic reply. Wrong: «Товары сняты по ошибке. Просим восстановить». Right:
    «20.11.2026 шесть товаров магазина сняты с продажи из-за жалоб на недоставку, хотя все три
    отправления доставлены в срок. Просим восстановить товары в продаже».
    """

    code = Code.RUSSIAN_EXPLANATION_TOO_SHORT
    name = "russian-explanation-too-short"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            if path in _FACTS and report.words < MINIMUM_WORDS:
                yield Hit(path, params={"words": report.words, "minimum": MINIMUM_WORDS})
