"""A run's result as people and annotations may be shown it: every unsafe character escaped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ozon_urgent.findings import CaseResult, Finding, Phrase, RunResult, Worded
from ozon_urgent.findings.result import Key
from ozon_urgent.unsafe_text import shown


def shown_result(result: RunResult) -> RunResult:
    """The same result with file names, ids, scenarios and what messages quote safe for a terminal or an
    annotation. Messages are the catalog's words around a finding's parameters, so escaping the
    parameters escapes the message.

    A case file refused for holding control characters still has them in its own findings (the value is
    quoted back); a file or folder name can hold them too. The JSON envelope keeps the exact text.
    """
    return RunResult(cases=[_case(case) for case in result.cases], strict=result.strict)


def _case(case: CaseResult) -> CaseResult:
    return CaseResult(
        file=shown(case.file),
        case_id=shown(case.case_id) if case.case_id is not None else None,
        scenario=shown(case.scenario) if case.scenario is not None else None,
        findings=[_finding(finding) for finding in case.findings],
        case_sha256=case.case_sha256,
        disabled=case.disabled,
        build=case.build,
    )


def _finding(finding: Finding) -> Finding:
    return replace(
        finding,
        file=shown(finding.file),
        path=tuple(_key(part) for part in finding.path),
        params={name: _param(value) for name, value in finding.params.items()},
    )


def _key(part: Key) -> Key:
    return part if isinstance(part, int) else shown(part)


def _param(value: object) -> object:
    """Numbers and times keep their type (a message formats them in the reader's words), a Phrase or
    Worded is the catalogs' own words; any other value is shown as text."""
    if isinstance(value, bool | int | float | datetime | Phrase | Worded):
        return value
    return shown(str(value))
