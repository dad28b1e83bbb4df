"""C153: a `period` or `covers` still counted from another `received` than the case's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ozon_urgent.casefile.model import DateRange
from ozon_urgent.casefile.skeleton import proposed_span
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import FieldPath, Severity
from ozon_urgent.findings.codes import Code


class DatesFollowReceived(Check):
    """`init` fills in `notification.received` with the day it runs and counts `period` and every
    `covers` from it: the N days before that day (the metric's window, or 30 days where the scenario has
    none). A seller who then corrects `received` to the day the notification really came must move those
    ranges with it; left as they were, they run past the notification, and the window C150 judges is
    counted from one day while the ranges are counted from another.

    Reported for a range exactly N days long that ends on or after `received`: the shape `init` writes,
    counted from a later day. Wrong: `received: 2026-11-20` with `covers: {from: 2026-09-27, to:
    2026-11-25}` (the 60 days before 2026-11-26, the day `init` ran). Right: the days the file really
    covers; for the whole window, `{from: 2026-09-21, to: 2026-11-19}`.
    """

    code = Code.DATES_FROM_ANOTHER_RECEIVED
    name = "dates-from-another-received"
    severity = Severity.WARNING

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        if ctx.scenario is None:
            return
        window = ctx.window_days
        received = ctx.case.notification.received
        ranges: list[tuple[FieldPath, str, DateRange | None]] = [(("period",), "period", ctx.case.period)]
        ranges += [
            (("evidence", index, "covers"), "", item.covers if isinstance(item.covers, DateRange) else None)
            for index, item in enumerate(ctx.case.evidence)
        ]
        start, end = proposed_span(received, window)
        for path, variant, span in ranges:
            counted = _counted_from(span, window)
            if span is None or counted is None or counted <= received:
                continue
            days = {"start": span.start, "end": span.end, "counted": counted, "received": received}
            window_days = {"window_start": start, "window_end": end}
            yield Hit(
                path, variant, params={**_iso(days), **_iso(window_days), "days": (counted - span.start).days}
            )


def _counted_from(span: DateRange | None, window: int | None) -> date | None:
    """The day `init` would have counted `span` from, when it has the shape `init` writes."""
    if span is None:
        return None
    counted = span.end + timedelta(days=1)
    return counted if proposed_span(counted, window) == (span.start, span.end) else None


def _iso(days: dict[str, date]) -> dict[str, object]:
    return {name: day.isoformat() for name, day in days.items()}
