"""How Ozon answered a ticket, and the states `status` shows: listed once, for the ledger and the CLI."""

from __future__ import annotations

from enum import StrEnum


class TicketOutcome(StrEnum):
    """How Ozon answered a filed ticket (`resolve --outcome`); a check's outcome is findings.Outcome."""

    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"


class TicketState(StrEnum):
    """Where a ticket stands: built, filed and waiting, a follow-up due, or answered (its outcome)."""

    BUILT = "built"
    WAITING = "waiting"
    FOLLOWUP_DUE = "followup_due"
    RESOLVED = TicketOutcome.RESOLVED.value
    REJECTED = TicketOutcome.REJECTED.value
    CLOSED = TicketOutcome.CLOSED.value
