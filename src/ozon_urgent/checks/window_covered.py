"""C150: the evidence covers the metric's whole rolling window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


def uncovered(window: tuple[date, date], spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of `window` that no span covers, in order."""
    gaps: list[tuple[date, date]] = []
    cursor, end = window
    for start, stop in sorted(spans):
        if stop < cursor:
            continue
        if start > end:
            break
        if start > cursor:
            gaps.append((cursor, start - timedelta(days=1)))
        cursor = max(cursor, stop + timedelta(days=1))
        if cursor > end:
            return gaps
    if cursor <= end:
        gaps.append((cursor, end))
    return gaps


class WindowCovered(Check):
    """Ozon computes the metric over a rolling window (30, 60 or 90 days) ending at the notification.

    The `covers` ranges (or `date`s) of the evidence together must span that whole window, not just the
    day of the appeal. Wrong: a `carrier_failure` case (60 days) whose evidence covers only the last two
    weeks. Right: add evidence for the missing days; if a file already attached really covers them, widen its
    `covers` to match.
    `ozon-urgent.toml` can change the window per scenario (`[windows]`) and per metric (`[metric_windows]`,
    which wins when the case names its metric).
    """

    code = Code.WINDOW_NOT_COVERED
    name = "window-not-covered"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        days = ctx.window_days
        if not days:
            return
        received = ctx.case.notification.received
        window = (received - timedelta(days=days), received - timedelta(days=1))
        spans = [span for item in ctx.case.evidence if (span := item.span()) is not None]
        for start, end in uncovered(window, spans):
            yield Hit(
                ("evidence",),
                params={
                    "days": days,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "window_start": window[0].isoformat(),
                    "window_end": window[1].isoformat(),
                },
            )
