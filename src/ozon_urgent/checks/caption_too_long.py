"""C134: a Russian caption longer than a line of the attachment list."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

MAX_CAPTION = 300


class CaptionTooLong(Check):
    """`caption_ru` is over 300 characters: the attachment list names each file in a sentence, and the
    reasoning belongs in `explanation.ru`.

    Wrong: a caption that retells the whole story. Right: «Письменное заявление службы доставки о сбое с
    27.10.2026 по 09.11.2026», with the story in the explanation.
    """

    code = Code.CAPTION_TOO_LONG
    name = "caption-too-long"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        captions = [("evidence", i, e.caption_ru) for i, e in enumerate(ctx.case.evidence)]
        captions += [("links", i, link.caption_ru) for i, link in enumerate(ctx.case.links)]
        for section, index, caption in captions:
            if caption is not None and len(caption.strip()) > MAX_CAPTION:
                yield Hit(
                    (section, index, "caption_ru"),
                    params={"length": len(caption.strip()), "limit": MAX_CAPTION},
                )
