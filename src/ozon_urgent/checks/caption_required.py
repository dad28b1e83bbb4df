"""C132: a file of kind `other` says in Russian what it is."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class CaptionRequired(Check):
    """Evidence of kind `other` needs a `caption_ru`: «дополнительный документ» tells the reviewer nothing.

    The caption replaces the kind's label in the ticket's list of attachments. Wrong: `kind: other` with no
    `caption_ru`. Right: `caption_ru: "Акты передачи отправлений в доставку с 27.10.2026 по 09.11.2026"`.
    """

    code = Code.CAPTION_REQUIRED
    name = "caption-required"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, item in enumerate(ctx.case.evidence):
            if item.kind == "other" and not (item.caption_ru or "").strip():
                where = "caption" if (item.caption or "").strip() else "kind"
                yield Hit(("evidence", index, where), params={"file": item.file})
