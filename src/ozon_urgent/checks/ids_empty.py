"""C121: no IDs at all where the scenario can do without them."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class IdsEmpty(Check):
    """No affected IDs are listed. The scenario allows it, but a reviewer works faster with examples.

    Wrong: a `response_time_penalty` case with an empty `affected`. Right: list the postings or chats
    the penalty counted, e.g. `postings: ["57195475-0050-3"]`.
    """

    code = Code.IDS_EMPTY
    name = "ids-empty"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is not None and scenario.ids_mode == "warn_if_empty" and ctx.case.affected.total() == 0:
            yield Hit(("affected",))
