"""C161: the notification date is in the future."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class NotificationInFuture(Check):
    """`notification.received` is after today, so every window computed from it is wrong.

    Wrong: `received: 2027-11-20` on a case checked in 2026. Right: the date the notification arrived.
    """

    code = Code.NOTIFICATION_IN_FUTURE
    name = "notification-in-future"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.case.notification.received > ctx.today:
            yield Hit(
                ("notification", "received"),
                ctx.today_variant,
                params={"date": ctx.case.notification.received.isoformat(), "as_of": ctx.today.isoformat()},
            )
