"""C152: evidence dated after today."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceInFuture(Check):
    """An evidence date lies in the future: almost always a typo in the year or month.

    Wrong: `date: 2027-11-18` on a case checked in 2026. Right: `date: 2026-11-18`.
    """

    code = Code.EVIDENCE_IN_FUTURE
    name = "evidence-in-future"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, item in enumerate(ctx.case.evidence):
            span = item.span()
            if span is not None and span[1] > ctx.today:
                field = "covers" if item.covers is not None else "date"
                params: dict[str, object] = {"date": span[1].isoformat(), "as_of": ctx.today.isoformat()}
                yield Hit(("evidence", index, field), ctx.today_variant, params=params)
