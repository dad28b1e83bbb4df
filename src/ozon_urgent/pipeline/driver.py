"""The one way a run goes through its case files: each checked once, in order, with the batch's findings.

`check` and `build` both take their cases from here. A first, light read of every file (its YAML only)
gives each case's identity and IDs, so the findings only a whole batch can make (a case_id used twice,
IDs split across scenarios) are known before the first case is checked, built or reported; then each case
is checked once and handed on with those findings attached. The summaries are let go once the batch's
findings are made; a checked case is the caller's to keep or drop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.checking.crosscase import CaseSummary, batch_findings
from ozon_urgent.checking.engine import CheckedCase, CheckOptions, check_case
from ozon_urgent.findings import Finding
from ozon_urgent.policy import Policy, policy_for


@dataclass(frozen=True, slots=True)
class CaseBatch:
    files: list[Path]
    policies: list[Policy]  # each file's, from its folder (policies are shared between files)
    scenarios: frozenset[str]  # the scenarios the cases name, for what a run checks before its first case
    extra: dict[int, list[Finding]]  # the batch's findings, by the case's place in `files`

    @classmethod
    def scan(cls, files: list[Path], policy_file: Path | None, *, building: bool = False) -> CaseBatch:
        """Every file's policy, and the findings only the whole batch makes (`building`: a second case
        with a taken case_id is not built, and its finding says so). Raises PolicyError when a policy
        file is unreadable (exit 3)."""
        policies = [policy_for(file.parent, policy_file) for file in files]
        summaries = [CaseSummary.read(file) for file in files]
        scenarios = frozenset(summary.scenario for summary in summaries if summary.scenario)
        return cls(files, policies, scenarios, batch_findings(summaries, building=building))

    def checked(self, options: CheckOptions) -> Iterator[tuple[CheckedCase, Policy]]:
        """Each case checked, in the order given, with its batch findings attached."""
        for number, (file, policy) in enumerate(zip(self.files, self.policies, strict=True)):
            checked = check_case(file, str(file), policy, options)
            checked.result.add(*self.extra.get(number, ()))
            yield checked, policy
