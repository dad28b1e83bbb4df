"""C192: the Russian explanation lists the case's IDs, which the letter already lists once."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code

# A few IDs named as examples are fine; more is the list the letter already gives.
MAX_NAMED = 3


class RussianListsIds(Check):
    """`explanation.ru` names more than three of the case's IDs: the letter lists every ID once, under its
    own heading, and the request refers to that list, so the explanation repeats it.

    Wrong: an explanation that copies all 21 posting numbers. Right: «21 отправление магазина было
    доставлено с опозданием», with the numbers left to the list.
    """

    code = Code.RUSSIAN_LISTS_IDS
    name = "russian-lists-ids"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        russian = ctx.case.explanation.russian() if ctx.case.explanation else []
        text = "\n".join(part for _, part in russian)
        ids = {value for values in ctx.case.affected.ids_by_kind().values() for value in values}
        named = [value for value in ids if len(value) >= 5 and value in text]
        if len(named) > MAX_NAMED:
            yield Hit(russian[0][0], params={"count": len(named)})
