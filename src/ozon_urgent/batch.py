"""Checking many case files: each with the policy for its folder, every case reported."""

from __future__ import annotations

from pathlib import Path

from ozon_urgent.engine import CheckOptions, check_case
from ozon_urgent.findings import CaseResult, RunResult
from ozon_urgent.policy import policy_for


def check_files(
    files: list[Path], policy_file: Path | None, options: CheckOptions, *, strict: bool
) -> RunResult:
    """Raises PolicyError when a policy file is unreadable: that stops the run (exit 3)."""
    cases: list[CaseResult] = []
    for file in files:
        policy = policy_for(file.parent, policy_file)
        result, _case = check_case(file, str(file), policy, options)
        cases.append(result)
    return RunResult(cases=cases, strict=strict)
