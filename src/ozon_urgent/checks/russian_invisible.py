"""C175: invisible characters in Russian text (zero-width spaces, soft hyphens, direction marks)."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class RussianInvisibleCharacters(Check):
    """Russian text contains characters that show as nothing: zero-width spaces and joiners (U+200B–U+200D,
    U+2060, U+FEFF), soft hyphens (U+00AD), direction marks (U+200E, U+200F, U+202A–U+202E,
    U+2066–U+2069), or a no-break space (U+00A0) glued between two words.

    They come with text copied from web pages, PDFs and chat apps. A word with one inside is not found
    when support searches for it, and it breaks again wherever it is pasted. The other checks read the
    text without them. Fail: «Отправ<U+200B>ление доставлено», with a zero-width space where <U+200B>
    stands. Pass: «Отправление доставлено».
    """

    code = Code.RUSSIAN_INVISIBLE_CHARACTERS
    name = "russian-invisible-characters"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            found = report.invisible
            if found.counts:
                chars = ", ".join(f"{char} ×{count}" if count > 1 else char for char, count in found.counts)
                where = ", ".join(f"«{place}»" for place in found.where)
                yield Hit(path, params={"chars": chars, "where": where})
