"""The text report of many cases: the totals first as well once the findings run past a screen, and
`-q` with only the failing cases' problems."""

from __future__ import annotations

from pathlib import Path

from factories import variant, write_case
from kit.cli import RunCli

TOTALS = "case(s) checked"


def _cases(root: Path, count: int, failing: int) -> None:
    """`count` clean cases, the first `failing` of them with an error (C110)."""
    for number in range(count):
        changes: dict[str, object] = {"case_id": f"case-{number:03d}"}
        if number < failing:
            changes["request"] = None  # C110: an error
        write_case(root / f"c{number:03d}", variant("carrier_failure", changes))


def test_a_short_report_has_its_totals_at_the_end_only(run_cli: RunCli, tmp_path: Path) -> None:
    _cases(tmp_path, 3, 1)
    lines = run_cli("check", "--no-content", tmp_path).stdout.splitlines()
    assert TOTALS in lines[-1] and sum(TOTALS in line for line in lines) == 1


def test_a_long_report_has_its_totals_first_too(run_cli: RunCli, tmp_path: Path) -> None:
    _cases(tmp_path, 40, 30)
    result = run_cli("check", "--no-content", tmp_path)
    lines = result.stdout.splitlines()
    assert len(lines) > 50
    assert lines[0] == lines[-1] and lines[0].startswith("40 case(s) checked, 30 failing: 30 error(s)")
    assert lines[1] == "" and ": C110 error: " in lines[2]  # then the findings, compiler style
    assert result.exit_code == 1


def test_quiet_shows_only_the_failing_cases(run_cli: RunCli, tmp_path: Path) -> None:
    failing = write_case(tmp_path / "a", variant("carrier_failure", {"case_id": "a", "request": None}))
    noted = write_case(tmp_path / "b", variant("carrier_failure", {"case_id": "b", "as_of": "2026-11-25"}))
    warned = write_case(tmp_path / "c", variant("sync_delay", {"case_id": "c"}))  # B005: same postings
    loud = run_cli("check", "--no-content", tmp_path)
    quiet = run_cli("check", "--no-content", "-q", tmp_path)
    assert quiet.exit_code == loud.exit_code == 1
    assert f"{noted}:" in loud.stdout and f"{warned}:" in loud.stdout  # a note, warnings: both pass
    heads = [line for line in quiet.stdout.splitlines() if not line.startswith("    ")]
    assert {line.split(":")[0] for line in heads} == {str(failing)}, quiet.stdout
    assert {line.split(" ")[1] for line in heads} == {"C110", "B005"}  # its error and its warnings
    assert TOTALS not in quiet.stdout
