"""A ledger row with a value of the wrong type (edited by hand, a bad restore): a clear message naming the
row, the column and the value, exit 3 and the ledger left as it was, never an internal error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from ledger_pg_server import PgServer, start_server
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from ozon_urgent.ledger.workdays import MOSCOW


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


def _clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW))


def _filed_ledger(folder: Path, ledger: str | Path) -> Path:
    """A ledger holding one filed ticket (row 1), its Reference ID corrected once, and one follow-up."""
    case = write_case(folder, "carrier-a", ["57195475-0050-3"])
    assert run("record", case, "--ref", "SR-1", "--ledger", ledger, clock=_clock()).exit_code == 0
    amend = run("record", case, "--ref", "SR-2", "--amend", "--ledger", ledger, clock=_clock())
    assert amend.exit_code == 0, amend.stderr
    return case


def _sqlite(tmp_path: Path, statement: str, params: tuple[object, ...]) -> tuple[Path, Path]:
    ledger = tmp_path / "ledger.sqlite3"
    case = _filed_ledger(tmp_path, ledger)
    with sqlite3.connect(ledger) as conn:
        conn.execute(
            "INSERT INTO followups (ticket_id, number, created_at, pack_path)"
            " VALUES (1, 1, '2026-11-25T10:00:00.000000Z', 'out/f1')"
        )
        conn.execute(statement, params)
    conn.close()
    return ledger, case


DAMAGES = [
    ("UPDATE tickets SET built_at = ?", "not a time", "built_at", "'not a time'"),
    ("UPDATE tickets SET built_at = ?", 12345, "built_at", "'12345'"),  # TEXT affinity keeps it as text
    ("UPDATE tickets SET filed_at = ?", "2026-11-20 15:00", "filed_at", "'2026-11-20 15:00'"),
    ("UPDATE tickets SET filed_at = ?", 1.5, "filed_at", "'1.5'"),
    ("UPDATE tickets SET resolved_at = ?", "yesterday", "resolved_at", "'yesterday'"),
    ("UPDATE tickets SET outcome = ?", "maybe", "outcome", "'maybe'"),
    ("UPDATE tickets SET case_file = ?", b"\x00\x01\x02", "case_file", "<3 bytes>"),
    ("UPDATE tickets SET store_name = ?", b"\xff", "store_name", "<1 bytes>"),
    ("UPDATE followups SET created_at = ?", "soon", "followups.created_at", "'soon'"),
]
# Only `status` shows a ticket's past Reference IDs; `record` never reads them.
HISTORY_DAMAGES = [
    ("UPDATE reference_history SET replaced_at = ?", "\x1b]0;x\x07", "reference_history.replaced_at", None),
    ("UPDATE reference_history SET filed_at = ?", 7, "reference_history.filed_at", "'7'"),
]
CASES = [("status", *damage) for damage in DAMAGES + HISTORY_DAMAGES] + [("record", *d) for d in DAMAGES]


@pytest.mark.parametrize(("command", "statement", "bad", "column", "quoted"), CASES)
def test_sqlite_row_with_a_bad_value(
    tmp_path: Path, command: str, statement: str, bad: object, column: str, quoted: str | None
) -> None:
    ledger, case = _sqlite(tmp_path, statement, (bad,))
    before = ledger.read_bytes()
    args = ["status"] if command == "status" else ["record", case, "--ref", "SR-2"]
    result = run(*args, "--ledger", ledger, clock=_clock())
    assert result.exit_code == 3, result.stderr + result.stdout
    err = result.stderr
    assert "internal error" not in err and "Traceback" not in err
    assert f"the ledger {ledger} is damaged at row 1 (case carrier-a): column {column} holds " in err
    if quoted is not None:
        assert f"holds {quoted}, not " in err
    assert "\x1b" not in err and "\x07" not in err  # a stored escape sequence is shown, never sent
    assert "left untouched — restore it from a backup" in err
    assert ledger.read_bytes() == before


def test_sqlite_bad_time_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger, _ = _sqlite(tmp_path, "UPDATE tickets SET built_at = ?", ("not a time",))
    monkeypatch.setenv("OZON_URGENT_LANG", "zh")
    result = run("status", "--ledger", ledger, clock=_clock())
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"ozon-urgent: 台账 {ledger} 在第 1 行（案件 carrier-a）已损坏（字段 built_at：值 'not a time'，"
        "应为时间，例如 2026-11-20T15:00:00.000000Z）；文件未被改动——请从备份恢复，或用 --ledger 指向其他位置"
    )


def test_sqlite_bad_schema_version(tmp_path: Path) -> None:
    ledger, _ = _sqlite(tmp_path, "UPDATE schema_version SET version = ?", ("three",))
    result = run("status", "--ledger", ledger, clock=_clock())
    assert result.exit_code == 3 and "internal error" not in result.stderr
    assert "not a readable ledger database (schema_version.version: 'three')" in result.stderr


def test_check_reads_a_damaged_ledger_clearly(tmp_path: Path) -> None:
    ledger, case = _sqlite(tmp_path, "UPDATE tickets SET case_file = ?", (b"\x00",))
    result = run("check", case, "--ledger", ledger, clock=_clock())
    assert result.exit_code == 3 and "column case_file holds <1 bytes>, not text" in result.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


@pytest.mark.parametrize("command", ["status", "record"])
def test_postgresql_row_with_a_bad_outcome(tmp_path: Path, server: PgServer, command: str) -> None:
    """PostgreSQL's types keep a time a time; a text column with a value no code knows is damage there."""
    import psycopg

    url = server.create_database(f"damaged_{command}")
    case = _filed_ledger(tmp_path, url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE tickets SET outcome = 'maybe'")
    args = ["status"] if command == "status" else ["record", case, "--ref", "SR-2"]
    result = run(*args, "--ledger", url, clock=_clock())
    assert result.exit_code == 3, result.stderr
    assert (
        "is damaged at row 1 (case carrier-a): column outcome holds 'maybe', not an outcome" in result.stderr
    )
    assert "pg-Secret-9" not in result.stderr
