"""The ledger of built packs, filed tickets, follow-ups and outcomes, in SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping

from ozon_urgent.ledger.errors import Conflict, DuplicateTicketError, LedgerError, LedgerRefusedError
from ozon_urgent.ledger.location import Location, mask_url, resolve_location
from ozon_urgent.ledger.queries import Ticket, find_conflict, get_ticket, list_tickets
from ozon_urgent.ledger.records import CaseKey, record_filing, record_followup, record_outcome, record_pack
from ozon_urgent.ledger.schema import LATEST, ensure_schema
from ozon_urgent.ledger.store import Store

Ledger = Store

__all__ = [
    "LATEST",
    "CaseKey",
    "Conflict",
    "DuplicateTicketError",
    "Ledger",
    "LedgerError",
    "LedgerRefusedError",
    "Location",
    "Ticket",
    "find_conflict",
    "get_ticket",
    "list_tickets",
    "mask_url",
    "open_ledger",
    "record_filing",
    "record_followup",
    "record_outcome",
    "record_pack",
    "resolve_location",
]


def open_ledger(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Ledger:
    """The ledger at `--ledger` / OZON_URGENT_LEDGER / the user data folder, migrated to this version.

    Raises LedgerError (exit 3) for a folder that does not exist, a corrupt or foreign file, a newer
    schema, a read-only file that needs migrating, or an unreachable server; nothing is written then.
    """
    store = Store(resolve_location(explicit, environ))
    try:
        ensure_schema(store)
    except BaseException:
        store.close()
        raise
    return store
