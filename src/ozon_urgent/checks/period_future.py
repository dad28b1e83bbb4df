"""C141: the period the appeal is about has not ended yet."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class PeriodInFuture(Check):
    """`period` ends after today: Ozon can only review days that have passed, and no evidence covers the rest.

    Usually a typo in the year, or the end of the month written in advance. Wrong: `period: {from:
    2026-09-21, to: 2027-11-19}` on a case checked in November 2026. Right: the last day already affected,
    `to: 2026-11-19`.
    """

    code = Code.PERIOD_IN_FUTURE
    name = "period-in-future"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        period = ctx.case.period
        if period is not None and period.end > ctx.today:
            where = ("period", "from") if period.start > ctx.today else ("period", "to")
            day = ctx.today.isoformat()
            yield Hit(
                where, ctx.today_variant, params={"end": period.end.isoformat(), "today": day, "as_of": day}
            )
