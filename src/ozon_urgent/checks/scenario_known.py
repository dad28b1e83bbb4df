"""C100: the scenario is one of the eight."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class ScenarioKnown(Check):
    """`scenario` must be one of the eight ids that `ozon-urgent scenarios` lists.

    Fail: `scenario: carrier_delay`. Pass: `scenario: carrier_failure`. One ticket covers one scenario;
    a case that mixes two problems should become two case files.
    """

    code = Code.UNKNOWN_SCENARIO
    name = "unknown-scenario"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        value = ctx.case.scenario
        if value in ctx.catalog.scenarios or value.lower() in ctx.catalog.ineligible_scenarios:
            return
        close = difflib.get_close_matches(value, list(ctx.catalog.scenarios), n=1)
        yield Hit(
            ("scenario",), "guess" if close else "", {"value": value, "guess": close[0] if close else ""}
        )
