"""C195: a request about a metric names it the way Ozon does."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class MetricNamed(Check):
    """Where the scenario is about a metric (all but `misjudged_delisting` and `new_store_low_activity`),
    the request names it by Ozon's own name, so the agent knows what to recalculate. `notification.metric`
    holds Ozon's rating key (`rating_on_time`, as `pull` writes it) or the name in Russian as the
    notification shows it; the scenario's usual metric stands in when the case gives none.

    Wrong: a `sync_delay` case with no `notification.metric`; a key this tool has no Russian name for.
    Right: `metric: rating_shipment_delay`, or `metric: "доля отправлений с просрочкой отгрузки"`.
    """

    code = Code.METRIC_NOT_NAMED
    name = "metric-not-named"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is None or not scenario.metric_required:
            return
        given = (ctx.case.notification.metric or "").strip()
        if ctx.catalog.metric_ru(scenario, given) is not None:
            return
        if given:
            yield Hit(("notification", "metric"), "unknown", {"metric": given[:80]})
        else:  # an empty `metric: ""` (as `init` writes it) is pointed at; a missing one, its mapping
            where = (
                ("notification", "metric") if ctx.case.notification.metric is not None else ("notification",)
            )
            yield Hit(where, params={"scenario": scenario.id})
