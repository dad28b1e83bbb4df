"""C170: the Russian explanation is missing."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianMissing(Check):
    """The ticket body must be Russian: `explanation.ru` holds the seller's explanation in Russian.

    Wrong: only `explanation.text` in Chinese. Right: run `ozon-urgent translate case.yaml`, have a
    Russian speaker polish `explanation.ru`, then set `ru_reviewed: true`.
    """

    code = Code.RUSSIAN_MISSING
    name = "russian-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        explanation = ctx.case.explanation
        if explanation is None:
            yield Hit(("explanation",), "no_section")
            return
        facts = explanation.part("facts")
        if facts is None or not (facts.ru or "").strip():
            where = ("explanation", "facts") if explanation.facts is not None else ("explanation",)
            yield Hit((*where, "ru"))
        changes = explanation.changes
        if changes is not None and (changes.text or "").strip() and not (changes.ru or "").strip():
            yield Hit(("explanation", "changes", "ru"), "changes")
