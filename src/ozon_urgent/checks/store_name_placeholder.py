"""C204: the store name a `pull` draft leaves for the seller to fill in, still in the case."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.placeholders import STORE_NAME, is_store_name_placeholder
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class StoreNamePlaceholder(Check):
    """`seller.store_name` is still `TODO`, the placeholder `ozon-urgent pull` writes because the Seller API
    does not give the store's name as Seller Center shows it. Every other check accepts it as a name, and
    the Russian letter would introduce the store to the reviewer as «TODO».

    Wrong: `store_name: "TODO"` as the draft wrote it. Right: the name exactly as Seller Center shows it
    (Settings → Store), e.g. `store_name: Haoyun Auto Parts`.
    """

    code = Code.STORE_NAME_PLACEHOLDER
    name = "store-name-placeholder"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        # a check of its own, apart from C202: it reads `seller`, which an init skeleton leaves empty (S003),
        # and a check reading a refused field is set aside with all its findings
        if is_store_name_placeholder(ctx.case.seller.store_name):
            yield Hit(("seller", "store_name"), params={"name": STORE_NAME})
