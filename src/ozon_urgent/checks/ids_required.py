"""C120: the affected IDs the scenario needs are listed."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity, Worded
from ozon_urgent.findings.codes import Code


class IdsRequired(Check):
    """Every scenario names what Ozon must look at: postings, or SKUs / product IDs / offer IDs.

    Ozon never reviews "all products". Wrong: a `carrier_failure` case with no `affected.postings`.
    Right: `postings: ["57195475-0050-3", "57195475-0051-1"]`.
    """

    code = Code.IDS_MISSING
    name = "ids-missing"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        scenario = ctx.scenario
        if scenario is None or scenario.ids_mode == "warn_if_empty":
            return
        affected = ctx.case.affected
        present = [name for name in scenario.ids if getattr(affected, name)]
        if scenario.ids_mode == "all":
            for name in scenario.ids:
                if name in present:
                    continue
                if name == "postings":
                    # where to find them, and where a seller who knows only SKUs should turn
                    taking_skus = [key for key, other in ctx.catalog.scenarios.items() if "skus" in other.ids]
                    params: dict[str, object] = {"list": name, "sku_scenarios": ", ".join(taking_skus)}
                    yield Hit(("affected", name), "all_postings", params)
                else:
                    yield Hit(("affected", name), "all", {"list": name})
        elif not present:
            lists = Worded(*(ctx.catalog.glossed("id_kinds", scenario.ids, lang) for lang in ("en", "zh")))
            yield Hit(("affected",), "any", {"lists": lists})
