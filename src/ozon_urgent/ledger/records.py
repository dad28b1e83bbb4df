"""Writing the ledger: a built pack, a filing with its Reference ID, an outcome, a follow-up.

Each function is one write transaction; the duplicate guard runs inside it, so two processes filing
overlapping tickets at once cannot both pass it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from ozon_urgent.ledger.errors import DuplicateTicketError, LedgerRefusedError
from ozon_urgent.ledger.queries import Ticket, find_conflict, get_ticket, id_set, ticket_by_reference
from ozon_urgent.ledger.store import Store

OUTCOMES = ("resolved", "rejected", "closed")


def record_pack(
    store: Store,
    *,
    case_id: str,
    client_id: str,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    case_sha256: str,
    attachments: Sequence[tuple[str, str]],
    pack_path: str,
    now: datetime,
    source_sha256s: Sequence[str] = (),
    duplicate_hours: int = 72,
) -> Ticket:
    """Note a built pack (not yet filed). Raises DuplicateTicketError when a filed ticket overlaps it.

    A case rebuilt before filing replaces its earlier build; once filed, the ticket's record is what
    Ozon has, so a rebuild leaves it unchanged (new evidence goes into a follow-up).
    """
    with store.write():
        conflict = find_conflict(
            store, client_id, scenario, ids, now, exclude_case=case_id, duplicate_hours=duplicate_hours
        )
        if conflict is not None:
            raise DuplicateTicketError(conflict, case_id)
        existing = get_ticket(store, case_id)
        if existing is not None and existing.filed_at is not None:
            return existing
        if existing is None:
            store.execute(
                "INSERT INTO tickets (case_id, client_id, scenario, case_sha256, pack_path, built_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, client_id, scenario, case_sha256, pack_path, store.ts(now)),
            )
        else:
            store.execute(
                "UPDATE tickets SET client_id = ?, scenario = ?, case_sha256 = ?, pack_path = ?, built_at = ?"
                " WHERE id = ?",
                (client_id, scenario, case_sha256, pack_path, store.ts(now), existing.id),
            )
        ticket = _must(store, case_id)
        _replace_contents(store, ticket.id, ids, attachments, source_sha256s)
        return _must(store, case_id)


def record_filing(
    store: Store,
    *,
    case_id: str,
    client_id: str,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    case_sha256: str,
    sources: Sequence[tuple[str, str]],
    reference: str,
    filed_at: datetime,
    duplicate_hours: int = 72,
) -> tuple[Ticket, bool]:
    """Note that the seller filed the case under `reference`; (ticket, False) if it was already noted.

    A case never built is recorded from the case file: its IDs and its evidence files' SHA-256s.
    """
    with store.write():
        existing = get_ticket(store, case_id)
        if existing is not None and existing.reference is not None:
            if existing.reference == reference:
                return existing, False
            raise LedgerRefusedError(
                "other_reference", case=case_id, reference=existing.reference, new=reference
            )
        owner = ticket_by_reference(store, reference)
        if owner is not None:
            raise LedgerRefusedError("reference_taken", reference=reference, case=owner.case_id)
        conflict = find_conflict(
            store, client_id, scenario, ids, filed_at, exclude_case=case_id, duplicate_hours=duplicate_hours
        )
        if conflict is not None:
            raise DuplicateTicketError(conflict, case_id)
        if existing is None:
            store.execute(
                "INSERT INTO tickets"
                " (case_id, client_id, scenario, case_sha256, pack_path, reference, filed_at)"
                " VALUES (?, ?, ?, ?, '', ?, ?)",
                (case_id, client_id, scenario, case_sha256, reference, store.ts(filed_at)),
            )
            ticket = _must(store, case_id)
            _replace_contents(store, ticket.id, ids, (), [sha for _, sha in sources], names=sources)
        else:
            store.execute(
                "UPDATE tickets SET reference = ?, filed_at = ? WHERE id = ?",
                (reference, store.ts(filed_at), existing.id),
            )
        return _must(store, case_id), True


def record_outcome(store: Store, case_id: str, outcome: str, note: str | None, now: datetime) -> Ticket:
    """Note how Ozon answered; a later answer replaces an earlier one."""
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    with store.write():
        ticket = get_ticket(store, case_id)
        if ticket is None or ticket.reference is None:
            raise LedgerRefusedError("not_recorded", case=case_id)
        store.execute(
            "UPDATE tickets SET outcome = ?, outcome_note = ?, resolved_at = ? WHERE id = ?",
            (outcome, note, store.ts(now), ticket.id),
        )
        return _must(store, case_id)


def record_followup(
    store: Store,
    *,
    ticket: Ticket,
    number: int,
    new_ids: Sequence[tuple[str, str]],
    attachments: Sequence[tuple[str, str]],
    pack_path: str,
    now: datetime,
) -> None:
    """Note follow-up `number`: its IDs and attachments count as sent from now on."""
    with store.write():
        current = _must(store, ticket.case_id)
        if current.followups + 1 != number or current.outcome is not None:
            raise LedgerRefusedError("followup_changed", case=ticket.case_id)
        store.execute(
            "INSERT INTO followups (ticket_id, number, created_at, pack_path) VALUES (?, ?, ?, ?)",
            (ticket.id, number, store.ts(now), pack_path),
        )
        for kind, value in new_ids:
            store.execute(
                "INSERT INTO ticket_ids (ticket_id, kind, value, followup) VALUES (?, ?, ?, ?)",
                (ticket.id, kind, value, number),
            )
        for name, sha in attachments:
            store.execute(
                "INSERT INTO evidence (ticket_id, name, sha256, role, followup) VALUES (?, ?, ?, ?, ?)",
                (ticket.id, name, sha, "attachment", number),
            )


def _replace_contents(
    store: Store,
    ticket_id: int,
    ids: Mapping[str, Sequence[object]],
    attachments: Sequence[tuple[str, str]],
    source_sha256s: Sequence[str],
    names: Sequence[tuple[str, str]] = (),
) -> None:
    store.execute("DELETE FROM ticket_ids WHERE ticket_id = ?", (ticket_id,))
    store.execute("DELETE FROM evidence WHERE ticket_id = ?", (ticket_id,))
    for kind, value in sorted(id_set(ids)):
        store.execute(
            "INSERT INTO ticket_ids (ticket_id, kind, value, followup) VALUES (?, ?, ?, 0)",
            (ticket_id, kind, value),
        )
    source_names = dict((sha, name) for name, sha in names)
    rows = [(name, sha, "attachment") for name, sha in attachments]
    rows += [(source_names.get(sha, ""), sha, "source") for sha in source_sha256s]
    for name, sha, role in rows:
        store.execute(
            "INSERT INTO evidence (ticket_id, name, sha256, role, followup) VALUES (?, ?, ?, ?, 0)",
            (ticket_id, name, sha, role),
        )


def _must(store: Store, case_id: str) -> Ticket:
    ticket = get_ticket(store, case_id)
    assert ticket is not None  # written in this transaction
    return ticket
