"""`status`'s one view of every deadline: a row per case, on disk or in the ledger, most urgent first.

A row joins a case file found on disk with the ledger's ticket of the same (Client ID, case_id). Its
date is the day its next action turns on: while it is not filed, a deadline, the appeal deadline (the
notification's day plus the policy's `appeal_window_days`, the last day C160 stays quiet), which a case
can be late for; once it is filed, the first day a follow-up is allowed, which nothing is late for: from
then on the seller may follow up; none once Ozon has answered.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ozon_urgent.ledger.queries import PastReference
from ozon_urgent.ledger.states import Due, TicketState
from ozon_urgent.ledger.status import FILE, FOLLOW_UP, NONE, WAIT, TicketStatus
from ozon_urgent.ledger.workdays import moscow_day

# Next actions of cases the ledger does not know: build it, or check it first (it cannot be read).
BUILD, CHECK = "build", "check"
_RANK = {FOLLOW_UP: 0, FILE: 1, BUILD: 2, CHECK: 3, WAIT: 4, NONE: 5}
_WEEK = timedelta(days=6)  # "this week": today and the six days after it


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case: its identity, where it stands, its dates and the command that moves it on."""

    client_id: str | None  # None: the case file cannot be read far enough to name its store
    store_name: str | None
    case_id: str
    case_file: str | None  # as a command takes it; None for a ticket recorded before the ledger kept it
    scenario: str | None
    state: TicketState
    action: str
    notified: date | None  # notification.received
    appeal_deadline: date | None
    status: TicketStatus | None = None  # the ledger's view; None for a case never built
    history: tuple[PastReference, ...] = ()

    @property
    def deadline(self) -> date | None:
        if self.status is None or self.state is TicketState.BUILT:
            return self.appeal_deadline if self.action != NONE else None
        due = self.status.due_at
        return None if due is None else moscow_day(due)

    @property
    def followup_date(self) -> bool:
        """Whether `deadline` is the day a follow-up becomes allowed, not a deadline one can miss."""
        return self.deadline is not None and self.status is not None and self.state is not TicketState.BUILT

    def due_in(self, today: date) -> int | None:
        """Days until the deadline (negative: past it), or None without one."""
        deadline = self.deadline
        return None if deadline is None else (deadline - today).days

    def command(self, ledger: str | None = None, reference: str = "<Reference ID>") -> str | None:
        """The exact command for the next action; `ledger`: the --ledger the commands must name;
        `reference`: what stands for the Reference ID the seller has yet to get (the reader's words)."""
        file = shlex.quote(self.case_file) if self.case_file else "CASE"
        words = {
            BUILD: ["build", file],
            CHECK: ["check", file],
            FILE: ["record", file, "--ref", reference],
            FOLLOW_UP: ["followup", file],
            WAIT: ["followup", file],
        }.get(self.action)
        if words is None:
            return None
        if ledger and self.action != CHECK:
            words += ["--ledger", shlex.quote(ledger)]
        return " ".join(["ozon-urgent", *words])


def appeal_deadline(notified: date | None, window_days: int) -> date | None:
    """The last day of the appeal window: C160 warns from the day after it."""
    return None if notified is None else notified + timedelta(days=window_days)


def by_urgency(rows: Iterable[CaseRow]) -> list[CaseRow]:
    """The earliest deadline first (the overdue ones lead); rows without one after, actions before the
    finished."""

    def key(row: CaseRow) -> tuple[bool, date, int, str, str]:
        deadline = row.deadline
        return deadline is None, deadline or date.max, _RANK[row.action], row.client_id or "", row.case_id

    return sorted(rows, key=key)


def is_due(row: CaseRow, due: Due, today: date) -> bool:
    """`--due overdue`: past a deadline; `today`: something to do by today, the overdue included; `week`:
    by the sixth day from today, the overdue included. A follow-up is something to do from the day it is
    allowed, but never overdue: nothing is late once a ticket is filed."""
    days = row.due_in(today)
    if days is None or (due is Due.OVERDUE and row.followup_date):
        return False
    limit = {Due.OVERDUE: -1, Due.TODAY: 0, Due.WEEK: _WEEK.days}[due]
    return days <= limit


def is_store(row: CaseRow, wanted: str) -> bool:
    """`--store`: the Client ID, or the store's name whatever its case and spacing."""
    value = " ".join(wanted.split()).casefold()
    name = " ".join((row.store_name or "").split()).casefold()
    return bool(value) and (row.client_id == wanted.strip() or name == value)


@dataclass(slots=True)
class Totals:
    """How many cases a store (or all of them) has: by deadline, follow-ups allowed, and by state."""

    cases: int = 0
    overdue: int = 0  # past a deadline (the appeal window): a follow-up allowed is never late
    due_today: int = 0
    due_week: int = 0  # after today, within the six days after it
    followup_open: int = 0  # a follow-up allowed by today
    states: Counter[str] = field(default_factory=Counter)

    def add(self, row: CaseRow, today: date) -> None:
        self.cases += 1
        self.states[row.state.value] += 1
        days = row.due_in(today)
        if days is None:
            return
        if row.followup_date:
            self.followup_open += 1 if days <= 0 else 0
        elif days < 0:
            self.overdue += 1
        elif days == 0:
            self.due_today += 1
        elif days <= _WEEK.days:
            self.due_week += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "cases": self.cases,
            "overdue": self.overdue,
            "due_today": self.due_today,
            "due_within_week": self.due_week,
            "followup_open": self.followup_open,
            "states": {state.value: self.states[state.value] for state in TicketState},
        }


def store_totals(rows: Sequence[CaseRow], today: date) -> dict[tuple[str, str], Totals]:
    """Totals per store, keyed (Client ID, name), by name; an unreadable case's under ("", ""). A store is
    its Client ID: cases giving it different names are counted together, under the name most of them
    give (`store_names` lists them all)."""
    names = {client: given[0] for client, given in store_names(rows).items()}
    totals: dict[tuple[str, str], Totals] = {}
    for row in rows:
        client = row.client_id or ""
        totals.setdefault((client, names.get(client, "")), Totals()).add(row, today)
    return dict(sorted(totals.items(), key=lambda item: (item[0][1].casefold(), item[0][0])))


def store_names(rows: Sequence[CaseRow]) -> dict[str, list[str]]:
    """Every name each store's cases give it (spaces collapsed), the most given first (the first seen on
    a tie): more than one is a slip the seller should know of (B012 in `check`)."""
    given: dict[str, Counter[str]] = {}
    for row in rows:
        name = " ".join((row.store_name or "").split())
        if row.client_id and name:
            given.setdefault(row.client_id, Counter())[name] += 1
    return {client: [name for name, _ in counts.most_common()] for client, counts in given.items()}


def overall(rows: Sequence[CaseRow], today: date) -> Totals:
    total = Totals()
    for row in rows:
        total.add(row, today)
    return total
