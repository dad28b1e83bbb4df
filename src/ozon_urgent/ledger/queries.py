"""Reading the ledger: tickets, what each has already sent to Ozon, and the duplicate guard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ozon_urgent.ledger.errors import Conflict
from ozon_urgent.ledger.rows import RowReader
from ozon_urgent.ledger.store import Ledger, Row

IdSet = frozenset[tuple[str, str]]

_COLUMNS = (
    "t.id, t.case_id, t.client_id, t.scenario, t.case_sha256, t.pack_path, t.built_at, t.reference,"
    " t.filed_at, t.outcome, t.outcome_note, t.resolved_at, t.store_name, t.case_file,"
    " (SELECT COUNT(*) FROM followups f WHERE f.ticket_id = t.id),"
    " (SELECT MAX(f.created_at) FROM followups f WHERE f.ticket_id = t.id)"
)


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    case_id: str
    client_id: str
    scenario: str
    case_sha256: str
    pack_path: str
    built_at: datetime | None
    reference: str | None
    filed_at: datetime | None
    outcome: str | None
    outcome_note: str | None
    resolved_at: datetime | None
    store_name: str | None
    case_file: str | None  # absolute; unknown for tickets recorded before the ledger kept it
    followups: int
    last_followup_at: datetime | None

    @property
    def clock_start(self) -> datetime | None:
        """What the follow-up clock counts from: the latest follow-up, else the filing."""
        return self.last_followup_at or self.filed_at


def id_set(ids: Mapping[str, Sequence[object]]) -> IdSet:
    return frozenset((kind, str(value)) for kind, values in ids.items() for value in values)


def _ticket(store: Ledger, row: Row) -> Ticket:
    read = RowReader(store, row[0], row[1])
    return Ticket(
        id=read.integer("id", row[0]),
        case_id=read.text("case_id", row[1]),
        client_id=read.text("client_id", row[2]),
        scenario=read.text("scenario", row[3]),
        case_sha256=read.text("case_sha256", row[4]),
        pack_path=read.text("pack_path", row[5]),
        built_at=read.optional_instant("built_at", row[6]),
        reference=read.optional_text("reference", row[7]),
        filed_at=read.optional_instant("filed_at", row[8]),
        outcome=read.outcome("outcome", row[9]),
        outcome_note=read.optional_text("outcome_note", row[10]),
        resolved_at=read.optional_instant("resolved_at", row[11]),
        store_name=read.optional_text("store_name", row[12]),
        case_file=read.optional_text("case_file", row[13]),
        followups=read.integer("followups", row[14]),
        last_followup_at=read.optional_instant("followups.created_at", row[15]),
    )


def get_ticket(store: Ledger, client_id: str, case_id: str) -> Ticket | None:
    """The ticket of one seller's case: two stores of an agency may use the same case_id."""
    rows = store.query(
        f"SELECT {_COLUMNS} FROM tickets t WHERE t.client_id = ? AND t.case_id = ?", (client_id, case_id)
    )
    return _ticket(store, rows[0]) if rows else None


def tickets_of_case_file(store: Ledger, case_file: str) -> list[Ticket]:
    """Every ticket built or filed from this case file, whichever Client ID it named then."""
    rows = store.query(f"SELECT {_COLUMNS} FROM tickets t WHERE t.case_file = ? ORDER BY t.id", (case_file,))
    return [_ticket(store, row) for row in rows]


def ticket_by_reference(store: Ledger, reference: str) -> Ticket | None:
    rows = store.query(f"SELECT {_COLUMNS} FROM tickets t WHERE t.reference = ?", (reference,))
    return _ticket(store, rows[0]) if rows else None


def filed_keys(store: Ledger) -> dict[tuple[str, str], str | None]:
    """(Client ID, case_id) of every ticket recorded as filed, with the case file it was recorded from."""
    rows = store.query("SELECT id, client_id, case_id, case_file FROM tickets WHERE reference IS NOT NULL")
    filed: dict[tuple[str, str], str | None] = {}
    for ticket_id, client_id, case_id, case_file in rows:
        read = RowReader(store, ticket_id, case_id)
        key = (read.text("client_id", client_id), read.text("case_id", case_id))
        filed[key] = read.optional_text("case_file", case_file)
    return filed


def list_tickets(store: Ledger) -> list[Ticket]:
    return [_ticket(store, row) for row in store.query(f"SELECT {_COLUMNS} FROM tickets t ORDER BY t.id")]


