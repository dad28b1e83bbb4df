"""A case kept after filing (`filed:`) stops raising the checks that only matter before filing."""

from __future__ import annotations

import json
from pathlib import Path

from factories import variant, write_case
from kit.cli import RunCli

# Months after the notification (2026-11-22) and the evidence: the window and the evidence have aged.
LATER = "2027-06-01"


def _codes(run_cli: RunCli, path: Path, *args: str) -> tuple[int, set[str]]:
    result = run_cli("check", "--no-content", "--format", "json", "--today", LATER, *args, path)
    [case] = json.loads(result.stdout)["cases"]
    return result.exit_code, {finding["code"] for finding in case["findings"]}


def test_a_filed_case_does_not_age_into_failing(run_cli: RunCli, tmp_path: Path) -> None:
    kept = write_case(tmp_path / "kept", variant("carrier_failure", {}))
    code, codes = _codes(run_cli, kept)
    assert code == 1 and {"C160", "C151"} <= codes  # not filed: the window and the evidence went stale
    filed = write_case(
        tmp_path / "filed",
        variant("carrier_failure", {"filed": {"reference": "OZ-4100011", "at": "2026-11-24"}}),
    )
    code, codes = _codes(run_cli, filed, "--strict")
    assert code == 0 and not codes & {"C160", "C151"}, codes


def test_a_filed_case_is_still_checked_otherwise(run_cli: RunCli, tmp_path: Path) -> None:
    changes = {"filed": {"reference": "OZ-4100011", "at": "2026-11-24"}, "period": None}
    path = write_case(tmp_path, variant("carrier_failure", changes))
    code, codes = _codes(run_cli, path)
    assert code == 1 and "C140" in codes and "C160" not in codes  # the missing period still fails


def test_filed_must_name_a_reference_and_a_date(run_cli: RunCli, tmp_path: Path) -> None:
    changes = {"filed": {"reference": "OZ 41", "at": "24.11.2026"}}
    path = write_case(tmp_path, variant("carrier_failure", changes))
    result = run_cli("check", "--no-content", "--format", "json", path)
    findings = json.loads(result.stdout)["cases"][0]["findings"]
    assert result.exit_code == 1
    assert {f["path"] for f in findings if f["code"].startswith("S")} >= {"filed.reference", "filed.at"}


def test_a_case_the_ledger_holds_as_filed_does_not_age_into_failing(run_cli: RunCli, tmp_path: Path) -> None:
    """On the seller's machine the ledger knows what was filed: `record` is enough, no `filed:` needed."""
    case = write_case(tmp_path / "case", variant("carrier_failure", {}))
    ledger = tmp_path / "ledger.sqlite3"
    recorded = run_cli("record", case, "--ref", "OZ-4100011", "--ledger", ledger, "--at", "2026-11-24T10:00")
    assert recorded.exit_code == 0, recorded.stderr
    before = ledger.read_bytes()
    code, codes = _codes(run_cli, case, "--strict", "--ledger", str(ledger))
    assert code == 0 and not codes & {"C160", "C151"}, codes
    assert ledger.read_bytes() == before  # read, never written

    elsewhere = tmp_path / "no-such-folder" / "ledger.sqlite3"
    code, codes = _codes(run_cli, case, "--ledger", str(elsewhere))
    assert code == 1 and {"C160", "C151"} <= codes  # a ledger that does not exist holds nothing filed
    assert not elsewhere.parent.exists()  # and check does not create it
