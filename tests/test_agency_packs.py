"""An agency's repository: packs by store, a filed pack kept, and `build` run again over unchanged cases.

The repository is generated whole, 300 stores of 1–3 cases each in `cases/<store>/<case>/case.yaml`, the
same case folder names (`appeal-2026-11`, …) in many stores. The tests build a slice of it, the stores
they need: building all 300 is `benchmarks/agency_rebuild.py`'s job.
"""

from __future__ import annotations

import json
import re
import shlex
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import AGENCY_FOLDERS, agency_client_id, make_pdf, variant, write_agency, write_case
from kit.cli import RunCli
from ozon_urgent.ledger import open_ledger
from ozon_urgent.ledger.queries import Ticket, get_ticket
from ozon_urgent.pipeline import repeat

STORES = 300
NOW = "2026-11-26T15:00:00+03:00"


@dataclass(frozen=True)
class Agency:
    root: Path
    stores: list[list[Path]]  # each store's case files

    def client_id(self, store: int) -> str:
        return agency_client_id(store)

    def case(self, store: int, folder: str = "appeal-2026-11") -> Path:
        return self.root / "cases" / f"store-{store:03d}" / folder / "case.yaml"


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Agency:
    monkeypatch.setenv("OZON_URGENT_NOW", NOW)
    monkeypatch.chdir(tmp_path)
    return Agency(tmp_path, write_agency(tmp_path, STORES))


def ticket(client_id: str, case_id: str) -> Ticket | None:
    """The ledger's row of one store's case (the test's own ledger, OZON_URGENT_LEDGER)."""
    with closing(open_ledger()) as store, store.read():
        return get_ticket(store, client_id, case_id)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def build(run_cli: RunCli, *args: str | Path) -> tuple[int, Any]:
    result = run_cli("build", "--format", "json", "--out", "out", *args)
    return result.exit_code, json.loads(result.stdout)


def codes(case: dict[str, Any]) -> set[str]:
    return {str(f["code"]) for f in case["findings"]}


