"""C193: the store's name, which the Russian letter quotes, in Chinese characters or with emoji."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.russian_text import CJK
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code
from ozon_urgent.russian_gate.emoji import find_emoji


class StoreNameReadable(Check):
    """`seller.store_name` holds Chinese characters or emoji: the letter quotes it, and the reviewer matches
    it against the store's name in Ozon's records, which is Latin or Cyrillic.

    Wrong: `store_name: 好运汽配` or `store_name: "Haoyun 🚗"`. Right: the name exactly as Seller Center
    shows it (Settings → Store), e.g. `store_name: Haoyun Auto Parts`.
    """

    code = Code.STORE_NAME_READABLE
    name = "store-name-readable"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        name = ctx.case.seller.store_name
        if CJK.search(name) or find_emoji(name):
            yield Hit(("seller", "store_name"), params={"name": name})
