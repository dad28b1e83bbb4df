"""Packs and ledger rows agree when the ledger fails mid-batch: a real lock, a real server stopped."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ledger_pg_server import PgServer, start_server

from factories import make_pdf, variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from ozon_urgent.ledger import list_tickets, open_ledger
from ozon_urgent.ledger import store as ledger_store
from ozon_urgent.ledger.errors import LedgerError
from ozon_urgent.pipeline import build as pipeline_build
from ozon_urgent.pipeline import publish

CASES = 3
FIRST_CLIENT = "4000000"  # case-0's store: case-N is Client ID 4000000 + N


def _cases(root: Path) -> list[Path]:
    paths = []
    for number in range(CASES):
        case = variant(
            "carrier_failure", {"case_id": f"case-{number}", "seller.client_id": str(4_000_000 + number)}
        )
        folder = root / f"case-{number}"
        for item in case["evidence"]:
            (folder / item["file"]).parent.mkdir(parents=True, exist_ok=True)
            (folder / item["file"]).write_bytes(make_pdf(f"case {number}"))
        paths.append(write_case(folder, case))
    return paths


def _before_second_pack(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Run `action` just before the second case's pack is published, once."""
    real = publish.publish_pack
    calls = {"n": 0}

    def publish_then(*args: object, **kwargs: object) -> Path | None:
        calls["n"] += 1
        if calls["n"] == 2:
            action()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    # build.py calls it by the name it imported
    monkeypatch.setattr(pipeline_build, "publish_pack", publish_then)


def _assert_stopped_after_first(result_stdout: str, stderr: str, out: Path) -> None:
    envelope = json.loads(result_stdout)
    assert [case["build"] for case in envelope["cases"]] == ["built", "failed", "not_attempted"]
    assert [case["case_id"] for case in envelope["cases"]] == ["case-0", "case-1", "case-2"]
    assert envelope["summary"]["built"] == 1
    assert stderr.splitlines()[-1].endswith("packs written and recorded before it: case-0")
    # no temp or moved-aside folder either, nor an empty folder of the store whose pack was not written
    assert [p.name for p in out.iterdir()] == [FIRST_CLIENT]
    assert [p.name for p in (out / FIRST_CLIENT).iterdir()] == ["case-0"]


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Another process that takes the ledger's write lock and keeps it."""
    holders: list[subprocess.Popen[str]] = []

    def hold(ledger: Path) -> None:
        script = (
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n"
        )
        holder = subprocess.Popen(
            [sys.executable, "-c", script, str(ledger)], stdout=subprocess.PIPE, text=True
        )
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait(10)


def test_sqlite_locked_by_another_process_mid_batch(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lock_holder: Callable[[Path], None],
) -> None:
    ledger, out = tmp_path / "ledger.sqlite3", tmp_path / "out"
    monkeypatch.setattr(ledger_store, "BUSY_SECONDS", 1.0)
    _before_second_pack(monkeypatch, lambda: lock_holder(ledger))
    result = run_cli("build", "--format", "json", "--out", out, "--ledger", ledger, *_cases(tmp_path / "c"))
    assert result.exit_code == 3
    assert "stayed locked by another process" in result.stderr
    _assert_stopped_after_first(result.stdout, result.stderr, out)
    store = open_ledger(str(ledger))
    try:
        with store.read():
            assert [t.case_id for t in list_tickets(store)] == ["case-0"]
    finally:
        store.close()


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_postgresql_stopped_mid_batch(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: PgServer
) -> None:
    url, out = server.create_database("stopped_mid_batch"), tmp_path / "out"
    _before_second_pack(monkeypatch, server.halt)
    try:
        result = run_cli("build", "--format", "json", "--out", out, "--ledger", url, *_cases(tmp_path / "c"))
    finally:
        server.resume()
    assert result.exit_code == 3, result.stderr
    assert "pg-Secret-9" not in result.stderr + result.stdout
    _assert_stopped_after_first(result.stdout, result.stderr, out)
    store = open_ledger(url)
    try:
        with store.read():
            assert [t.case_id for t in list_tickets(store)] == ["case-0"]
    finally:
        store.close()


def test_a_commit_that_fails_takes_the_pack_back(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pack is in place before COMMIT; if COMMIT fails, the earlier pack (--force) comes back whole."""
    ledger, out = tmp_path / "ledger.sqlite3", tmp_path / "out"
    [first, *_] = _cases(tmp_path / "c")
    assert run_cli("build", "--out", out, "--ledger", ledger, first).exit_code == 0
    before = (pack_dir(out, "case-0", FIRST_CLIENT) / "ticket.txt").read_bytes()
    real_execute = ledger_store.Ledger.execute

    def execute(self: ledger_store.Ledger, sql: str, params: object = ()) -> None:
        if sql == "COMMIT":
            raise LedgerError("failed", ledger=str(ledger), detail="disk I/O error")
        real_execute(self, sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(ledger_store.Ledger, "execute", execute)
    first.write_text(first.read_text("utf-8").replace("Bright Home", "Bright Home Moscow"), "utf-8")
    result = run_cli("build", "--force", "--out", out, "--ledger", ledger, first)
    assert result.exit_code == 3 and "disk I/O error" in result.stderr
    assert (pack_dir(out, "case-0", FIRST_CLIENT) / "ticket.txt").read_bytes() == before
    assert sorted(p.name for p in (out / FIRST_CLIENT).iterdir()) == ["case-0"]
