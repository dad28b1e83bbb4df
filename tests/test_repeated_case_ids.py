"""Two stores' cases with one case_id (`cases/<store>/appeal-2026-11/case.yaml`) are told apart in the
text summary and in JUnit: the path from their common folder follows the repeated id."""

from __future__ import annotations

import re
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
