"""C181: an evidence path that is not a regular file."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceNotRegular(Check):
    """The evidence path is a folder, a FIFO, a socket or a device, not a file Ozon can take.

    Wrong: `file: evidence/` or a named pipe. Right: the PDF or JPEG file itself.
    """

    code = Code.EVIDENCE_NOT_REGULAR
    name = "evidence-not-regular"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, (item, where) in enumerate(zip(ctx.case.evidence, ctx.located, strict=True)):
            if where.verdict == "not_regular":
                yield Hit(("evidence", index, "file"), where.detail, {"file": item.file})
