"""The stable JSON envelope described in docs/output.md."""

from __future__ import annotations

import json

from ozon_urgent.findings import Outcome, RunResult, Severity
from ozon_urgent.i18n import Lang


def envelope(result: RunResult) -> dict[str, object]:
    return {
        "status": "ok" if result.outcome() is Outcome.OK else "fail",
        "summary": {
            "cases": len(result.cases),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
        },
        "cases": [
            {
                "file": case.file,
                "case_id": case.case_id,
                "scenario": case.scenario,
                "status": "ok" if case.outcome(strict=result.strict) is Outcome.OK else "fail",
                "findings": [finding.as_dict() for finding in case.findings],
            }
            for case in result.cases
        ],
    }


def render_json(result: RunResult, lang: Lang, *, color: bool = False) -> str:
    del lang, color  # messages are already in the user's language
    return json.dumps(envelope(result), ensure_ascii=False, indent=2) + "\n"
