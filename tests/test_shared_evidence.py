"""B006: one evidence file in cases of different sellers is reported on every case that holds it, in
`check` and in `build`, the first case as well as the later ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import make_pdf, variant, write_case
from kit.cli import RunCli

SHARED = make_pdf("Waybill 57195475-0050-3 shared by mistake")


def _case(root: Path, name: str, client: str) -> Path:
    folder = root / name
    case = variant("carrier_failure", {"case_id": name, "seller.client_id": client})
    (folder / "evidence").mkdir(parents=True)
    (folder / case["evidence"][0]["file"]).write_bytes(SHARED)
    for entry in case["evidence"][1:]:  # each case's other files its own
        (folder / entry["file"]).write_bytes(make_pdf(f"Voucher of {name}"))
    return write_case(folder, case)


def _b006(result_stdout: str) -> dict[str, list[str]]:
    cases = json.loads(result_stdout)["cases"]
    return {c["case_id"]: [f["message"] for f in c["findings"] if f["code"] == "B006"] for c in cases}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    "clients",
    [("1111111", "2222222", "3333333"), ("1111111", "1111111", "2222222"), ("1111111", "2222222", "1111111")],
)
def test_every_case_sharing_the_file_hears_of_it(
    run_cli: RunCli, tmp_path: Path, command: str, clients: tuple[str, str, str]
) -> None:
    files = [_case(tmp_path / "cases", f"case-{n}", client) for n, client in enumerate(clients)]
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    result = run_cli(command, "--format", "json", *extra, *files)
    found = _b006(result.stdout)
    assert all(len(messages) == 1 for messages in found.values()), found
    for number, client in enumerate(clients):
        [message] = found[f"case-{number}"]
        other = next(c for c in clients if c != client)
        assert f"Client ID {other}" in message, (number, message)
    if command == "build":
        assert json.loads(result.stdout)["summary"]["built"] == 3  # a warning builds; the report says it


def test_one_seller_s_cases_sharing_a_file_are_not_told(run_cli: RunCli, tmp_path: Path) -> None:
    files = [_case(tmp_path, f"case-{n}", "1111111") for n in range(3)]
    found = _b006(run_cli("check", "--format", "json", *files).stdout)
    assert found == {"case-0": [], "case-1": [], "case-2": []}
