"""C101: intellectual-property penalties are not eligible for urgent review."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class ScenarioEligible(Check):
    """Intellectual-property, counterfeit and trademark penalties cannot be appealed as urgent review.

    They go through Ozon's separate IP complaint process; an urgent ticket about them is rejected and
    wastes the review. Wrong: `scenario: ip_infringement`. Right: file it through Ozon's IP complaint form.
    """

    code = Code.INELIGIBLE_SCENARIO
    name = "ineligible-scenario"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.scenario.lower() in ctx.catalog.ineligible_scenarios:
            yield Hit(("scenario",), params={"value": ctx.case.scenario})
