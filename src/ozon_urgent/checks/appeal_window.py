"""C160: the notification is older than the appeal window."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class AppealWindow(Check):
    """File within 7 days of the notification (policy `appeal_window_days`); later appeals fare worse.

    This is a warning: you can still file, but say in the explanation why it took longer. Once the
    ticket is filed (a `filed:` block in the case file, or the ledger's record of it when `check` or
    `build` reads one) the window is no longer judged: nothing is left
    to hurry, and a kept case must not start failing `--strict` as the days pass.
    """

    code = Code.APPEAL_WINDOW_PASSED
    name = "appeal-window-passed"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.filed:
            return
        age = (ctx.today - ctx.case.notification.received).days
        if age > ctx.policy.appeal_window_days:
            yield Hit(
                ("notification", "received"), params={"days": age, "limit": ctx.policy.appeal_window_days}
            )