@dataclass(frozen=True, slots=True)
class PastReference:
    """A Reference ID a ticket was recorded under before `record --amend` corrected it."""

    reference: str
    filed_at: datetime | None
    replaced_at: datetime
    replaced_by: str


def reference_histories(store: Ledger) -> dict[int, list[PastReference]]:
    """Every corrected Reference ID, by ticket id, oldest first."""
    rows = store.query(
        "SELECT h.ticket_id, t.case_id, h.reference, h.filed_at, h.replaced_at, h.replaced_by"
        " FROM reference_history h JOIN tickets t ON t.id = h.ticket_id ORDER BY h.ticket_id, h.replaced_at"
    )
    history: dict[int, list[PastReference]] = {}
    for ticket_id, case_id, reference, filed_at, replaced_at, replaced_by in rows:
        read = RowReader(store, ticket_id, case_id)
        past = PastReference(
            read.text("reference_history.reference", reference),
            read.optional_instant("reference_history.filed_at", filed_at),
            read.instant("reference_history.replaced_at", replaced_at),
            read.text("reference_history.replaced_by", replaced_by),
        )
        history.setdefault(read.integer("reference_history.ticket_id", ticket_id), []).append(past)
    return history


def ticket_ids(store: Ledger, ticket_id: int) -> IdSet:
    rows = store.query("SELECT kind, value FROM ticket_ids WHERE ticket_id = ?", (ticket_id,))
    return frozenset((str(kind), str(value)) for kind, value in rows)


def next_attachment_number(store: Ledger, ticket_id: int) -> int:
    """The number a follow-up's first new file takes: after every file the ticket and its follow-ups sent.

    A ticket recorded without a build has no pack names; its files are counted from their sources.
    """
    names = store.query("SELECT name FROM evidence WHERE ticket_id = ? AND role = 'attachment'", (ticket_id,))
    numbers = [int(str(name)[:2]) for (name,) in names if str(name)[:2].isascii() and str(name)[:2].isdigit()]
    if numbers:
        return max(numbers) + 1
    sources = store.query(
        "SELECT COUNT(*) FROM evidence WHERE ticket_id = ? AND role = 'source' AND followup = 0", (ticket_id,)
    )
    return int(sources[0][0]) + 1


def built_sources(store: Ledger, ticket_id: int) -> list[str]:
    """The SHA-256 of each evidence file the ticket itself was made from, as the seller has it (before
    `--fix`): its last build's, or the case file's when it was recorded without one."""
    rows = store.query(
        "SELECT sha256 FROM evidence WHERE ticket_id = ? AND role = 'source' AND followup = 0", (ticket_id,)
    )
    return [str(row[0]) for row in rows]


def sent_sha256s(store: Ledger, ticket_id: int) -> frozenset[str]:
    """Every SHA-256 Ozon already has for this ticket: its attachments, their sources, the follow-ups'."""
    rows = store.query("SELECT sha256 FROM evidence WHERE ticket_id = ?", (ticket_id,))
    return frozenset(str(row[0]) for row in rows)


def find_conflict(
    store: Ledger,
    client_id: str,
    scenario: str,
    ids: Mapping[str, Sequence[object]],
    now: datetime,
    *,
    exclude_case: str | None = None,
    duplicate_hours: int,
) -> Conflict | None:
    """The latest ticket of this seller and scenario, sharing an ID, filed less than the window from `now`.

    The window counts both ways, so recording a ticket filed earlier (`record --at`) is judged too.
    """
    wanted = id_set(ids)
    if not wanted:
        return None
    window = timedelta(hours=duplicate_hours)
    rows = store.query(
        "SELECT id, case_id, reference, filed_at FROM tickets"
        " WHERE client_id = ? AND scenario = ? AND filed_at IS NOT NULL AND filed_at > ? AND filed_at < ?"
        " ORDER BY filed_at DESC",
        (client_id, scenario, store.ts(now - window), store.ts(now + window)),
    )
    for ticket_id, case_id, reference, filed_raw in rows:
        if case_id == exclude_case:
            continue
        overlap = wanted & ticket_ids(store, int(ticket_id))
        if overlap:
            read = RowReader(store, ticket_id, case_id)
            filed_at = read.instant("filed_at", filed_raw)
            conflict_case, ref = read.text("case_id", case_id), read.text("reference", reference)
            return Conflict(conflict_case, ref, filed_at, filed_at + window, tuple(sorted(overlap)))
    return None
