"""A ledger another process is writing to: after a second of waiting the user is told, once, on stderr."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from ledger_pg_server import PgServer, start_server
from ledger_testkit import FrozenClock, clear_user_variables, run

import factories
from ozon_urgent.ledger import open_ledger
from ozon_urgent.ledger import store as ledger_store
from ozon_urgent.ledger.workdays import MOSCOW

WAITING_EN = "waiting for the ledger to be unlocked (another ozon-urgent is writing to it)…"
WAITING_ZH = "正在等待台账解锁（另一个 ozon-urgent 正在写入）…"
HELD = 2.0  # seconds the other process keeps the lock: past the notice, well inside the timeout

_SQLITE_HOLDER = (
    "import sqlite3, sys, time\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)
_PG_HOLDER = (
    "import psycopg, sys, time\n"
    "c = psycopg.connect(sys.argv[1], autocommit=True)\n"
    "c.execute('BEGIN')\n"
    f"c.execute('SELECT pg_advisory_xact_lock({ledger_store.ADVISORY_KEY})')\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.fixture
def lock_holder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str, float], None]]:
    """Another process that takes the ledger's write lock just before the command's first write and
    keeps it `seconds`, then exits: however long the command took to get there, it meets the lock."""
    holders: list[subprocess.Popen[str]] = []
    real = ledger_store.Ledger._begin_write

    def hold(script: str, ledger: str, seconds: float) -> None:
        def begin_write(self: ledger_store.Ledger) -> None:
            if not holders:
                holder = subprocess.Popen(
                    [sys.executable, "-c", script, ledger, str(seconds)], stdout=subprocess.PIPE, text=True
                )
                holders.append(holder)
                assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            real(self)

        monkeypatch.setattr(ledger_store.Ledger, "_begin_write", begin_write)

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait(10)


def _clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 26, 12, 0, tzinfo=MOSCOW))


def _build(tmp_path: Path, ledger: str) -> tuple[int, str, float]:
    case = factories.write_case(tmp_path / "case", factories.base_case("carrier_failure"))
    started = time.monotonic()
    result = run(
        "build",
        "--no-cache",
        "--today",
        "2026-11-26",
        "--out",
        tmp_path / "out",
        "--ledger",
        ledger,
        case,
        clock=_clock(),
    )
    return result.exit_code, result.stderr, time.monotonic() - started


def test_build_says_it_waits_then_writes(
    tmp_path: Path, lock_holder: Callable[[str, str, float], None]
) -> None:
    ledger = str(tmp_path / "ledger.sqlite3")
    open_ledger(ledger).close()
    lock_holder(_SQLITE_HOLDER, ledger, HELD)
    code, err, took = _build(tmp_path, ledger)
    assert code == 0, err
    assert err.count(WAITING_EN) == 1 and err.splitlines()[0] == WAITING_EN
    assert "pack written" not in err  # stdout's: stderr has the wait alone
    assert took >= HELD - 1  # it did wait for the lock, not around it


def test_build_says_it_waits_then_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lock_holder: Callable[[str, str, float], None]
) -> None:
    ledger = str(tmp_path / "ledger.sqlite3")
    open_ledger(ledger).close()
    monkeypatch.setattr(ledger_store, "BUSY_SECONDS", 2.0)
    lock_holder(_SQLITE_HOLDER, ledger, 60)
    monkeypatch.setenv("OZON_URGENT_LANG", "zh")
    code, err, _ = _build(tmp_path, ledger)
    assert code == 3
    lines = err.splitlines()
    assert lines.count(WAITING_ZH) == 1
    assert lines.index(WAITING_ZH) < next(i for i, line in enumerate(lines) if "被其他进程长时间锁定" in line)


def test_no_word_when_the_lock_comes_at_once(tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite3")
    code, err, _ = _build(tmp_path, ledger)
    assert code == 0 and WAITING_EN not in err


def test_record_says_it_waits(tmp_path: Path, lock_holder: Callable[[str, str, float], None]) -> None:
    from ledger_testkit import write_case

    ledger = str(tmp_path / "ledger.sqlite3")
    open_ledger(ledger).close()
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    lock_holder(_SQLITE_HOLDER, ledger, HELD)
    clock = FrozenClock(datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW))
    result = run("record", case, "--ref", "SR-1", "--ledger", ledger, clock=clock)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == WAITING_EN and result.stderr.count(WAITING_EN) == 1


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_postgresql_build_says_it_waits(
    tmp_path: Path, server: PgServer, lock_holder: Callable[[str, str, float], None]
) -> None:
    url = server.create_database("waiting")
    open_ledger(url).close()
    lock_holder(_PG_HOLDER, url, HELD)
    code, err, took = _build(tmp_path, url)
    assert code == 0, err
    assert err.count(WAITING_EN) == 1 and took >= HELD - 1
