"""Where each ticket stands and what the seller should do next, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ozon_urgent.ledger.queries import Ticket
from ozon_urgent.ledger.states import TicketState
from ozon_urgent.ledger.workdays import followup_due, working_days_passed

# next actions, in the order `status` lists them
FOLLOW_UP, FILE, WAIT, NONE = "follow_up", "file", "wait", "none"
_RANK = {FOLLOW_UP: 0, FILE: 1, WAIT: 2, NONE: 3}


@dataclass(frozen=True, slots=True)
class TicketStatus:
    ticket: Ticket
    state: TicketState
    action: str
    age_working_days: int | None  # full Russian working days since filing
    due_at: datetime | None  # when the next follow-up is allowed
    duplicate_until: datetime | None  # until then another ticket about these IDs would be archived

    def as_dict(self) -> dict[str, object]:
        t = self.ticket

        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else utc_iso(moment)

        return {
            "case_id": t.case_id,
            "client_id": t.client_id,
            "store_name": t.store_name,
            "scenario": t.scenario,
            "reference": t.reference,
            "state": self.state,
            "next_action": self.action,
            "filed_at": iso(t.filed_at),
            "age_working_days": self.age_working_days,
            "followup_due_at": iso(self.due_at),
            "duplicate_window_until": iso(self.duplicate_until),
            "followups": t.followups,
            "outcome": t.outcome,
            "outcome_note": t.outcome_note,
            "pack_path": t.pack_path or None,
        }


def utc_iso(moment: datetime) -> str:
    """`2026-11-20T07:00:00Z`: how `status --format json` writes an instant."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ticket_status(ticket: Ticket, now: datetime, *, followup_days: int, duplicate_hours: int) -> TicketStatus:
    if ticket.filed_at is None:
        return TicketStatus(ticket, TicketState.BUILT, FILE, None, None, None)
    age = working_days_passed(ticket.filed_at, now)
    window_end = ticket.filed_at + timedelta(hours=duplicate_hours)
    duplicate_until = window_end if window_end > now else None
    if ticket.outcome is not None:
        return TicketStatus(ticket, TicketState(ticket.outcome), NONE, age, None, duplicate_until)
    start = ticket.clock_start
    assert start is not None
    due = followup_due(start, followup_days)
    if due <= now:
        return TicketStatus(ticket, TicketState.FOLLOWUP_DUE, FOLLOW_UP, age, due, duplicate_until)
    return TicketStatus(ticket, TicketState.WAITING, WAIT, age, due, duplicate_until)


def ledger_status(
    tickets: list[Ticket], now: datetime, *, followup_days: int, duplicate_hours: int
) -> list[TicketStatus]:
    """Follow-ups due (most overdue first), packs not yet filed, tickets waiting (due soonest first), done."""
    items = [
        ticket_status(t, now, followup_days=followup_days, duplicate_hours=duplicate_hours) for t in tickets
    ]

    def urgency(item: TicketStatus) -> tuple[int, float, str]:
        t = item.ticket
        when = item.due_at or t.built_at or t.filed_at
        moment = when.timestamp() if when else 0.0
        if item.action == NONE and t.resolved_at is not None:
            moment = -t.resolved_at.timestamp()  # the latest answer first among the finished
        return _RANK[item.action], moment, t.case_id

    return sorted(items, key=urgency)
