"""8 processes filing at once against one ledger: nothing locked reaches them, nothing lost, one winner."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from ledger_pg_server import PASSWORD, PgServer, start_server

from ozon_urgent.ledger import (
    BuiltPack,
    CaseKey,
    DuplicateTicketError,
    list_tickets,
    open_ledger,
    record_filing,
    record_pack,
)

PROCESSES, PAIRS, OWN_CASES = 8, 4, 15
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _worker(ledger: str, index: int, start: multiprocessing.synchronize.Event, results: object) -> None:
    """Build and file OWN_CASES unique cases and, halfway, one ticket that conflicts with a neighbour's."""
    outcome: list[str] = []
    try:
        store = open_ledger(ledger)
        start.wait(30)
        for number in range(OWN_CASES):
            case_id = f"own-{index}-{number}"
            ids = {"postings": [f"{index}{number:03d}-0001-1"]}
            key = CaseKey("1", case_id, "Store", f"/cases/{case_id}.yaml")
            record_pack(
                store,
                BuiltPack(
                    key,
                    "carrier_failure",
                    ids,
                    "0" * 64,
                    [("01-a.pdf", f"{index}{number}")],
                    f"out/{case_id}",
                ),
                NOW,
                72,  # hours: the policy's duplicate window
            )
            record_filing(
                store,
                key,
                scenario="carrier_failure",
                ids=ids,
                case_sha256="0" * 64,
                sources=[],
                reference=f"R-{index}-{number}",
                filed_at=NOW,
                duplicate_hours=72,
            )
            if number == OWN_CASES // 2:
                pair = index // 2
                try:
                    record_filing(
                        store,
                        CaseKey("1", f"pair-{pair}-{index}", "Store", f"/cases/pair-{pair}-{index}.yaml"),
                        scenario="carrier_failure",
                        ids={"postings": [f"9{pair}-0001-1", f"8{index}-0001-1"]},
                        case_sha256="0" * 64,
                        sources=[],
                        reference=f"P-{index}",
                        filed_at=NOW,
                        duplicate_hours=72,
                    )
                    outcome.append("won")
                except DuplicateTicketError:
                    outcome.append("duplicate")
        store.close()
    except Exception as exc:  # reported to the parent, which fails the test with it
        outcome.append(f"error: {type(exc).__name__}: {exc}")
    results.put((index, outcome))  # type: ignore[attr-defined]


def _race(ledger: str) -> None:
    open_ledger(ledger).close()  # half the processes would otherwise migrate at once; that is tested below
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_worker, args=(ledger, i, start, results)) for i in range(PROCESSES)]
    for worker in workers:
        worker.start()
    start.set()
    outcomes = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(30)
    errors = [o for found in outcomes.values() for o in found if o.startswith("error")]
    assert not errors, errors
    for pair in range(PAIRS):
        pair_outcomes = sorted(outcomes[2 * pair] + outcomes[2 * pair + 1])
        assert pair_outcomes == ["duplicate", "won"], (pair, pair_outcomes)
    store = open_ledger(ledger)
    tickets = list_tickets(store)
    store.close()
    assert len(tickets) == PROCESSES * OWN_CASES + PAIRS
    assert all(t.reference for t in tickets)


def test_race_sqlite(tmp_path: object) -> None:
    _race(os.path.join(str(tmp_path), "ledger.sqlite3"))


def _open_and_close(ledger: str) -> None:
    open_ledger(ledger).close()


def test_first_use_by_many_processes_migrates_once(tmp_path: object) -> None:
    context = multiprocessing.get_context("spawn")
    ledger = os.path.join(str(tmp_path), "fresh.sqlite3")
    with context.Pool(PROCESSES) as pool:
        pool.map(_open_and_close, [ledger] * PROCESSES)
    store = open_ledger(ledger)
    assert store.query("SELECT COUNT(*) FROM schema_version") == [(1,)]
    store.close()


@pytest.fixture(scope="module")
def postgres() -> Iterator[PgServer]:
    try:
        server = start_server()
    except (FileNotFoundError, OSError, KeyError) as exc:
        message = f"no PostgreSQL server binaries to start a throw-away server: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # CI must run these, never skip them
        pytest.skip(message)
    yield server
    server.stop()


def test_race_postgresql(postgres: PgServer) -> None:
    _race(postgres.create_database("race"))


def test_postgresql_schema_and_messages(postgres: PgServer) -> None:
    from ozon_urgent.ledger import LATEST, LedgerError

    url = postgres.create_database("schema")
    store = open_ledger(url)
    assert store.query("SELECT version FROM schema_version") == [(LATEST,)]
    assert PASSWORD not in store.location.shown
    store.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    store.close()
    with pytest.raises(LedgerError) as raised:
        open_ledger(url)
    assert raised.value.kind == "newer" and PASSWORD not in str(raised.value.params)
