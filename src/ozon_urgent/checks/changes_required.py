"""C194: an appeal about the store's own performance says what the store has changed."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class ChangesRequired(Check):
    """`rating_drop_restriction`, `response_time_penalty` and `new_store_low_activity` are about the store's
    own performance: Ozon lifts the measure when the letter shows what the store has changed since, not only
    what happened. The case says it in `explanation.changes` (`text` in the seller's language, `ru`).

    Wrong: a `response_time_penalty` case whose explanation only tells why replies were late. Right:
    `changes: {text: "从 11 月 25 日起，两名俄语客服每天 9:00–21:00 在线回复买家。",
    ru: "С 25 ноября два русскоязычных сотрудника ежедневно с 9:00 до 21:00 отвечают покупателям."}`
    next to `facts:`.
    """

    code = Code.CHANGES_MISSING
    name = "changes-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario, explanation = ctx.scenario, ctx.case.explanation
        if scenario is None or not scenario.changes_required or explanation is None:
            return  # no explanation at all is C170's
        changes = explanation.changes
        if changes is None or not ((changes.text or "").strip() or (changes.ru or "").strip()):
            yield Hit(("explanation",), params={"scenario": scenario.id})
