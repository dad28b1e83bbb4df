"""C201: the Russian explanation cites an attachment number the ticket does not have."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

# «файл 03», «файлы 01 и 02», «в файлах 01, 02 и 03», «приложение 2», «(приложения 1–3)»: the word, then
# numbers joined by commas, «и» or a dash. Only the numbers after the word are read.
_CITED = re.compile(
    r"\b(?:файл|приложени)[а-яё]*\s*(?:№\s*)?(\d{1,3}(?:\s*(?:,|и|–|-)\s*\d{1,3})*)", re.IGNORECASE
)
_NUMBER = re.compile(r"\d{1,3}")


def cited_numbers(text: str) -> set[int]:
    """The attachment numbers a Russian text cites; a range «1–3» cites 1, 2 and 3."""
    cited: set[int] = set()
    for match in _CITED.finditer(text):
        numbers = [int(n) for n in _NUMBER.findall(match.group(1))]
        between_each = _NUMBER.split(match.group(1))[1:-1]  # what stands between two numbers
        for first, second, between in zip(numbers[:-1], numbers[1:], between_each, strict=True):
            if between.strip() in {"–", "-"}:
                cited.update(range(first, second + 1))
        cited.update(numbers)
    return cited


class RussianCitesMissingFile(Check):
    """The Russian explanation cites an attachment by a number the ticket does not have: «(файл 03)» when
    the case has two evidence files. The reviewer looks for file 03 and finds nothing, and a seller who
    reads no Russian cannot see it; it happens when a machine translation or a hand edit renumbers files.
    Attachments are numbered in the order of `evidence:` (01, 02 and so on), as the ticket lists them.

    Wrong: two evidence files and «акты передачи (файл 03)». Right: «акты передачи (файл 02)».
    """

    code = Code.RUSSIAN_CITES_MISSING_FILE
    name = "russian-cites-missing-file"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        count = len(ctx.case.evidence)
        russian = ctx.case.explanation.russian() if ctx.case.explanation else []
        for path, text in russian:
            missing = sorted(n for n in cited_numbers(text) if n == 0 or n > count)
            if missing:
                listed = ", ".join(f"{n:02d}" for n in missing)
                yield Hit(path, params={"files": listed, "count": count})
