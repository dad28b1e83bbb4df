"""C173: the Russian has not been reviewed by a person."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianReviewed(Check):
    """`explanation.ru_reviewed` is false: machine translation must be polished by a person first.

    Serious machine-translation errors make support misread the core facts. Wrong: `ru_reviewed: false`
    right after `ozon-urgent translate`. Right: a Russian speaker reads and fixes the text, then sets
    `ru_reviewed: true`.
    """

    code = Code.RUSSIAN_NOT_REVIEWED
    name = "russian-not-reviewed"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        explanation = ctx.case.explanation
        if explanation is not None and explanation.russian() and not explanation.ru_reviewed:
            yield Hit(("explanation", "ru_reviewed"))
