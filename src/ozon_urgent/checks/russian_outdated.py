"""C174: the Russian was translated from a source text that has been edited since."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.provenance import is_stale
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianOutdated(Check):
    """The Russian no longer matches the text it was translated from: it is out of date.

    `ozon-urgent translate` records the SHA-256 of the text it translated (`explanation.ru_source_sha256`,
    and `caption_ru_source_sha256` on each evidence entry): the UTF-8 bytes of the text as loaded, with
    spaces and line breaks at both ends stripped. When `explanation.text` (or a `caption`) no longer hashes
    to it, the ticket would say in Russian what the seller no longer says. Wrong: `text` edited after
    `translate`. Right: `ozon-urgent translate` run again (it translates only what changed) and the new
    Russian reviewed; or Russian written by hand, which has no recorded hash.
    """

    code = Code.RUSSIAN_OUT_OF_DATE
    name = "russian-out-of-date"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        explanation = ctx.case.explanation
        for path, part in explanation.parts() if explanation is not None else []:
            if (part.ru or "").strip() and is_stale(part.text, part.ru_source_sha256):
                yield Hit((*path, "ru"))
        for index, item in enumerate(ctx.case.evidence):
            if (item.caption_ru or "").strip() and is_stale(item.caption, item.caption_ru_source_sha256):
                yield Hit(("evidence", index, "caption_ru"), "caption", {"index": index})
