"""The ledger's tables as numbered migrations, and the `schema_version` that says which have run."""

from __future__ import annotations

from ozon_urgent.ledger.errors import LedgerError
from ozon_urgent.ledger.store import Store

# Migration N brings a ledger from version N-1 to N. Append, never edit: ledgers in the field hold the
# result of every earlier step. `{id}` and `{ts}` are the two column types the backends spell apart.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        """CREATE TABLE tickets (
            id {id},
            case_id TEXT NOT NULL UNIQUE,
            client_id TEXT NOT NULL,
            scenario TEXT NOT NULL,
            case_sha256 TEXT NOT NULL,
            pack_path TEXT NOT NULL,
            built_at {ts},
            reference TEXT UNIQUE,
            filed_at {ts},
            outcome TEXT,
            outcome_note TEXT,
            resolved_at {ts}
        )""",
        "CREATE INDEX tickets_seller ON tickets (client_id, scenario, filed_at)",
        # followup 0 is the ticket itself; N is the Nth follow-up comment that added the row.
        """CREATE TABLE ticket_ids (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            followup INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, kind, value)
        )""",
        # role: 'attachment' (the bytes in the pack) or 'source' (the evidence file before --fix).
        """CREATE TABLE evidence (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            role TEXT NOT NULL,
            followup INTEGER NOT NULL
        )""",
        "CREATE INDEX evidence_ticket ON evidence (ticket_id, sha256)",
        """CREATE TABLE followups (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            created_at {ts} NOT NULL,
            pack_path TEXT NOT NULL,
            PRIMARY KEY (ticket_id, number)
        )""",
    ),
)
LATEST = len(MIGRATIONS)

_TYPES = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "ts": "TEXT"},
    "postgresql": {"id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "ts": "TIMESTAMPTZ"},
}


def current_version(store: Store) -> int:
    """0 for an empty database; refuses one that holds other tables but no `schema_version`."""
    if store.is_sqlite:
        tables = {row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    else:
        tables = {
            row[0]
            for row in store.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        }
    if "schema_version" not in tables:
        if tables:
            raise LedgerError("not_ledger", ledger=store.location.shown)
        return 0
    rows = store.query("SELECT version FROM schema_version")
    if len(rows) != 1:
        raise LedgerError("corrupt", ledger=store.location.shown, detail="schema_version has no single row")
    return int(rows[0][0])


def _refuse_newer(store: Store, version: int) -> None:
    if version > LATEST:
        raise LedgerError("newer", ledger=store.location.shown, version=version, known=LATEST)


def ensure_schema(store: Store) -> None:
    """Run the missing migrations in one write transaction; a newer ledger is refused, untouched."""
    with store.read():
        version = current_version(store)
    _refuse_newer(store, version)
    if version == LATEST:
        return
    with store.write():
        version = current_version(store)  # another process may have migrated meanwhile
        _refuse_newer(store, version)
        for number in range(version, LATEST):
            for statement in MIGRATIONS[number]:
                store.execute(statement.format(**_TYPES[store.dialect]))
        if version == 0:
            store.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST,))
        else:
            store.execute("UPDATE schema_version SET version = ?", (LATEST,))
