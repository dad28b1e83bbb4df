"""C132: a file of kind `other` says what it is, in a caption of either language."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class CaptionRequired(Check):
    """Evidence of kind `other` needs a caption: «дополнительный документ» tells the reviewer nothing.

    Write `caption` in your own language and run `ozon-urgent translate` for its Russian, or write
    `caption_ru` yourself if you write Russian; the Russian caption replaces the kind's label in the
    ticket's list of attachments. A `caption` still without its Russian is C133's, not this rule's.
    Wrong: `kind: other` with neither `caption` nor `caption_ru`.
    Right: `caption: "10月27日至11月9日的货件交接单"` (then `ozon-urgent translate`), or
    `caption_ru: "Акты передачи отправлений в доставку с 27.10.2026 по 09.11.2026"`.
    """

    code = Code.CAPTION_REQUIRED
    name = "caption-required"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, item in enumerate(ctx.case.evidence):
            # A caption in the seller's language alone is C133's (translate it): one problem, one finding.
            captioned = (item.caption_ru or "").strip() or (item.caption or "").strip()
            if item.kind == "other" and not captioned:
                yield Hit(("evidence", index, "kind"), params={"file": item.file})
