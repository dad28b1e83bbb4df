"""How Ozon answered a ticket, the states `status` shows and its `--due` choices: listed once, for the
ledger and the CLI."""

from __future__ import annotations

from enum import StrEnum


class TicketOutcome(StrEnum):
    """How Ozon answered a filed ticket (`resolve --outcome`); a check's outcome is findings.Outcome."""

    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"


class TicketState(StrEnum):
    """Where a case stands: never built (only on disk), built, filed and waiting, a follow-up due, or
    answered (its outcome)."""

    NOT_BUILT = "not_built"
    BUILT = "built"
    WAITING = "waiting"
    FOLLOWUP_DUE = "followup_due"
    RESOLVED = TicketOutcome.RESOLVED.value
    REJECTED = TicketOutcome.REJECTED.value
    CLOSED = TicketOutcome.CLOSED.value


class Due(StrEnum):
    """`status --due`: cases past the appeal deadline, or with something to do by today or within seven
    days (today and the six after it), the overdue included; a follow-up is something to do from the day
    it is allowed, and never overdue."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
