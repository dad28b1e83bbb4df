"""The stable JSON envelope described in docs/output.md."""

from __future__ import annotations

import json

from ozon_urgent.findings import BuildStatus, CaseResult, Outcome, RunResult, Severity, finding_dict
from ozon_urgent.i18n import Lang


def envelope(result: RunResult, lang: Lang) -> dict[str, object]:
    summary: dict[str, object] = {
        "cases": len(result.cases),
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
    }
    statuses = [case.build for case in result.cases if case.build is not None]
    if statuses:  # a build run: how many packs were written and recorded, how many kept as they were
        summary["built"] = statuses.count(BuildStatus.BUILT)
        summary["skipped"] = statuses.count(BuildStatus.SKIPPED)
    return {
        "status": "ok" if result.outcome() is Outcome.OK else "fail",
        "summary": summary,
        "cases": [_case(case, result.strict, lang) for case in result.cases],
    }


def _case(case: CaseResult, strict: bool, lang: Lang) -> dict[str, object]:
    entry: dict[str, object] = {
        "file": case.file,
        "case_id": case.case_id,
        "scenario": case.scenario,
        "status": "ok" if case.outcome(strict=strict) is Outcome.OK else "fail",
    }
    if case.build is not None:
        entry["build"] = case.build.value
    entry["findings"] = [finding_dict(finding, lang) for finding in case.findings]
    return entry


def render_json(result: RunResult, lang: Lang, *, color: bool = False) -> str:
    del color
    return json.dumps(envelope(result, lang), ensure_ascii=False, indent=2) + "\n"
