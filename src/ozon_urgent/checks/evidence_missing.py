"""C180: an evidence file that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.attachments.locate import OS_ERROR_KINDS
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class EvidenceFileMissing(Check):
    """The file named in `evidence[].file` does not exist (or cannot be reached) next to the case.

    Wrong: `file: evidence/waybil.pdf` (a typo). Right: the path as it is on disk, relative to the case file.
    """

    code = Code.EVIDENCE_FILE_MISSING
    name = "evidence-file-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, (item, where) in enumerate(zip(ctx.case.evidence, ctx.located, strict=True)):
            if where.verdict in ("missing", "os_error"):
                known = where.verdict == "os_error" and where.detail in OS_ERROR_KINDS.values()
                variant = f"os_error_{where.detail}" if known else where.verdict
                yield Hit(("evidence", index, "file"), variant, {"file": item.file, "error": where.detail})
