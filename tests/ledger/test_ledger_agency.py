"""An agency's day: 30 stores, one folder per case, checked, built and recorded into one ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factories import make_jpeg, make_pdf, variant, write_case
from kit.cli import RunCli
from ozon_urgent.ledger import list_tickets, open_ledger

STORES = 30
SCENARIOS = ("carrier_failure", "carrier_failure", "malicious_returns", "response_time_penalty")
NOW = "2026-11-26T15:00:00+03:00"


def _store_case(root: Path, number: int, client_id: str, postings: list[str]) -> Path:
    """Store `number`'s case in its own folder as case.yaml; every other one without a case_id."""
    scenario = SCENARIOS[number % len(SCENARIOS)]
    folder = root / f"store-{number:02d}"
    case: dict[str, Any] = variant(
        scenario,
        {
            "case_id": f"store-{number:02d}-{scenario.replace('_', '-')}" if number % 2 else None,
            "seller.store_name": f"Store {number:02d}",
            "seller.client_id": client_id,
            "affected.postings": postings,
        },
    )
    for item in case["evidence"]:  # each store's own documents, so no two sellers share a file
        target = folder / item["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            make_jpeg(text=f"store {number}") if target.suffix == ".jpg" else make_pdf(f"{number}")
        )
    return write_case(folder, case)


@pytest.fixture
def agency(tmp_path: Path) -> tuple[list[Path], dict[Path, str]]:
    """30 stores; stores 0 and 1 (other sellers) report the same postings; every store its own Client ID."""
    files, clients = [], {}
    for number in range(STORES):
        client_id = str(2_000_000 + number)
        shared = number in (0, 1)
        postings = ["57195475-0050-3"] if shared else [f"{80_000_000 + number}-0001-1"]
        path = _store_case(tmp_path / "stores", number, client_id, postings)
        files.append(path)
        clients[path] = client_id
    return files, clients


def test_thirty_stores_checked_built_recorded_and_listed_by_store(
    run_cli: RunCli, tmp_path: Path, agency: tuple[list[Path], dict[Path, str]]
) -> None:
    files, clients = agency
    ledger = tmp_path / "agency.sqlite3"
    env = {"OZON_URGENT_LEDGER": str(ledger), "OZON_URGENT_NOW": NOW}
    checked = run_cli("check", "--format", "json", tmp_path / "stores", env=env)
    cases = json.loads(checked.stdout)["cases"]
    assert checked.exit_code == 0, checked.stdout
    assert len({case["case_id"] for case in cases}) == STORES  # no two named `case`
    assert not any(f["code"] == "B001" for case in cases for f in case["findings"])

    built = run_cli("build", "--format", "json", "--out", tmp_path / "out", tmp_path / "stores", env=env)
    envelope = json.loads(built.stdout)
    assert built.exit_code == 0, built.stdout
    assert envelope["summary"]["built"] == STORES
    by_store = {c["case_id"]: clients[Path(c["file"])] for c in cases}
    packs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").glob("*/*"))
    assert packs == sorted(f"{client}/{case_id}" for case_id, client in by_store.items())

    for number, path in enumerate(files):
        recorded = run_cli("record", path, "--ref", f"SR-1126-{number:04d}", env=env)
        assert recorded.exit_code == 0, recorded.stderr  # stores 0 and 1 share postings: no B007

    store = open_ledger(str(ledger))
    try:
        with store.read():
            tickets = list_tickets(store)
    finally:
        store.close()
    assert len(tickets) == STORES
    by_folder = {Path(t.case_file or "").parent.name: t for t in tickets}
    for path in files:
        ticket = by_folder[path.parent.name]
        assert ticket.client_id == clients[path] and ticket.reference is not None
        assert ticket.store_name == f"Store {path.parent.name[-2:]}"
        assert Path(ticket.pack_path).is_absolute() and Path(ticket.pack_path).is_dir()
        assert Path(ticket.pack_path) == tmp_path / "out" / ticket.client_id / ticket.case_id

    status = run_cli("status", "--format", "json", "--client", "2000007", "--client", "2000011", env=env)
    listed = json.loads(status.stdout)["tickets"]
    assert sorted(t["client_id"] for t in listed) == ["2000007", "2000011"]
    assert {t["store_name"] for t in listed} == {"Store 07", "Store 11"}
    text = run_cli("status", "--client", "2000007", env=env).stdout
    assert "Store 07 (2000007)" in text and "Store 11" not in text


def test_a_second_case_of_the_same_seller_is_a_duplicate(
    run_cli: RunCli, tmp_path: Path, agency: tuple[list[Path], dict[Path, str]]
) -> None:
    files, _ = agency
    env = {"OZON_URGENT_LEDGER": str(tmp_path / "l.sqlite3"), "OZON_URGENT_NOW": NOW}
    first, other_seller = files[0], files[1]  # the same posting, two sellers
    assert run_cli("record", first, "--ref", "SR-1", env=env).exit_code == 0
    assert run_cli("record", other_seller, "--ref", "SR-2", env=env).exit_code == 0
    again = variant("carrier_failure", {"case_id": "store-00-again", "seller.client_id": "2000000"})
    again["affected"]["postings"] = ["57195475-0050-3"]
    path = write_case(tmp_path / "store-00-again", again)
    result = run_cli("build", "--out", tmp_path / "out", path, env=env)
    assert result.exit_code == 1 and "B007" in result.stdout and "SR-1" in result.stdout
    assert "SR-2" not in result.stdout
    assert not any((tmp_path / "out").iterdir())  # no pack, and no empty folder of its store


def test_status_filters_by_scenario_and_state(run_cli: RunCli, tmp_path: Path) -> None:
    env = {"OZON_URGENT_LEDGER": str(tmp_path / "l.sqlite3"), "OZON_URGENT_NOW": NOW}
    paths = [_store_case(tmp_path, n, str(3_000_000 + n), [f"{70_000_000 + n}-0001-1"]) for n in range(4)]
    assert run_cli("build", "--out", tmp_path / "out", *paths, env=env).exit_code == 0
    assert run_cli("record", paths[2], "--ref", "SR-9", env=env).exit_code == 0
    waiting = json.loads(run_cli("status", "-f", "json", "--state", "waiting", env=env).stdout)["tickets"]
    assert [t["reference"] for t in waiting] == ["SR-9"]
    carrier = json.loads(run_cli("status", "-f", "json", "--scenario", "carrier_failure", env=env).stdout)
    assert sorted(t["scenario"] for t in carrier["tickets"]) == ["carrier_failure", "carrier_failure"]
    nothing = run_cli("status", "--client", "999", "--state", "resolved", env=env)
    assert nothing.exit_code == 0 and "no case matches --store 999 --state resolved" in nothing.stdout
    wrong = run_cli("status", "--state", "lost", env=env)
    assert wrong.exit_code == 2 and "lost" in wrong.stderr
