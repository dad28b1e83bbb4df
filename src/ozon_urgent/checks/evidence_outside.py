"""C182: an evidence path that leaves the case's folder."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceOutsideCase(Check):
    """Evidence paths are relative to the case file and stay inside its folder.

    Absolute paths (`/etc/passwd`, `C:\\x.pdf`), `..` and symlinks that lead out of the folder are
    refused: a pack must never pick up a file the seller did not mean to send. Wrong:
    `file: ../other-store/waybill.pdf`. Right: copy the file next to the case, `file: evidence/waybill.pdf`.
    """

    code = Code.EVIDENCE_OUTSIDE_CASE
    name = "evidence-outside-case"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, (item, where) in enumerate(zip(ctx.case.evidence, ctx.located, strict=True)):
            if where.verdict in ("absolute", "windows", "parent", "escapes"):
                yield Hit(("evidence", index, "file"), where.verdict, {"file": item.file})
