"""`disable` in a policy: checked against the codes, applied to every finding whatever stage raises it."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import base_case, make_jpeg, variant, write_case
from kit.cli import RunCli


def _policy_case(tmp_path: Path, policy: str) -> Path:
    path = write_case(tmp_path, base_case("carrier_failure"))
    (tmp_path / "ozon-urgent.toml").write_text(policy, encoding="utf-8")
    return path


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ozon-urgent: "), stderr
    return lines[0]


def test_an_unknown_code_is_refused_with_a_guess(run_cli: RunCli, tmp_path: Path) -> None:
    path = _policy_case(tmp_path, 'disable = ["C1730"]\n')
    result = run_cli("check", "--no-content", path)
    line = _one_error_line(result.stderr)
    assert result.exit_code == 3 and result.stdout == ""
    assert "ozon-urgent.toml" in line and "`C1730`" in line and "did you mean `C173`?" in line


def test_a_code_nothing_resembles_names_the_rules_command(run_cli: RunCli, tmp_path: Path) -> None:
    path = _policy_case(tmp_path, 'disable = ["no-such-thing"]\n')
    result = run_cli("check", "--no-content", path)
    line = _one_error_line(result.stderr)
    assert result.exit_code == 3 and "did you mean" not in line and "`ozon-urgent rules`" in line


def test_a_code_in_lower_case_is_refused_with_the_right_spelling(run_cli: RunCli, tmp_path: Path) -> None:
    path = _policy_case(tmp_path, 'disable = ["c173"]\n')
    result = run_cli("check", "--no-content", path)
    line = _one_error_line(result.stderr)
    assert result.exit_code == 3 and "`c173`" in line and "capitals: `C173`" in line


def test_the_message_follows_the_chosen_language(run_cli: RunCli, tmp_path: Path) -> None:
    path = _policy_case(tmp_path, 'disable = ["c173"]\n')
    line = _one_error_line(run_cli("check", "--no-content", "--lang", "zh", path).stderr)
    assert "策略文件" in line and "大写字母：`C173`" in line


@pytest.mark.parametrize("code", ["Y003", "S001", "C122", "B002", "B007"])
def test_guards_cannot_be_switched_off(run_cli: RunCli, tmp_path: Path, code: str) -> None:
    path = _policy_case(tmp_path, f'disable = ["{code}"]\n')
    result = run_cli("check", "--no-content", path)
    assert result.exit_code == 3 and f"`{code}`" in result.stderr
    assert "cannot be switched off" in result.stderr


def test_formats_is_retired_with_a_reason(run_cli: RunCli, tmp_path: Path) -> None:
    path = _policy_case(tmp_path, 'formats = ["pdf"]\n')
    result = run_cli("check", "--no-content", path)
    line = _one_error_line(result.stderr)
    assert result.exit_code == 3 and "`formats` is no longer a policy setting" in line


def test_an_explicit_policy_is_checked_too(run_cli: RunCli, tmp_path: Path) -> None:
    path = write_case(tmp_path, base_case("carrier_failure"))
    explicit = tmp_path / "agency.toml"
    explicit.write_text('disable = ["C17"]\n', encoding="utf-8")
    result = run_cli("init", "carrier_failure", "--policy", explicit)
    assert result.exit_code == 3 and "agency.toml" in result.stderr and result.stdout == ""
    assert run_cli("check", "--policy", explicit, path).exit_code == 3


def test_disable_silences_a_code_raised_by_the_evidence_judge(run_cli: RunCli, tmp_path: Path) -> None:
    """A209 comes from the attachment inspector, not from a check: disable still applies to it."""
    case = variant("carrier_failure", {})
    first = case["evidence"][0]
    first["file"] = "evidence/waybill.jpeg.pdf"  # a JPEG under a PDF name: A209 extension mismatch
    (tmp_path / "evidence").mkdir(parents=True)
    (tmp_path / "evidence" / "waybill.jpeg.pdf").write_bytes(make_jpeg())
    path = write_case(tmp_path, case)
    assert "A209" in run_cli("check", path).stdout
    (tmp_path / "ozon-urgent.toml").write_text('disable = ["A209"]\n', encoding="utf-8")
    result = run_cli("check", path)
    assert "A209" not in result.stdout and result.exit_code == 0


def test_disable_silences_a_batch_finding(run_cli: RunCli, tmp_path: Path) -> None:
    """B005 is raised across cases, after every case was checked."""
    first = write_case(tmp_path / "a", base_case("carrier_failure"))
    other = variant("malicious_returns", {"case_id": "other"})
    second = write_case(tmp_path / "b", other)
    assert "B005" in run_cli("check", "--no-content", first, second).stdout
    policy = tmp_path / "quiet.toml"
    policy.write_text('disable = ["B005"]\n', encoding="utf-8")
    assert "B005" not in run_cli("check", "--no-content", "--policy", policy, first, second).stdout
