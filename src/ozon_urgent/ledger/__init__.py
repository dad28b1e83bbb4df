"""The ledger of built packs, filed tickets, follow-ups and outcomes, in SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from ozon_urgent.ledger.states import TicketOutcome, TicketState

if TYPE_CHECKING:
    from ozon_urgent.ledger.errors import Conflict, DuplicateTicketError, LedgerError, LedgerRefusedError
    from ozon_urgent.ledger.location import Location, mask_url, resolve_location
    from ozon_urgent.ledger.queries import Ticket, find_conflict, get_ticket, list_tickets
    from ozon_urgent.ledger.records import (
        BuiltPack,
        CaseKey,
        FollowupRecord,
        record_filing,
        record_outcome,
        record_pack,
        recording_followup,
        recording_pack,
    )
    from ozon_urgent.ledger.schema import LATEST
    from ozon_urgent.ledger.store import Ledger
else:
    # The CLI names TicketOutcome and TicketState in its options when it starts; the rest (sqlite3,
    # the queries) loads with the first command that reaches for it.
    _HOMES = {
        "Conflict": "errors",
        "DuplicateTicketError": "errors",
        "LedgerError": "errors",
        "LedgerRefusedError": "errors",
        "Location": "location",
        "mask_url": "location",
        "resolve_location": "location",
        "Ticket": "queries",
        "find_conflict": "queries",
        "get_ticket": "queries",
        "list_tickets": "queries",
        "BuiltPack": "records",
        "CaseKey": "records",
        "FollowupRecord": "records",
        "record_filing": "records",
        "record_outcome": "records",
        "record_pack": "records",
        "recording_followup": "records",
        "recording_pack": "records",
        "LATEST": "schema",
        "Ledger": "store",
    }

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return getattr(import_module(f"{__name__}.{home}"), name)


__all__ = [
    "LATEST",
    "BuiltPack",
    "CaseKey",
    "Conflict",
    "DuplicateTicketError",
    "FollowupRecord",
    "Ledger",
    "LedgerError",
    "LedgerRefusedError",
    "Location",
    "Ticket",
    "TicketOutcome",
    "TicketState",
    "find_conflict",
    "get_ticket",
    "list_tickets",
    "mask_url",
    "open_ledger",
    "read_filed",
    "record_filing",
    "record_outcome",
    "record_pack",
    "recording_followup",
    "recording_pack",
    "resolve_location",
]


def open_ledger(
    explicit: str | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    on_wait: Callable[[], None] | None = None,
) -> Ledger:
    """The ledger at `--ledger` / OZON_URGENT_LEDGER / the user data folder, migrated to this version;
    `on_wait` is told when a write waits for another process's lock (`Ledger`).

    Raises LedgerError (exit 3) for a folder that does not exist, a corrupt or foreign file, a newer
    schema, a read-only file that needs migrating, or an unreachable server; nothing is written then.
    """
    from ozon_urgent.ledger.location import resolve_location
    from ozon_urgent.ledger.schema import ensure_schema
    from ozon_urgent.ledger.store import Ledger

    ledger = Ledger(resolve_location(explicit, environ), on_wait)
    try:
        ensure_schema(ledger)
    except BaseException:
        ledger.close()
        raise
    return ledger


def read_filed(
    explicit: str | None = None, environ: Mapping[str, str] | None = None
) -> dict[tuple[str, str], str | None]:
    """(Client ID, case_id) of every ticket the ledger holds as filed, with the case file it was recorded
    from (None before the ledger kept it), read without writing anything: a
    SQLite ledger that does not exist holds none and is not created, and one of an older version is read
    as it is, not migrated. `check` and `build` stop judging a filed case's deadlines by it.

    Raises LedgerError (exit 3) for a ledger that exists and cannot be read, or is of a newer version.
    """
    from pathlib import Path

    from ozon_urgent.ledger.errors import LedgerError
    from ozon_urgent.ledger.location import resolve_location
    from ozon_urgent.ledger.queries import filed_keys
    from ozon_urgent.ledger.schema import LATEST, current_version
    from ozon_urgent.ledger.store import Ledger

    location = resolve_location(explicit, environ)
    if not location.is_postgres and not Path(location.target).exists():
        return {}
    ledger = Ledger(location)
    try:
        with ledger.read():
            version = current_version(ledger)
            if version > LATEST:
                raise LedgerError("newer", ledger=location.shown, version=version, known=LATEST)
            return filed_keys(ledger) if version else {}
    finally:
        ledger.close()
