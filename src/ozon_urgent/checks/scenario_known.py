"""C100: the scenario is one of the eight."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.catalog import guess_scenario
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class ScenarioKnown(Check):
    """`scenario` must be one of the eight ids that `ozon-urgent scenarios` lists.

    Wrong: `scenario: carrier_delay`. Right: `scenario: carrier_failure`. One ticket covers one scenario;
    a case that mixes two problems should become two case files.
    """

    code = Code.UNKNOWN_SCENARIO
    name = "unknown-scenario"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        value = ctx.case.scenario
        if value in ctx.catalog.scenarios or value.lower() in ctx.catalog.ineligible_scenarios:
            return
        guess = guess_scenario(value, ctx.catalog)
        yield Hit(("scenario",), "guess" if guess else "", {"value": value, "guess": guess or ""})
