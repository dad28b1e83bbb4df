"""Mistakes undone or refused: `record --amend` keeps the replaced Reference ID, `--at` before the
notification and an `as_of` after today are refused with the reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from ledger_pg_server import PgServer, start_server
from ledger_testkit import FrozenClock, clear_user_variables, run, write_case

from ozon_urgent.ledger.workdays import MOSCOW

FRIDAY_EVENING = datetime(2026, 11, 20, 18, 0, tzinfo=MOSCOW)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_user_variables(monkeypatch)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FRIDAY_EVENING)


def _tickets(ledger: str | Path, clock: FrozenClock) -> list[dict[str, object]]:
    result = run("status", "--format", "json", "--ledger", ledger, clock=clock)
    assert result.exit_code == 0, result.stderr
    tickets: list[dict[str, object]] = json.loads(result.stdout)["tickets"]
    return tickets


def _amend_keeps_history(case: Path, ledger: str | Path, clock: FrozenClock) -> None:
    """A mistyped Reference ID: refused without --amend (the message gives the command), then corrected."""
    assert run("record", case, "--ref", "abc", "--ledger", ledger, clock=clock).exit_code == 0
    refused = run("record", case, "--ref", "2026120612345", "--ledger", ledger, clock=clock)
    assert refused.exit_code == 1
    given = "" if "://" in str(ledger) else f" --ledger {ledger}"  # the same ledger; a URL never printed
    assert f"`ozon-urgent record {case}{given} --ref 2026120612345 --amend`" in refused.stderr
    clock.now = datetime(2026, 11, 21, 9, 0, tzinfo=MOSCOW)
    amended = run("record", case, "--ref", "2026120612345", "--amend", "--ledger", ledger, clock=clock)
    assert amended.exit_code == 0, amended.stderr
    assert "now ticket 2026120612345" in amended.stderr and "previous record (abc" in amended.stderr
    [ticket] = _tickets(ledger, clock)
    assert ticket["reference"] == "2026120612345"
    assert ticket["filed_at"] == "2026-11-20T15:00:00Z"  # the filing time stays without --at
    assert ticket["previous_references"] == [
        {"reference": "abc", "filed_at": "2026-11-20T15:00:00Z", "replaced_at": "2026-11-21T06:00:00Z"}
    ]
    again = run("record", case, "--ref", "2026120612345", "--amend", "--ledger", ledger, clock=clock)
    assert again.exit_code == 0 and "nothing changed" in again.stderr
    assert len(_tickets(ledger, clock)[0]["previous_references"]) == 1  # type: ignore[arg-type]


def test_amend_keeps_the_old_reference_in_the_history(tmp_path: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    ledger = tmp_path / "ledger.sqlite3"
    _amend_keeps_history(case, ledger, clock)
    text = run("status", "--ledger", ledger, clock=clock).stdout
    assert "2026120612345 (was abc)" in text


def test_amend_with_at_corrects_the_filing_time(tmp_path: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    ledger = tmp_path / "ledger.sqlite3"
    assert run("record", case, "--ref", "SR-1", "--ledger", ledger, clock=clock).exit_code == 0
    fixed = run(
        "record",
        case,
        "--ref",
        "SR-1",
        "--at",
        "2026-11-18T09:30",
        "--amend",
        "--ledger",
        ledger,
        clock=clock,
    )
    assert fixed.exit_code == 0 and "filed 18.11.2026 09:30 MSK" in fixed.stderr
    [ticket] = _tickets(ledger, clock)
    assert ticket["filed_at"] == "2026-11-18T06:30:00Z"
    assert ticket["previous_references"] == [
        {"reference": "SR-1", "filed_at": "2026-11-20T15:00:00Z", "replaced_at": "2026-11-20T15:00:00Z"}
    ]


def test_amend_refusals(tmp_path: Path, clock: FrozenClock) -> None:
    first = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    second = write_case(tmp_path, "carrier-b", ["57195475-0099-2"])
    ledger = tmp_path / "ledger.sqlite3"
    never = run("record", first, "--ref", "SR-1", "--amend", "--ledger", ledger, clock=clock)
    assert never.exit_code == 1
    said = f"nothing to correct; record it first: `ozon-urgent record {first} --ledger {ledger} --ref ID`"
    assert said in never.stderr
    assert run("record", first, "--ref", "SR-1", "--ledger", ledger, clock=clock).exit_code == 0
    assert run("record", second, "--ref", "SR-2", "--ledger", ledger, clock=clock).exit_code == 0
    taken = run("record", second, "--ref", "SR-1", "--amend", "--ledger", ledger, clock=clock)
    assert taken.exit_code == 1 and "SR-1 is already recorded for case carrier-a" in taken.stderr
    assert sorted(t["reference"] for t in _tickets(ledger, clock)) == ["SR-1", "SR-2"]  # type: ignore[type-var]


def test_at_before_the_notification_is_refused(tmp_path: Path, clock: FrozenClock) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])  # notification.received: 2026-11-16
    ledger = tmp_path / "ledger.sqlite3"
    early = run("record", case, "--ref", "SR-1", "--at", "2026-11-15T23:30", "--ledger", ledger, clock=clock)
    assert early.exit_code == 2
    assert "--at 2026-11-15T23:30 is before the notification date 2026-11-16" in early.stderr
    assert f"({case}, `notification.received`)" in early.stderr
    assert not ledger.exists()  # refused before the ledger was opened
    # 23:30 on the 15th in UTC is already the 16th in Moscow: the day is Moscow's
    same_day = run(
        "record", case, "--ref", "SR-1", "--at", "2026-11-15T23:30Z", "--ledger", ledger, clock=clock
    )
    assert same_day.exit_code == 0, same_day.stderr


def test_as_of_after_today_is_an_error(tmp_path: Path) -> None:
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    data = yaml.safe_load(case.read_text("utf-8"))
    data["as_of"] = "2026-12-01"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    ahead = run("check", "--no-content", "--format", "json", "--today", "2026-11-20", case)
    [finding] = [f for f in json.loads(ahead.stdout)["cases"][0]["findings"] if f["code"] == "C162"]
    assert ahead.exit_code == 1 and finding["severity"] == "error"
    assert "`as_of` is 2026-12-01, which is after today (2026-11-20)" in finding["message"]
    on_the_day = run("check", "--no-content", "--format", "json", "--today", "2026-12-01", case)
    [note] = [f for f in json.loads(on_the_day.stdout)["cases"][0]["findings"] if f["code"] == "C162"]
    assert note["severity"] == "info"


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_amend_on_a_postgresql_ledger(server: PgServer, tmp_path: Path, clock: FrozenClock) -> None:
    import psycopg

    url = server.create_database("amend")
    case = write_case(tmp_path, "carrier-a", ["57195475-0050-3"])
    _amend_keeps_history(case, url, clock)
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT reference, replaced_by FROM reference_history").fetchall()
    assert rows == [("abc", "2026120612345")]
