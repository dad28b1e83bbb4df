"""Ledgers of release 0.1.0 (case_id unique on its own) open migrated: rows, links and answers kept."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ledger_pg_server import PgServer, start_server

from kit.cli import RunCli
from kit.repo import REPO
from ozon_urgent.ledger import BuiltPack, CaseKey, get_ticket, list_tickets, open_ledger, record_pack
from ozon_urgent.ledger.queries import sent_sha256s, ticket_ids
from ozon_urgent.ledger.schema import LATEST, MIGRATIONS

# Made by `ozon-urgent` 0.1.0: the eight examples built, two of them recorded, one of those answered.
RELEASE_0_1_0 = REPO / "tests" / "data" / "ledger" / "release-0.1.0.sqlite3"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT version FROM schema_version").fetchone()[0])


def test_the_release_ledger_is_version_1_and_opens_as_the_latest(tmp_path: Path) -> None:
    copy = tmp_path / "ledger.sqlite3"
    shutil.copy(RELEASE_0_1_0, copy)
    assert _version(copy) == 1 and LATEST == 3
    store = open_ledger(str(copy))
    try:
        with store.read():
            tickets = {t.case_id: t for t in list_tickets(store)}
            filed = tickets["haoyun-auto-carrier-failure-2026-11"]
            assert len(tickets) == 8
            assert filed.reference == "SR-20261126-0001" and filed.client_id == "2750416"
            assert tickets["bright-home-delisting-2026-11"].outcome == "resolved"
            assert ticket_ids(store, filed.id) and sent_sha256s(store, filed.id)  # still linked by id
            assert filed.store_name is None and filed.case_file is None  # not known to 0.1.0
    finally:
        store.close()
    assert _version(copy) == LATEST
    assert _version(RELEASE_0_1_0) == 1  # the fixture itself untouched


def test_a_migrated_ledger_takes_another_sellers_case_of_the_same_name(tmp_path: Path) -> None:
    copy = tmp_path / "ledger.sqlite3"
    shutil.copy(RELEASE_0_1_0, copy)
    store = open_ledger(str(copy))
    try:
        key = CaseKey(
            "9999999", "haoyun-auto-carrier-failure-2026-11", "Other Store", "/agency/other/case.yaml"
        )
        record_pack(
            store,
            BuiltPack(
                key, "carrier_failure", {"postings": ["57195475-0050-3"]}, "0" * 64, [], "/agency/out/other"
            ),
            NOW,
            72,  # hours: the policy's duplicate window
        )
        with store.read():
            mine = get_ticket(store, "2750416", "haoyun-auto-carrier-failure-2026-11")
            theirs = get_ticket(store, "9999999", "haoyun-auto-carrier-failure-2026-11")
        assert mine is not None and mine.reference == "SR-20261126-0001"  # untouched by the other build
        assert theirs is not None and theirs.reference is None and theirs.store_name == "Other Store"
    finally:
        store.close()


def test_status_reads_a_migrated_ledger(run_cli: RunCli, tmp_path: Path) -> None:
    copy = tmp_path / "ledger.sqlite3"
    shutil.copy(RELEASE_0_1_0, copy)
    env = {"OZON_URGENT_LEDGER": str(copy), "OZON_URGENT_NOW": "2026-11-28T12:00:00+03:00"}
    result = run_cli("status", "--format", "json", "--client", "2750416", env=env)
    [ticket] = json.loads(result.stdout)["tickets"]
    assert result.exit_code == 0 and ticket["state"] == "waiting" and ticket["store_name"] is None
    text = run_cli("status", "--client", "2750416", env=env).stdout
    [row] = [line for line in text.splitlines() if "haoyun-auto-carrier-failure-2026-11  " in line]
    # no case file is known to 0.1.0, so no notification date nor appeal deadline either
    expected = [
        "2750416",
        "haoyun-auto-carrier-failure-2026-11",
        "carrier_failure",
        "—",
        "—",
        "SR-20261126-0001",
    ]
    assert row.split()[-6:] == expected
    assert "ozon-urgent followup CASE" in text


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_postgresql_ledger_of_version_1_migrates(server: PgServer) -> None:
    import psycopg

    url = server.create_database("release_0_1_0")
    with psycopg.connect(url, autocommit=True) as conn:  # what 0.1.0 made: migration 1 and one ticket
        first = MIGRATIONS[0]
        assert isinstance(first, tuple)
        for statement in first:
            conn.execute(
                statement.format(id="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", ts="TIMESTAMPTZ")
            )
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
        conn.execute(
            "INSERT INTO tickets (case_id, client_id, scenario, case_sha256, pack_path, reference, filed_at)"
            " VALUES ('carrier', '1111111', 'carrier_failure', '', 'out/carrier', 'SR-1', now())"
        )
    store = open_ledger(url)
    try:
        record_pack(
            store,
            BuiltPack(
                CaseKey("2222222", "carrier", "Second Store", "/agency/b/carrier/case.yaml"),
                "carrier_failure",
                {"postings": ["57195475-0050-3"]},
                "0" * 64,
                [],
                "/agency/out/carrier",
            ),
            NOW,
            72,  # hours: the policy's duplicate window
        )
        with store.read():
            rows = sorted((t.client_id, t.case_id, t.reference) for t in list_tickets(store))
        assert rows == [("1111111", "carrier", "SR-1"), ("2222222", "carrier", None)]
    finally:
        store.close()
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (LATEST,)
