"""C102: a notification that reads like an IP penalty."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class NotificationLooksIp(Check):
    """The notification text mentions intellectual property, counterfeits or trademarks.

    Such penalties are not eligible for urgent review. If the notification is really about IP, use
    Ozon's IP complaint process instead; if not, ignore this warning. Wrong: «Товар нарушает права на
    товарный знак». Right: «Товары сняты с продажи из-за низкой доли заказов, доставленных вовремя».
    """

    code = Code.NOTIFICATION_LOOKS_IP
    name = "notification-looks-ip"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        text = (ctx.case.notification.text or "").lower()
        for word in ctx.catalog.ineligible_words:
            if word in text:
                yield Hit(("notification", "text"), params={"word": word})
                return
