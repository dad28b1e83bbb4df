"""C151: evidence older than the staleness limit."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceStale(Check):
    """Evidence whose newest day is more than 90 days ago (policy `stale_after_days`) is stale.

    Ozon judges the current window; old proof does not show the problem is fixed. Wrong: a waybill
    dated five months ago. Right: evidence from inside the metric's window. Once the ticket is filed (a
    `filed:` block in the case file, or the ledger's record of it) staleness is no longer judged: the
    evidence went with the ticket, and a kept case must not start failing as the days pass.
    """

    code = Code.EVIDENCE_STALE
    name = "evidence-stale"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.filed:
            return
        limit = ctx.policy.stale_after_days
        for index, item in enumerate(ctx.case.evidence):
            span = item.span()
            if span is not None and (ctx.today - span[1]).days > limit:
                field = "covers" if item.covers is not None else "date"
                yield Hit(
                    ("evidence", index, field),
                    params={
                        "file": item.file,
                        "newest": span[1].isoformat(),
                        "days": (ctx.today - span[1]).days,
                        "limit": limit,
                    },
                )
