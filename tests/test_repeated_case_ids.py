"""Two stores' cases with one case_id (`cases/<store>/appeal-2026-11/case.yaml`) are told apart in the
text summary and in JUnit: the path from their common folder follows the repeated id."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from junitparser import JUnitXml

from factories import variant, write_case
from kit.cli import RunCli


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two stores with an `appeal-2026-11` folder each (named after it: no case_id) and one other case;
    every case has an error, so each has a row."""
    monkeypatch.chdir(tmp_path)
    files = []
    for store, client in (("crystal", "1111111"), ("sunrise", "2222222")):
        case = variant("carrier_failure", {"case_id": None, "seller.client_id": client, "request": None})
        files.append(write_case(Path("cases") / store / "appeal-2026-11", case))
    other = variant("carrier_failure", {"case_id": "lone-case", "request": None})
    files.append(write_case(Path("cases") / "crystal" / "lone", other))
    return files


def test_the_summary_table_tells_repeated_ids_apart(run_cli: RunCli, agency: list[Path]) -> None:
    text = run_cli("check", *agency).stdout
    rows = [line.split("  ")[0] for line in text.splitlines() if re.match(r"^\S.*\s+carrier_failure\s", line)]
    assert rows == [
        "appeal-2026-11 (crystal/appeal-2026-11/case.yaml)",
        "appeal-2026-11 (sunrise/appeal-2026-11/case.yaml)",
        "lone-case",  # an id used once stays as it is
    ], text


def test_junit_names_are_unique(run_cli: RunCli, agency: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    run_cli("check", "--format", "junit", "--output", report, *agency)
    cases = [case for suite in JUnitXml.fromfile(str(report)) for case in suite]
    names = [(case.classname, case.name) for case in cases]
    assert len(set(names)) == len(names) == 3, names
    assert [name for _, name in names] == [
        "appeal-2026-11 (crystal/appeal-2026-11/case.yaml)",
        "appeal-2026-11 (sunrise/appeal-2026-11/case.yaml)",
        "lone-case",
    ]


@pytest.fixture
def filed_and_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> tuple[Path, Path]:
    """In the default ledger (the user data folder), a filed case, and its folder copied for a new case
    and judged 11 days after the notification (C160's window is 7): the copy keeps the same `case_id`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OZON_URGENT_LEDGER")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("OZON_URGENT_TODAY", "2026-12-03")
    old = write_case(Path("cases") / "first", variant("carrier_failure", {}))
    recorded = run_cli("record", old, "--ref", "OZ-4100011", "--at", "2026-11-23T12:00")
    assert recorded.exit_code == 0, recorded.stderr
    assert (tmp_path / "data" / "ozon-urgent" / "ledger.sqlite3").is_file()  # the default ledger
    new = Path("cases") / "second" / "case.yaml"
    shutil.copytree(old.parent, new.parent)
    return old, new


def test_a_copied_case_is_judged_as_not_filed(run_cli: RunCli, filed_and_copied: tuple[Path, Path]) -> None:
    old, new = filed_and_copied
    assert "C160" not in run_cli("check", old).stdout  # the filed case: its window no longer judged
    checked = run_cli("check", new)
    assert "C160" in checked.stdout, checked.stdout


def test_build_refuses_a_copied_case_and_names_the_filed_one(
    run_cli: RunCli, filed_and_copied: tuple[Path, Path]
) -> None:
    old, new = filed_and_copied
    built = run_cli("build", "--format", "json", "--out", "out", new)
    assert built.exit_code == 1, built.stdout
    [case] = json.loads(built.stdout)["cases"]
    [finding] = [f for f in case["findings"] if f["code"] == "B001"]
    assert finding["severity"] == "error" and case["build"] != "skipped"
    assert str(old.resolve()) in finding["message"] and "OZ-4100011" in finding["message"]
    assert "23.11.2026 12:00 MSK" in finding["message"]
    assert "test-carrier-failure-2" in finding["hint"] and f"followup {old.resolve()}" in finding["hint"]
    assert not Path("out").exists() or not any(Path("out").rglob("ticket.txt"))
    zh = run_cli("build", "--lang", "zh", "--out", "out", new).stdout
    assert "已被另一个已提交的案件使用" in zh and "未生成工单包" in zh
    # The filed case itself is still kept as filed (B011), not refused.
    kept = json.loads(run_cli("build", "--format", "json", "--out", "out", old).stdout)["cases"][0]
    assert [f["code"] for f in kept["findings"] if f["code"].startswith("B")] == ["B011"]


def test_a_moved_case_folder_is_still_the_filed_case(
    run_cli: RunCli, filed_and_copied: tuple[Path, Path]
) -> None:
    old, new = filed_and_copied
    shutil.rmtree(old.parent)  # the copy is now the filed case's only file: moved, not a new case
    assert "C160" not in run_cli("check", new).stdout
    kept = json.loads(run_cli("build", "--format", "json", "--out", "out", new).stdout)["cases"][0]
    assert "B011" in [f["code"] for f in kept["findings"]]


def test_record_followup_and_resolve_refuse_a_copied_case(
    run_cli: RunCli, filed_and_copied: tuple[Path, Path]
) -> None:
    """From the copy, none of them may touch the filed case's row (`--amend` would rewrite its record)."""
    old, new = filed_and_copied
    for args in (
        ["record", new, "--ref", "OZ-4100012"],
        ["record", new, "--ref", "OZ-4100012", "--amend"],
        ["followup", new, "--out", "out"],
        ["resolve", new, "--outcome", "resolved"],
    ):
        refused = run_cli(*args)
        assert refused.exit_code == 1, (args, refused.stderr)
        assert f"another case that was filed, {old.resolve()}" in refused.stderr, refused.stderr
        assert "test-carrier-failure-2" in refused.stderr
    zh = run_cli("record", new, "--ref", "OZ-4100012", "--lang", "zh").stderr
    assert "已被已提交的案件" in zh and "本次未登记任何内容" in zh
    assert "OZ-4100011" in run_cli("status", "--format", "json").stdout  # the filed row as it was
    assert "OZ-4100012" not in run_cli("status", "--format", "json").stdout
