"""C130: every evidence kind the scenario needs is present."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceRequired(Check):
    """The scenario's checklist of evidence kinds must be met (`ozon-urgent scenarios` shows it).

    Where the checklist offers a choice ("at least one of"), one entry of any of those kinds is enough.
    A video kind (`unboxing_video`) may be a `links` entry or JPEG key frames under `evidence`.
    Wrong: a `carrier_failure` case without `compensation_voucher`. Right: add the voucher as PDF or JPEG.
    """

    code = Code.EVIDENCE_MISSING
    name = "evidence-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is None:
            return
        present = {item.kind for item in ctx.case.evidence}
        present |= {
            link.kind
            for link in ctx.case.links
            if ctx.catalog.kinds.get(link.kind, None) and ctx.catalog.kinds[link.kind].video
        }
        for group in scenario.evidence:
            if not present.intersection(group):
                yield Hit(
                    ("evidence",),
                    "group" if len(group) > 1 else "",
                    {"kinds": ", ".join(group), "scenario": scenario.id},
                )
