"""Ledgers that cannot be used: each a clear message, exit 3, and the file left exactly as it was."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest
from ledger_testkit import FrozenClock, run, write_case

from ozon_urgent.ledger import LATEST, open_ledger
from ozon_urgent.ledger.workdays import MOSCOW


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "OZON_URGENT_LEDGER"):
        monkeypatch.delenv(var, raising=False)


def _at_filing() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW))


def _record(tmp_path: Path, ledger: str | Path) -> tuple[int, str]:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    result = run("record", case, "--ref", "SR-1", "--ledger", ledger, clock=_at_filing())
    return result.exit_code, result.stderr


def test_corrupt_file(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    junk = b"this is not a database" * 300
    ledger.write_bytes(junk)
    code, err = _record(tmp_path, ledger)
    assert code == 3 and "not a readable ledger" in err and "untouched" in err
    assert ledger.read_bytes() == junk


def test_read_only_file(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    open_ledger(str(ledger)).close()
    before = ledger.read_bytes()
    ledger.chmod(0o444)  # read-only even for root: the mode is the user's intent
    code, err = _record(tmp_path, ledger)
    assert code == 3 and "read-only" in err
    assert ledger.read_bytes() == before
    status = run("status", "--ledger", ledger, clock=_at_filing())  # reading still works
    assert status.exit_code == 0 and status.stdout.startswith(f"the ledger {ledger} has no tickets and")


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    ledger = tmp_path / "missing" / "ledger.sqlite3"
    code, err = _record(tmp_path, ledger)
    assert code == 3 and "does not exist" in err
    assert not ledger.parent.exists()


def test_newer_schema(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    open_ledger(str(ledger)).close()
    with sqlite3.connect(ledger) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    conn.close()
    before = ledger.read_bytes()
    code, err = _record(tmp_path, ledger)
    assert code == 3 and f"schema version {LATEST + 1}" in err and "upgrade ozon-urgent" in err
    assert ledger.read_bytes() == before


def test_foreign_database(tmp_path: Path) -> None:
    ledger = tmp_path / "other.sqlite3"
    with sqlite3.connect(ledger) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    code, err = _record(tmp_path, ledger)
    assert code == 3 and "no ozon-urgent ledger" in err


def test_unreachable_postgresql_masks_the_password(tmp_path: Path) -> None:
    url = "postgresql://agency:Sup3r-Secret@127.0.0.1:1/ledger?connect_timeout=2"
    started = time.monotonic()
    code, err = _record(tmp_path, url)
    assert code == 3 and "cannot connect to the PostgreSQL ledger" in err
    assert "Sup3r-Secret" not in err and "agency:***@127.0.0.1:1" in err
    assert time.monotonic() - started < 10


def test_password_in_query_is_masked() -> None:
    from ozon_urgent.ledger import mask_url

    assert mask_url("postgresql://h/db?user=a&password=p4ss") == "postgresql://h/db?user=a&password=***"
    assert mask_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_case_file_that_cannot_be_read(tmp_path: Path) -> None:
    ledger = tmp_path / "l.sqlite3"
    result = run("record", tmp_path / "nope.yaml", "--ref", "SR-1", "--ledger", ledger, clock=_at_filing())
    assert result.exit_code == 1 and "cannot read the case file" in result.stderr  # the case fails


def test_default_location_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from ozon_urgent.ledger import resolve_location

    monkeypatch.setenv("OZON_URGENT_LEDGER", "/x/y.sqlite3")
    assert resolve_location(None).target == "/x/y.sqlite3"
    assert resolve_location("postgresql://u:p@h/d").is_postgres
    assert resolve_location("postgresql://u:p@h/d").shown == "postgresql://u:***@h/d"
    monkeypatch.delenv("OZON_URGENT_LEDGER")
    default = resolve_location(None)
    assert default.default and default.target.endswith("ozon-urgent/ledger.sqlite3")
