"""C133: a caption the seller wrote has no Russian, so the ticket would drop it."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class CaptionUntranslated(Check):
    """`caption` (in the seller's language) without `caption_ru`: the ticket is Russian only, so the
    caption would be lost without a word.

    Wrong: `caption: "承运商书面说明"` alone. Right: run `ozon-urgent translate case.yaml`, or write
    `caption_ru: "Письменное заявление службы доставки"` yourself.
    """

    code = Code.CAPTION_UNTRANSLATED
    name = "caption-untranslated"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for index, item in enumerate(ctx.case.evidence):
            caption = " ".join((item.caption or "").split())
            if caption and not (item.caption_ru or "").strip():
                yield Hit(("evidence", index, "caption"), params={"caption": caption[:60]})
