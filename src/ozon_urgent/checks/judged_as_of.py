"""C162: the case is judged as of its own `as_of` day, not today; an `as_of` after today is an error."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class JudgedAsOf(Check):
    """`as_of` fixes the day the case's dates are judged on: the appeal window (C160), stale evidence
    (C151) and dates in the future (C141, C152, C161) follow that day, not the day of the run, and
    `--today` does not change it. That keeps an example, or a case already filed and kept in a
    repository, giving the same verdict on any date.

    A note, not a failure, while `as_of` is today or earlier: it is there so that an `as_of` copied
    from an example into a live case is seen. A case you are about to file needs no `as_of`, so that it
    gets its deadline warnings. An `as_of` after today (`--today` or the clock) is an error: a day that
    has not come yet would hide the warnings every date check owes the case.
    Wrong: `as_of: 2026-11-26` (a note), or a day after today (an error). Right: no `as_of`.
    """

    code = Code.JUDGED_AS_OF
    name = "judged-as-of"
    severity = Severity.INFO
    error_variants = frozenset({"future"})

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        as_of = ctx.case.as_of
        if as_of is None:
            return
        if ctx.run_today is not None and as_of > ctx.run_today:
            yield Hit(
                ("as_of",), "future", params={"as_of": as_of.isoformat(), "today": ctx.run_today.isoformat()}
            )
            return
        yield Hit(("as_of",), params={"as_of": as_of.isoformat()})
