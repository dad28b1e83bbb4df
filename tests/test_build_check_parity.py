"""`build` and `check` report the same findings for the same case (issue 27): the gate judges every
evidence file, and a case that already has an error still has its evidence judged, before it is refused."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from factories import base_case, make_pdf, variant, write_case
from kit.cli import RunCli

_CODE = re.compile(r": ([A-Z]\d{3}) [a-z]+: ")  # every severity, notes included


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 1200), "white").save(out, "PNG")
    return out.getvalue()


def _codes(stdout: str) -> set[str]:
    return set(_CODE.findall(stdout))


def _both(run_cli: RunCli, case: Path, out: Path) -> tuple[set[str], set[str]]:
    checked = run_cli("check", "--no-cache", case)
    built = run_cli("build", "--no-cache", "--out", out, case)
    assert checked.exit_code == built.exit_code == 1, (checked.stdout, built.stdout)
    assert not out.exists() or not any(out.rglob("ticket.txt")), "a case with errors builds no pack"
    return _codes(checked.stdout), _codes(built.stdout)


def _with_bad_files(case: dict[str, Any], folder: Path) -> None:
    """The first evidence file over 5 MB (A201), the second a PNG (A202), both on disk before the case."""
    first, second = case["evidence"][0], case["evidence"][1]
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / first["file"]).write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10))
    second["file"] = "evidence/screen.jpg"
    (folder / second["file"]).write_bytes(_png())


def test_a_file_over_the_limit_does_not_hide_the_next_file_s_problem(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    assert len(case["evidence"]) >= 2
    _with_bad_files(case, tmp_path / "case")
    path = write_case(tmp_path / "case", case)
    checked, built = _both(run_cli, path, tmp_path / "out")
    assert {"A201", "A202"} <= checked
    assert built == checked


@pytest.mark.parametrize("change", [{"request": None}, {"explanation.ru_reviewed": "yes"}])
def test_a_case_with_another_error_still_has_its_evidence_judged(
    run_cli: RunCli, tmp_path: Path, change: dict[str, Any]
) -> None:
    case = variant("carrier_failure", change)
    _with_bad_files(case, tmp_path / "case")
    path = write_case(tmp_path / "case", case)
    checked, built = _both(run_cli, path, tmp_path / "out")
    assert {"A201", "A202"} <= checked
    assert built == checked


def test_json_reports_of_both_name_the_same_findings(run_cli: RunCli, tmp_path: Path) -> None:
    case = base_case("carrier_failure")
    _with_bad_files(case, tmp_path / "case")
    path = write_case(tmp_path / "case", case)
    checked = run_cli("check", "--no-cache", "--format", "json", path)
    built = run_cli("build", "--no-cache", "--format", "json", "--out", tmp_path / "out", path)

    def found(stdout: str) -> list[tuple[str, str]]:
        cases = json.loads(stdout)["cases"]
        return sorted((f["code"], f.get("path") or "") for c in cases for f in c["findings"])

    assert found(built.stdout) == found(checked.stdout)


def test_a_refused_case_still_hears_of_a_file_another_seller_attached(
    run_cli: RunCli, tmp_path: Path
) -> None:
    shared = make_pdf("Waybill 57195475-0050-3 shared by mistake")
    files = []
    for number, (client, request) in enumerate((("1111111", "exclude_period"), ("2222222", None))):
        case = variant(
            "carrier_failure", {"case_id": f"case-{number}", "seller.client_id": client, "request": request}
        )
        folder = tmp_path / f"case-{number}"
        (folder / "evidence").mkdir(parents=True)
        (folder / case["evidence"][0]["file"]).write_bytes(shared)
        files.append(write_case(folder, case))

    def found(stdout: str) -> dict[str, set[str]]:
        return {c["case_id"]: {f["code"] for f in c["findings"]} for c in json.loads(stdout)["cases"]}

    checked = found(run_cli("check", "--no-cache", "--format", "json", *files).stdout)
    built = found(
        run_cli("build", "--no-cache", "--format", "json", "--out", tmp_path / "out", *files).stdout
    )
    assert "B006" in checked["case-1"] and "C110" in checked["case-1"]
    assert built == checked


def test_a_case_whose_files_are_all_missing_reports_the_same(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path / "case", base_case("carrier_failure"), with_files=False)
    checked, built = _both(run_cli, path, tmp_path / "out")
    assert "C180" in checked
    assert built == checked
