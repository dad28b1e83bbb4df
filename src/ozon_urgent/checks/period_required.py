"""C140: scenarios about a stretch of time need `period`."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class PeriodRequired(Check):
    """`carrier_failure` and `sync_delay` ask Ozon about a period, so the case must state it.

    Wrong: a `carrier_failure` case with no `period`. Right: `period: {from: 2026-09-21, to: 2026-11-19}`.
    """

    code = Code.PERIOD_MISSING
    name = "period-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is not None and scenario.period_required and ctx.case.period is None:
            yield Hit(("period",), params={"scenario": scenario.id})
