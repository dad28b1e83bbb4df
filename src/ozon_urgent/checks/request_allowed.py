"""C110: the case states one explicit request that fits its scenario."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity, Worded
from ozon_urgent.findings.codes import Code


class RequestAllowed(Check):
    """`request` must name what you ask Ozon to do, and it must be one the scenario allows.

    A ticket that only says "please handle ASAP" gets a generic answer. Wrong: no `request`, or
    `request: lift_restriction` in a `carrier_failure` case. Right: `request: exclude_period`.
    """

    code = Code.REQUEST_NOT_ALLOWED
    name = "request"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is None:
            return
        glossed = ctx.catalog.glossed
        allowed = Worded(*(glossed("requests", scenario.requests, lang) for lang in ("en", "zh")))
        if not ctx.case.request:
            yield Hit(("request",), "missing", {"allowed": allowed})
        elif ctx.case.request not in scenario.requests:
            yield Hit(
                ("request",),
                "not_allowed",
                {"value": ctx.case.request, "scenario": scenario.id, "allowed": allowed},
            )
