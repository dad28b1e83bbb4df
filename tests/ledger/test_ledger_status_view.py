"""`status PATH...`: every case on disk or in the ledger, its deadline and its exact next command."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factories import variant, write_case
from kit.cli import RunCli
from ozon_urgent.cli.app import app
from ozon_urgent.reporters.ledger_status import CSV_COLUMNS

TODAY = date(2026, 11, 30)
NOW = "2026-11-30T12:00:00+03:00"  # a Monday in Moscow
# Store number → (store name, days before TODAY its notification came): the appeal window is 7 days.
STORES = {
    1: ("Sunrise Auto Parts", 10),  # deadline 27.11: 3 days late
    2: ("Crystal Lighting", 7),  # deadline today
    3: ("日出汽配", 3),  # deadline in 4 days
    4: ("=Formula Store", 0),  # deadline in 7 days: outside "week"
}


def _case(root: Path, number: int, folder: str = "appeal-2026-11", **changes: Any) -> Path:
    name, age = STORES.get(number, (f"Store {number}", 8))
    received = (TODAY - timedelta(days=age)).isoformat()
    case = variant(
        "carrier_failure",
        {
            "case_id": f"appeal-2026-11-s{number}",
            "seller.store_name": name,
            "seller.client_id": str(4_100_000 + number),
            "notification.received": received,
            "affected.postings": [f"{80_000_000 + number}-0001-1"],
            **changes,
        },
    )
    return write_case(root / "cases" / f"store-{number}" / folder, case)


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[int, Path]:
    """Four stores' cases in `cases/`, the cwd; store 1 recorded as filed, store 2 only in the ledger's
    past (recorded), stores 3 and 4 never built. Commands run with the ledger and clock in `env`."""
    monkeypatch.chdir(tmp_path)
    return {number: _case(tmp_path, number) for number in STORES}


def _env(tmp_path: Path) -> dict[str, str]:
    return {"OZON_URGENT_LEDGER": str(tmp_path / "agency.sqlite3"), "OZON_URGENT_NOW": NOW}


def _json(run_cli: RunCli, env: dict[str, str], *args: str | Path) -> dict[str, Any]:
    result = run_cli("status", "--format", "json", "--today", TODAY.isoformat(), *args, env=env)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_case_with_its_deadline_and_exact_command(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]
) -> None:
    env = _env(tmp_path)
    relative = {number: path.relative_to(tmp_path) for number, path in agency.items()}
    filed = run_cli("record", relative[2], "--ref", "OZ-4100011", "--at", "2026-11-24T10:00", env=env)
    assert filed.exit_code == 0, filed.stderr
    data = _json(run_cli, env, "cases")
    rows = {row["case_id"]: row for row in data["tickets"]}
    assert len(rows) == 4
    late = rows["appeal-2026-11-s1"]
    assert (late["state"], late["client_id"], late["store_name"]) == (
        "not_built",
        "4100001",
        "Sunrise Auto Parts",
    )
    assert (late["notification_received"], late["appeal_deadline"], late["days_left"]) == (
        "2026-11-20",
        "2026-11-27",
        -3,
    )
    assert late["next_command"] == f"ozon-urgent build {relative[1]}"
    waiting = rows["appeal-2026-11-s2"]
    assert waiting["state"] == "followup_due" and waiting["reference"] == "OZ-4100011"
    assert (
        waiting["appeal_deadline"] == "2026-11-30" and waiting["deadline"] == "2026-11-28"
    )  # the follow-up's
    assert waiting["next_command"] == f"ozon-urgent followup {relative[2]}"
    # most urgent first: the appeal late since Friday, the follow-up due since Saturday, then the rest
    assert [row["case_id"][-2:] for row in data["tickets"]] == ["s1", "s2", "s3", "s4"]
    by_store = {store["client_id"]: store for store in data["stores"]}
    assert by_store["4100003"]["store_name"] == "日出汽配" and by_store["4100003"]["cases"] == 1
    # s1 is late for its appeal; s2 is not late for anything: it may be followed up
    assert (data["totals"]["overdue"], data["totals"]["followup_open"]) == (1, 1)
    assert data["totals"]["states"]["not_built"] == 3


def test_a_built_case_shows_its_appeal_deadline_and_the_record_command(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]
) -> None:
    env = _env(tmp_path)
    # notified 22.11 (8 days before TODAY), built on the 26th, not filed: a day late by TODAY
    _case(tmp_path, 5)
    built = run_cli("build", "--today", "2026-11-26", "--out", "out", "cases/store-5", env=env)
    assert built.exit_code == 0, built.stdout
    # without paths, the ledger's row alone: its stored case file gives the notification and the command
    [row] = _json(run_cli, env)["tickets"]
    assert (row["state"], row["appeal_deadline"], row["days_left"]) == ("built", "2026-11-29", -1)
    command = "ozon-urgent record cases/store-5/appeal-2026-11/case.yaml --ref <Reference ID>"
    assert row["next_command"] == command
    data = _json(run_cli, env, "cases")
    assert [row["case_id"][-2:] for row in data["tickets"]] == ["s1", "s5", "s2", "s3", "s4"]
    text = run_cli("status", "--today", TODAY.isoformat(), "cases", env=env).stdout
    assert "2026-11-29 (1 d late)  built, not filed  Store 5 (4100005)" in text
    assert f"→ file it in Seller Center, then record its Reference ID: {command}" in text
    assert "→ build the pack: ozon-urgent build cases/store-1/appeal-2026-11/case.yaml" in text
    assert "日出汽配 (4100003)" in text and "By store:" in text
    # under zh: the placeholder `--help` and FILING.md use, and the scenario's name instead of its code
    zh = run_cli("status", "--today", TODAY.isoformat(), "--lang", "zh", "cases", env=env).stdout
    assert (
        "record cases/store-5/appeal-2026-11/case.yaml --ref <工单编号>" in zh and "Reference ID>" not in zh
    )
    assert zh.count("第三方承运商故障导致准时交付率下降") == 5 and "carrier_failure" not in zh, zh


def test_csv_read_back_with_the_byte_order_mark(tmp_path: Path, agency: dict[int, Path]) -> None:
    result = CliRunner().invoke(
        app, ["status", "--format", "csv", "--today", TODAY.isoformat(), "cases"], env=_env(tmp_path)
    )
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header, *rows = list(reader)
    assert tuple(header) == CSV_COLUMNS
    table = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(table) == 4 and {row["state"] for row in table} == {"not_built"}
    names = {row["store_name"] for row in table}
    assert "日出汽配" in names and "'=Formula Store" in names  # no formula for Excel to run
    first = table[0]
    assert (first["case_id"], first["deadline"], first["next_command"]) == (
        "appeal-2026-11-s1",
        "2026-11-27",
        "ozon-urgent build cases/store-1/appeal-2026-11/case.yaml",
    )


@pytest.mark.parametrize(
    ("due", "stores"), [("overdue", ["s1"]), ("today", ["s1", "s2"]), ("week", ["s1", "s2", "s3"])]
)
def test_due_filters_on_a_fixed_today(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path], due: str, stores: list[str]
) -> None:
    data = _json(run_cli, _env(tmp_path), "cases", "--due", due)
    assert [row["case_id"][-2:] for row in data["tickets"]] == stores


def test_store_by_name_or_client_id(run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]) -> None:
    env = _env(tmp_path)
    by_name = _json(run_cli, env, "cases", "--store", "crystal  lighting")
    by_id = _json(run_cli, env, "cases", "--store", "4100002")
    assert [row["case_id"] for row in by_name["tickets"]] == ["appeal-2026-11-s2"]
    assert by_name["tickets"] == by_id["tickets"]
    nothing = run_cli("status", "cases", "--store", "Moon Shop", "--due", "overdue", env=env)
    assert nothing.exit_code == 0
    assert "no case matches --store 'Moon Shop' --due overdue" in nothing.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--scenario", "carrier"], "did you mean carrier_failure? Choose one of: misjudged_delisting, "),
        (["--scenario", "lost_parcel"], "; choose one of: misjudged_delisting, rating_drop_restriction, "),
        (["--state", "filed"], "choose one of: not_built, built, waiting, followup_due, resolved,"),
        (["--due", "tomorrow"], "'tomorrow' is not one of 'overdue', 'today', 'week'"),
    ],
)
def test_unknown_values_are_usage_errors(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path], args: list[str], said: str
) -> None:
    result = run_cli("status", "cases", *args, env=_env(tmp_path))
    assert result.exit_code == 2 and said in result.stderr and result.stdout == ""


def test_two_stores_with_the_same_folder_are_two_rows(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]
) -> None:
    _case(tmp_path, 1, "again", case_id=None)
    _case(tmp_path, 2, "again", case_id=None)
    data = _json(run_cli, _env(tmp_path), "cases", "--scenario", "carrier_failure")
    again = [(row["client_id"], row["case_id"]) for row in data["tickets"] if row["case_id"] == "again"]
    assert sorted(again) == [("4100001", "again"), ("4100002", "again")]
    assert _json(run_cli, _env(tmp_path), "cases", "--state", "waiting")["tickets"] == []


def test_states_are_judged_as_of_the_day_asked_for(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]
) -> None:
    """Planning tomorrow: a follow-up that falls due then shows as due, not as waiting."""
    env = _env(tmp_path)
    # Filed Friday 27.11: Monday to Wednesday are the three working days, so due Thursday 00:00 MSK.
    filed = run_cli("record", agency[3], "--ref", "OZ-4100013", "--at", "2026-11-27T10:00", env=env)
    assert filed.exit_code == 0, filed.stderr

    def state(day: str) -> str:
        result = run_cli("status", "--format", "json", "--today", day, "cases", env=env)
        [row] = [r for r in json.loads(result.stdout)["tickets"] if r["case_id"] == "appeal-2026-11-s3"]
        return str(row["state"])

    assert state(TODAY.isoformat()) == "waiting"  # Monday, the clock's own day
    assert state("2026-12-02") == "waiting"  # Wednesday: the third working day still running
    assert state("2026-12-03") == "followup_due"  # Thursday


def test_a_follow_up_allowed_is_not_overdue(run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]) -> None:
    """The first day a follow-up is allowed is no deadline: past it, the seller may follow up, and nothing
    is late; the appeal deadline of a case not filed is one, and is late once past."""
    env = _env(tmp_path)
    filed = run_cli("record", agency[2], "--ref", "OZ-4100011", "--at", "2026-11-24T10:00", env=env)
    assert filed.exit_code == 0, filed.stderr
    args = ("status", "--today", TODAY.isoformat(), "cases")
    en = run_cli(*args, env=env).stdout
    summary = "1 past the appeal deadline, 0 due today, 1 due in the 6 days after today; 1 may be followed up"
    assert summary in en
    assert "2026-11-27 (3 d late)" in en  # s1's appeal deadline
    assert "2026-11-28 (follow-up allowed, 2 d ago)  no reply: may follow up" in en
    assert "you may follow up now (allowed since 28.11.2026 00:00 MSK)" in en
    zh = run_cli(*args, "--lang", "zh", env=env).stdout
    assert "申诉：已超期 1 件，今天到期 0 件，未来 6 天内（不含今天）到期 1 件；可跟进 1 件" in zh
    assert f"，共 {len(agency)} 件案件；" in zh  # cases counted with 件 in the header as in the summary
    assert "2026-11-27（超期 3 天）" in zh and "2026-11-28（已可跟进 2 天）  未答复：可以跟进" in zh
    assert zh.count("超期") == 3, zh  # the summary, s1's row and the totals' column: not the follow-up
    overdue = _json(run_cli, env, "cases", "--due", "overdue")
    assert [row["case_id"][-2:] for row in overdue["tickets"]] == ["s1"]
    today = _json(run_cli, env, "cases", "--due", "today")  # something to do today: the follow-up too
    assert [row["case_id"][-2:] for row in today["tickets"]] == ["s1", "s2"]


def test_one_store_named_two_ways_is_counted_once_under_the_usual_name(
    run_cli: RunCli, tmp_path: Path, agency: dict[int, Path]
) -> None:
    """Store 1's second and third cases: one gives its name otherwise. The totals are one row, under the
    name most of its cases give, and the text says which names differ and which one it shows."""
    _case(tmp_path, 1, "b", case_id="b", **{"seller.store_name": "Sunrise Parts"})
    _case(tmp_path, 1, "c", case_id="c")
    env = {**_env(tmp_path), "OZON_URGENT_LANG": "zh"}
    data = _json(run_cli, env, "cases")
    [store] = [store for store in data["stores"] if store["client_id"] == "4100001"]
    assert (store["store_name"], store["cases"]) == ("Sunrise Auto Parts", 3)
    text = run_cli("status", "--today", TODAY.isoformat(), "cases", env=env).stdout
    assert text.count("Sunrise Auto Parts (4100001)") == 3  # two case rows and the store's totals
    assert "Sunrise Parts (4100001)" in text  # the odd case's own row keeps its own name
    said = "同一 Client ID 4100001 在不同案件里的店铺名称不一致（“Sunrise Auto Parts”、“Sunrise Parts”）"
    assert said + "：请统一为卖家后台显示的名称。上表按“Sunrise Auto Parts”汇总。" in text
    assert "在不同案件里的店铺名称不一致" not in run_cli("status", "cases/store-2", env=env).stdout
