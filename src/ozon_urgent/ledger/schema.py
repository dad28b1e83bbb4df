"""The ledger's tables as numbered migrations, and the `schema_version` that says which have run."""

from __future__ import annotations

from collections.abc import Mapping

from ozon_urgent.ledger.errors import LedgerError
from ozon_urgent.ledger.rows import shown_value
from ozon_urgent.ledger.store import Dialect, Ledger

# Migration N brings a ledger from version N-1 to N. Append, never edit: ledgers in the field hold the
# result of every earlier step. `{id}` and `{ts}` are the two column types the backends spell apart; a
# step the backends cannot share gives its statements per dialect.
Migration = tuple[str, ...] | Mapping[Dialect, tuple[str, ...]]
MIGRATIONS: tuple[Migration, ...] = (
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
    # 2: a ticket is one seller's case: (client_id, case_id) is unique, not case_id alone, so two stores
    # of an agency may both have a case called `carrier-failure`. The store's name and the case file's
    # absolute path are kept for `status` and to notice a case whose Client ID changed after its build.
    {
        # SQLite cannot drop a column constraint: the table is rebuilt and renamed, ids kept, so the
        # rows of ticket_ids, evidence and followups still point at their tickets.
        "sqlite": (
            """CREATE TABLE tickets_v2 (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL,
                client_id TEXT NOT NULL,
                store_name TEXT,
                case_file TEXT,
                scenario TEXT NOT NULL,
                case_sha256 TEXT NOT NULL,
                pack_path TEXT NOT NULL,
                built_at TEXT,
                reference TEXT UNIQUE,
                filed_at TEXT,
                outcome TEXT,
                outcome_note TEXT,
                resolved_at TEXT,
                UNIQUE (client_id, case_id)
            )""",
            "INSERT INTO tickets_v2 (id, case_id, client_id, scenario, case_sha256, pack_path, built_at,"
            " reference, filed_at, outcome, outcome_note, resolved_at)"
            " SELECT id, case_id, client_id, scenario, case_sha256, pack_path, built_at,"
            " reference, filed_at, outcome, outcome_note, resolved_at FROM tickets",
            "DROP TABLE tickets",
            "ALTER TABLE tickets_v2 RENAME TO tickets",
            "CREATE INDEX tickets_seller ON tickets (client_id, scenario, filed_at)",
            "CREATE INDEX tickets_case_file ON tickets (case_file)",
        ),
        "postgresql": (
            "ALTER TABLE tickets ADD COLUMN store_name TEXT",
            "ALTER TABLE tickets ADD COLUMN case_file TEXT",
            "ALTER TABLE tickets DROP CONSTRAINT tickets_case_id_key",
            "ALTER TABLE tickets ADD CONSTRAINT tickets_seller_case UNIQUE (client_id, case_id)",
            "CREATE INDEX tickets_case_file ON tickets (case_file)",
        ),
    },
    # 3: a Reference ID typed wrong can be corrected (`record --amend`); the one it replaces, with its
    # filing time, stays here, so the row's history shows what was recorded before and when it changed.
    (
        """CREATE TABLE reference_history (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            reference TEXT NOT NULL,
            filed_at {ts},
            replaced_at {ts} NOT NULL,
            replaced_by TEXT NOT NULL
        )""",
        "CREATE INDEX reference_history_ticket ON reference_history (ticket_id)",
    ),
)
LATEST = len(MIGRATIONS)

_TYPES = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "ts": "TEXT"},
    "postgresql": {"id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "ts": "TIMESTAMPTZ"},
}


def current_version(store: Ledger) -> int:
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
    version = rows[0][0]
    if isinstance(version, bool) or not isinstance(version, int):
        detail = f"schema_version.version: {shown_value(version)}"
        raise LedgerError("corrupt", ledger=store.location.shown, detail=detail)
    return version


def _refuse_newer(store: Ledger, version: int) -> None:
    if version > LATEST:
        raise LedgerError("newer", ledger=store.location.shown, version=version, known=LATEST)


def ensure_schema(store: Ledger) -> None:
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
            step = MIGRATIONS[number]
            statements = step if isinstance(step, tuple) else step[store.dialect]
            for statement in statements:
                store.execute(statement.format(**_TYPES[store.dialect]))
        if version == 0:
            store.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST,))
        else:
            store.execute("UPDATE schema_version SET version = ?", (LATEST,))
