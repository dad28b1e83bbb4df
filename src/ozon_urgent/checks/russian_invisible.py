"""C175: invisible characters in Russian text (zero-width spaces, soft hyphens, direction marks)."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_gate_fields import gate_reports
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code
from ozon_urgent.unsafe_text import UNSAFE


class RussianInvisibleCharacters(Check):
    """Russian text contains characters that show as nothing: zero-width spaces and joiners (U+200B–U+200D,
    U+2060, U+FEFF), soft hyphens (U+00AD), direction marks (U+200E, U+200F), or a no-break space
    (U+00A0) glued between two words. Bidi overrides and isolates are C191 errors.

    They come with text copied from web pages, PDFs and chat apps. A word with one inside is not found
    when support searches for it, and it breaks again wherever it is pasted. The other checks read the
    text without them. Wrong: «Отправ<U+200B>ление доставлено», with a zero-width space where <U+200B>
    stands. Right: «Отправление доставлено».
    """

    code = Code.RUSSIAN_INVISIBLE_CHARACTERS
    name = "russian-invisible-characters"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        for path, report in gate_reports(ctx):
            found = report.invisible
            # Bidi overrides and isolates are errors of C191, in every field; reported once, there.
            counts = [(char, n) for char, n in found.counts if not UNSAFE.match(chr(int(char[2:6], 16)))]
            if counts:
                chars = ", ".join(f"{char} ×{count}" if count > 1 else char for char, count in counts)
                where = ", ".join(f"«{place}»" for place in found.where)
                yield Hit(path, params={"chars": chars, "where": where})