def test_the_generated_agency_has_300_stores_and_shared_folder_names(agency: Agency) -> None:
    assert len(agency.stores) == STORES and {len(s) for s in agency.stores} == {1, 2, 3}
    folders = [path.parent.name for store in agency.stores for path in store]
    assert all(folders.count(name) >= STORES // 3 for name in AGENCY_FOLDERS)


def test_two_stores_with_the_same_case_folder_get_two_packs_and_force_touches_only_its_own(
    run_cli: RunCli, agency: Agency
) -> None:
    crystal, sunrise = agency.case(0), agency.case(1)
    status, report = build(run_cli, crystal, sunrise)
    assert status == 0 and [c["build"] for c in report["cases"]] == ["built", "built"]
    assert not any("B001" in codes(c) for c in report["cases"])
    packs = {store: Path("out", agency.client_id(store), "appeal-2026-11") for store in (0, 1)}
    for store, pack in packs.items():
        assert f"Client ID {agency.client_id(store)}" in (pack / "ticket.txt").read_text("utf-8")
    crystal_before = snapshot(packs[0])

    # Sunrise's case changes: rebuilding it needs --force (B002), and --force replaces Sunrise's pack only.
    text = sunrise.read_text("utf-8").replace("задержаны", "задержаны перевозчиком")
    sunrise.write_text(text, "utf-8")
    status, report = build(run_cli, crystal, sunrise)
    assert status == 1 and [c["build"] for c in report["cases"]] == ["skipped", "refused"]
    assert "B002" in codes(report["cases"][1])
    status, report = build(run_cli, "--force", sunrise)
    assert status == 0 and report["cases"][0]["build"] == "built"
    assert "перевозчиком" in (packs[1] / "ticket.txt").read_text("utf-8")
    assert snapshot(packs[0]) == crystal_before

    rows = [ticket(agency.client_id(n), "appeal-2026-11") for n in (0, 1)]
    assert [row.pack_path for row in rows if row] == [str(packs[n].resolve()) for n in (0, 1)]


def test_a_filed_pack_survives_build_force_and_refiling_takes_a_new_case_id(
    run_cli: RunCli, agency: Agency
) -> None:
    case = agency.case(2)
    assert build(run_cli, case)[0] == 0
    pack = Path("out", agency.client_id(2), "appeal-2026-11")
    recorded = run_cli("record", case, "--ref", "OZ-4100011")
    assert recorded.exit_code == 0, recorded.stderr
    filed = snapshot(pack)
    row = ticket(agency.client_id(2), "appeal-2026-11")
    assert row is not None and row.reference == "OZ-4100011"

    # Unchanged: kept, and the note says where new evidence goes.
    status, report = build(run_cli, case)
    [kept] = report["cases"]
    assert status == 0 and kept["build"] == "skipped" and "B010" in codes(kept)
    assert "OZ-4100011" in str(kept["findings"]) and "ozon-urgent followup" in str(kept["findings"])

    # Changed, then --force: kept with the reason and the two ways on (a warning: a case kept after
    # filing fails no run unless --strict); nothing of the pack or row moves.
    case.write_text(case.read_text("utf-8") + "# one more note\n", "utf-8")
    for args, exit_code in (([case], 0), (["--force", case], 0), (["--strict", case], 1)):
        status, report = build(run_cli, *args)
        [kept] = report["cases"]
        [finding] = [f for f in kept["findings"] if f["code"] == "B011"]
        assert status == exit_code and kept["build"] == "skipped" and finding["severity"] == "warning"
        assert "OZ-4100011" in finding["message"] and str(pack.resolve()) in finding["message"]
        assert f"ozon-urgent followup {case}" in finding["hint"] and "appeal-2026-11-2" in finding["hint"]
        assert snapshot(pack) == filed
    assert ticket(agency.client_id(2), "appeal-2026-11") == row  # its case_sha256 the filed case's

    # Filing again on purpose: a new case_id, a ticket of its own, the 72-hour guard still in force.
    data = yaml.safe_load(case.read_text("utf-8"))
    data["case_id"] = "appeal-2026-11-2"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    status, report = build(run_cli, case)
    assert status == 1 and "B007" in codes(report["cases"][0])
    later = run_cli("build", "--out", "out", case, env={"OZON_URGENT_NOW": "2026-11-30T15:00:00+03:00"})
    assert later.exit_code == 0, later.stdout
    assert Path("out", agency.client_id(2), "appeal-2026-11-2", "ticket.txt").is_file()
    assert snapshot(pack) == filed
    new = ticket(agency.client_id(2), "appeal-2026-11-2")
    assert new is not None and new.reference is None and ticket(agency.client_id(2), "appeal-2026-11") == row


def test_a_filing_recorded_while_the_case_builds_keeps_the_filed_pack(
    run_cli: RunCli, agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`record` in another terminal between build's look at the ledger and its write: the write
    transaction itself refuses, so the pack Ozon received is not replaced."""
    case = agency.case(3)
    assert build(run_cli, case)[0] == 0
    assert run_cli("record", case, "--ref", "OZ-4100012").exit_code == 0
    pack = Path("out", agency.client_id(3), "appeal-2026-11")
    filed, row = snapshot(pack), ticket(agency.client_id(3), "appeal-2026-11")
    # The build read the ledger before the filing was recorded: it saw no ticket.
    monkeypatch.setattr(repeat.Previous, "read", classmethod(lambda cls, *_: cls(None, ())))
    status, report = build(run_cli, "--force", case)
    [kept] = report["cases"]
    assert status == 0 and "B011" in codes(kept) and "OZ-4100012" in str(kept["findings"])
    assert snapshot(pack) == filed and ticket(agency.client_id(3), "appeal-2026-11") == row


def test_a_second_build_of_unchanged_cases_skips_every_one(run_cli: RunCli, agency: Agency) -> None:
    some = [path for store in agency.stores[:12] for path in store]  # 24 cases of 12 stores
    status, first = build(run_cli, *some)
    assert status == 0 and first["summary"]["built"] == len(some)
    before = snapshot(Path("out"))

    status, again = build(run_cli, *some)
    cases = again["cases"]
    assert status == 0, again
    assert again["summary"] == {"cases": 24, "errors": 0, "warnings": 0, "built": 0, "skipped": 24}
    assert all(c["build"] == "skipped" and codes(c) == {"B010"} for c in cases)
    assert snapshot(Path("out")) == before
    text = run_cli("build", "--out", "out", *some[:2]).stdout
    assert "B010" in text and "nothing was rebuilt" in text and "pack written" not in text

    # --force rebuilds an unchanged case; a setting that changes the pack (--lang) needs --force again.
    status, forced = build(run_cli, "--force", some[0])
    assert status == 0 and forced["cases"][0]["build"] == "built"
    status, other_lang = build(run_cli, "--lang", "zh", some[0])
    assert status == 1 and "B002" in codes(other_lang["cases"][0])


@pytest.mark.parametrize("change", ["evidence", "pack_file", "pack_extra"])
def test_a_changed_evidence_file_or_an_edited_pack_is_not_up_to_date(
    run_cli: RunCli, agency: Agency, change: str
) -> None:
    case = agency.case(3)
    assert build(run_cli, case)[0] == 0
    pack = Path("out", agency.client_id(3), "appeal-2026-11")
    if change == "evidence":
        [first, *_] = sorted((case.parent / "evidence").iterdir())
        first.write_bytes(make_pdf("A corrected statement"))
    elif change == "pack_file":
        (pack / "ticket.txt").write_text("the seller's own edit", "utf-8")
    else:
        (pack / "attachments" / "99-extra.pdf").write_bytes(make_pdf("extra"))
    status, report = build(run_cli, case)
    assert status == 1 and "B002" in codes(report["cases"][0])


def test_the_skip_comes_before_any_evidence_is_judged(
    run_cli: RunCli, agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ozon_urgent.pipeline import build as pipeline_build

    some = agency.stores[4] + agency.stores[5]
    assert build(run_cli, *some)[0] == 0

    def judged(*args: object, **kwargs: object) -> None:
        raise AssertionError("evidence judged for a case whose pack is up to date")

    monkeypatch.setattr(pipeline_build, "pass_evidence", judged)
    status, report = build(run_cli, *some)
    assert status == 0 and {c["build"] for c in report["cases"]} == {"skipped"}


def test_filing_names_the_store_s_pack_folder_and_where_followup_writes(
    run_cli: RunCli, agency: Agency
) -> None:
    case = agency.case(6)
    relative = case.relative_to(agency.root)
    assert run_cli("build", "--out", "agency packs", relative).exit_code == 0
    pack = Path("agency packs", agency.client_id(6), "appeal-2026-11")
    filing = (pack / "FILING.md").read_text("utf-8")
    assert f"`{pack.as_posix()}/`" in filing
    [followup] = re.findall(r"^   `(ozon-urgent followup .*)`$", filing, re.M)
    assert shlex.split(followup)[2:] == [str(relative), "--out", "agency packs"]
    assert f"`agency packs/{agency.client_id(6)}/appeal-2026-11-followup-N/`" in filing
    alone = write_case(agency.root / "alone", variant("carrier_failure", {"case_id": "alone"}))
    assert run_cli("build", alone.relative_to(agency.root)).exit_code == 0  # the default --out
    default = (Path("out", "1234567", "alone", "FILING.md")).read_text("utf-8")
    assert "`ozon-urgent followup alone/case.yaml`" in default and "`out/1234567/alone/`" in default
