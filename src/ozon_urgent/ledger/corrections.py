"""Correcting a filing recorded wrong (`record --amend`): the Reference ID replaced, the old one kept.

A Reference ID typed wrong would otherwise stay on the ticket for good: every follow-up comment quotes
it, and `record` refuses a second one (a second ticket about one problem is a duplicate). The correction
is one write transaction: the ID (and filing time) the ticket had go into `reference_history`, the
ticket takes the new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ozon_urgent.ledger.errors import LedgerRefusedError
from ozon_urgent.ledger.queries import Ticket, get_ticket, ticket_by_reference
from ozon_urgent.ledger.records import CaseKey, ticket_must
from ozon_urgent.ledger.store import Ledger


@dataclass(frozen=True, slots=True)
class Amended:
    """The ticket after the correction, and what it was recorded as before (None: nothing changed)."""

    ticket: Ticket
    old_reference: str | None
    old_filed_at: datetime | None


def amend_filing(
    store: Ledger, key: CaseKey, reference: str, filed_at: datetime | None, now: datetime
) -> Amended:
    """Give the filed ticket of `key` the Reference ID `reference` (and the filing time `filed_at`, when
    given); the previous ones are kept in its history. Refused (exit 1) for a case not recorded yet, or
    a Reference ID another case holds."""
    with store.write():
        ticket = get_ticket(store, key.client_id, key.case_id)
        if ticket is None or ticket.reference is None or ticket.filed_at is None:
            raise LedgerRefusedError("amend_not_recorded", case=key.case_id, file=key.case_file)
        new_filed_at = filed_at or ticket.filed_at
        if ticket.reference == reference and new_filed_at == ticket.filed_at:
            return Amended(ticket, None, None)
        if ticket.reference != reference:
            owner = ticket_by_reference(store, reference)
            if owner is not None:
                raise LedgerRefusedError("reference_taken", reference=reference, case=owner.case_id)
        store.execute(
            "INSERT INTO reference_history (ticket_id, reference, filed_at, replaced_at, replaced_by)"
            " VALUES (?, ?, ?, ?, ?)",
            (ticket.id, ticket.reference, store.ts(ticket.filed_at), store.ts(now), reference),
        )
        store.execute(
            "UPDATE tickets SET reference = ?, filed_at = ? WHERE id = ?",
            (reference, store.ts(new_filed_at), ticket.id),
        )
        return Amended(ticket_must(store, key.client_id, key.case_id), ticket.reference, ticket.filed_at)
