"""C196: carrier and sync cases say the sales scheme, and a carrier case whose carrier it was."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class DeliveryRequired(Check):
    """An Ozon agent's first question on a carrier or sync case is the sales scheme and whose carrier
    it was: on FBS the handover is Ozon's own acceptance scan, on rFBS the seller's carrier's tracking
    counts. `carrier_failure` needs `delivery.scheme` and `delivery.carrier`, `sync_delay` needs
    `delivery.scheme`; the letter says them in one line after the notification. Other scenarios may
    give them.

    Wrong: a `carrier_failure` case with no `delivery:`; `delivery: {scheme: rFBS}` with no carrier.
    Right: `delivery: {scheme: rFBS, carrier: "SwiftRoute Logistics"}`; for `sync_delay`,
    `delivery: {scheme: FBS}`.
    """

    code = Code.DELIVERY_MISSING
    name = "delivery-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is None or not scenario.delivery_required:
            return
        delivery = ctx.case.delivery
        if delivery is None:
            yield Hit(("delivery",), params={"scenario": scenario.id})
        elif "carrier" in scenario.delivery_required and delivery.carrier is None:
            yield Hit(("delivery",), "carrier", {"scenario": scenario.id, "scheme": delivery.scheme})
