"""Writing the ledger: a built pack, a filing with its Reference ID, an outcome, a follow-up.

Each function is one write transaction; the duplicate guard runs inside it, so two processes filing
overlapping tickets at once cannot both pass it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from ozon_urgent.ledger.errors import DuplicateTicketError, FiledMeanwhileError, LedgerRefusedError
from ozon_urgent.ledger.queries import (
    Ticket,
    find_conflict,
    get_ticket,
    id_set,
    ticket_by_reference,
    tickets_of_case_file,
)
from ozon_urgent.ledger.states import TicketOutcome
from ozon_urgent.ledger.store import Ledger


@dataclass(frozen=True, slots=True)
class CaseKey:
    """Which ticket a case is: one seller's case_id, the store's name, the case file (absolute)."""

    client_id: str
    case_id: str
    store_name: str
    case_file: str


@dataclass(frozen=True, slots=True)
class BuiltPack:
    """What the ledger notes of a built pack."""

    key: CaseKey
    scenario: str
    ids: Mapping[str, Sequence[object]]
    case_sha256: str
    attachments: Sequence[tuple[str, str]]  # (name in the pack, SHA-256)
    pack_path: str
    sources: Sequence[str] = ()  # SHA-256 of each evidence file as the seller has it, before --fix


@contextmanager
def recording_pack(store: Ledger, pack: BuiltPack, now: datetime, duplicate_hours: int) -> Iterator[Ticket]:
    """Note a built pack (not yet filed) in a write transaction that commits when the block ends: the
    caller puts the pack in place inside the block, so the row and the pack come together, and if the
    block raises, no row is written. Raises DuplicateTicketError, before anything is written, when a filed
    ticket overlaps it.

    A case rebuilt before filing replaces its earlier build. Once filed, the ticket's record is what
    Ozon has and its pack the record of what was filed: FiledMeanwhileError, before anything is written
    (`build` tells a filed case before it starts; this holds when `record` ran in between). A case
    rebuilt under another Client ID drops the unfiled row of its old one.
    """
    key = pack.key
    with store.write():
        existing = get_ticket(store, key.client_id, key.case_id)
        if existing is not None and existing.filed_at is not None:
            raise FiledMeanwhileError(existing, key.case_id)
        _refuse_duplicate(store, key, pack.scenario, pack.ids, now, duplicate_hours)
        _write_build(store, key, existing, pack.scenario, pack.case_sha256, pack.pack_path, now)
        ticket = _must(store, key)
        _replace_contents(store, ticket.id, pack.ids, pack.attachments, pack.sources)
        yield _must(store, key)


def record_pack(store: Ledger, pack: BuiltPack, now: datetime, duplicate_hours: int) -> Ticket:
    """`recording_pack` with nothing to put in place inside it."""
    with recording_pack(store, pack, now, duplicate_hours) as ticket:
        return ticket


def _write_build(
    store: Ledger,
    key: CaseKey,
    existing: Ticket | None,
    scenario: str,
    case_sha256: str,
    pack_path: str,
    now: datetime,
) -> None:
    for stale in tickets_of_case_file(store, key.case_file):
        if stale.client_id != key.client_id and stale.filed_at is None:
            store.execute("DELETE FROM ticket_ids WHERE ticket_id = ?", (stale.id,))
            store.execute("DELETE FROM evidence WHERE ticket_id = ?", (stale.id,))
            store.execute("DELETE FROM tickets WHERE id = ?", (stale.id,))
    if existing is None:
        _insert_ticket(store, key, scenario, case_sha256, pack_path=pack_path, built_at=store.ts(now))
        return
    store.execute(
        "UPDATE tickets SET store_name = ?, case_file = ?, scenario = ?, case_sha256 = ?, pack_path = ?,"
        " built_at = ? WHERE id = ?",
        (key.store_name, key.case_file, scenario, case_sha256, pack_path, store.ts(now), existing.id),
    )


def _insert_ticket(store: Ledger, key: CaseKey, scenario: str, case_sha256: str, **columns: object) -> None:
    """A new row for the case: its identity, and what built it (`pack_path`, `built_at`) or filed it."""
    row: dict[str, object] = {
        "case_id": key.case_id,
        "client_id": key.client_id,
        "store_name": key.store_name,
        "case_file": key.case_file,
        "scenario": scenario,
        "case_sha256": case_sha256,
        **columns,
    }
    names, marks = ", ".join(row), ", ".join("?" for _ in row)
    store.execute(f"INSERT INTO tickets ({names}) VALUES ({marks})", tuple(row.values()))


def record_filing(
    store: Ledger,
    key: CaseKey,
    *,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    case_sha256: str,
    sources: Sequence[tuple[str, str]],
    reference: str,
    filed_at: datetime,
    duplicate_hours: int,
) -> tuple[Ticket, bool]:
    """Note that the seller filed the case under `reference`; (ticket, False) if it was already noted.

    A case never built is recorded from the case file: its IDs and its evidence files' SHA-256s. A case
    built under another Client ID than it names now is refused: rebuild it first, so the pack that was
    filed and the row agree.
    """
    with store.write():
        existing = get_ticket(store, key.client_id, key.case_id)
        if existing is not None and existing.reference == reference:
            return existing, False
        _refuse_filing(store, key, existing, reference)
        _refuse_duplicate(store, key, scenario, ids, filed_at, duplicate_hours)
        if existing is None:
            _insert_filing(store, key, scenario, ids, case_sha256, sources, reference, filed_at)
        else:
            store.execute(
                "UPDATE tickets SET reference = ?, filed_at = ? WHERE id = ?",
                (reference, store.ts(filed_at), existing.id),
            )
        return _must(store, key), True


def _refuse_filing(store: Ledger, key: CaseKey, existing: Ticket | None, reference: str) -> None:
    """A second Reference ID for one ticket, a case built for another seller, a Reference ID taken."""
    if existing is not None and existing.reference is not None:
        raise LedgerRefusedError(
            "other_reference",
            case=key.case_id,
            reference=existing.reference,
            new=reference,
            file=key.case_file,
        )
    if existing is None:
        _refuse_changed_client(store, key)
    owner = ticket_by_reference(store, reference)
    if owner is not None:
        raise LedgerRefusedError("reference_taken", reference=reference, case=owner.case_id)


def _refuse_duplicate(
    store: Ledger,
    key: CaseKey,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    at: datetime,
    duplicate_hours: int,
) -> None:
    """Ozon archives a second ticket about the same IDs inside the window: the first takes a comment."""
    conflict = find_conflict(
        store,
        key.client_id,
        scenario,
        ids,
        at,
        exclude_case=key.case_id,
        duplicate_hours=duplicate_hours,
    )
    if conflict is not None:
        raise DuplicateTicketError(conflict, key.case_id)


def _insert_filing(
    store: Ledger,
    key: CaseKey,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    case_sha256: str,
    sources: Sequence[tuple[str, str]],
    reference: str,
    filed_at: datetime,
) -> None:
    """A case filed without a build, from its case file: its IDs, its evidence files as sources."""
    _insert_ticket(
        store,
        key,
        scenario,
        case_sha256,
        pack_path="",
        reference=reference,
        filed_at=store.ts(filed_at),
    )
    ticket = _must(store, key)
    _replace_contents(store, ticket.id, ids, (), [sha for _, sha in sources], names=sources)


def _refuse_changed_client(store: Ledger, key: CaseKey) -> None:
    """This case file was built for another seller and never rebuilt: its pack names the old Client ID."""
    for other in tickets_of_case_file(store, key.case_file):
        if other.client_id != key.client_id and other.filed_at is None:
            raise LedgerRefusedError(
                "client_changed", case=key.case_id, built=other.client_id, now=key.client_id
            )


def record_outcome(
    store: Ledger, client_id: str, case_id: str, outcome: TicketOutcome, note: str | None, now: datetime
) -> Ticket:
    """Note how Ozon answered; a later answer replaces an earlier one."""
    outcome = TicketOutcome(outcome)  # ValueError for anything else
    with store.write():
        ticket = get_ticket(store, client_id, case_id)
        if ticket is None or ticket.reference is None:
            raise LedgerRefusedError("not_recorded", case=case_id)
        store.execute(
            "UPDATE tickets SET outcome = ?, outcome_note = ?, resolved_at = ? WHERE id = ?",
            (outcome.value, note, store.ts(now), ticket.id),
        )
        return ticket_must(store, client_id, case_id)


@dataclass(frozen=True, slots=True)
class FollowupRecord:
    """What the ledger notes of follow-up `number` to a ticket: its IDs and attachments count as sent
    from then on. `sources` are the seller's own files behind `--fix` copies (name in the pack, SHA-256),
    so the next follow-up knows them too."""

    ticket: Ticket
    number: int
    new_ids: Sequence[tuple[str, str]]
    attachments: Sequence[tuple[str, str]]
    pack_path: str
    sources: Sequence[tuple[str, str]] = ()


@contextmanager
def recording_followup(store: Ledger, followup: FollowupRecord, now: datetime) -> Iterator[None]:
    """Note a follow-up in a write transaction that commits when the block ends, as `recording_pack`
    does; refused when the ticket has had another follow-up or an outcome since it was read."""
    ticket, number = followup.ticket, followup.number
    with store.write():
        current = ticket_must(store, ticket.client_id, ticket.case_id)
        if current.followups + 1 != number or current.outcome is not None:
            raise LedgerRefusedError("followup_changed", case=ticket.case_id)
        store.execute(
            "INSERT INTO followups (ticket_id, number, created_at, pack_path) VALUES (?, ?, ?, ?)",
            (ticket.id, number, store.ts(now), followup.pack_path),
        )
        for kind, value in followup.new_ids:
            store.execute(
                "INSERT INTO ticket_ids (ticket_id, kind, value, followup) VALUES (?, ?, ?, ?)",
                (ticket.id, kind, value, number),
            )
        rows = [(name, sha, "attachment") for name, sha in followup.attachments]
        rows += [(name, sha, "source") for name, sha in followup.sources]
        for name, sha, role in rows:
            store.execute(
                "INSERT INTO evidence (ticket_id, name, sha256, role, followup) VALUES (?, ?, ?, ?, ?)",
                (ticket.id, name, sha, role, number),
            )
        yield


def _replace_contents(
    store: Ledger,
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


def _must(store: Ledger, key: CaseKey) -> Ticket:
    return ticket_must(store, key.client_id, key.case_id)


def ticket_must(store: Ledger, client_id: str, case_id: str) -> Ticket:
    ticket = get_ticket(store, client_id, case_id)
    assert ticket is not None  # written in this transaction, or read in it a moment ago
    return ticket
