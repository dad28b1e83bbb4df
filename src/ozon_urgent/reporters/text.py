"""Compiler-style text: `FILE:LINE: CODE message`, the hint below it, then a summary line."""

from __future__ import annotations

from ozon_urgent import i18n
from ozon_urgent.findings import Finding, Outcome, RunResult, Severity
from ozon_urgent.i18n import Lang

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def format_finding(finding: Finding, lang: Lang) -> str:
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    severity = i18n.text(lang, "cli.severity", finding.severity.value)
    field = f" [{finding.path}]" if finding.path else ""
    return f"{where}: {finding.code} {severity}: {finding.message}{field}\n    {finding.hint}"


def render_text(result: RunResult, lang: Lang) -> str:
    lines: list[str] = []
    for case in result.cases:
        for finding in sorted(case.findings, key=lambda f: (f.line or 0, _ORDER[f.severity], f.code)):
            lines.append(format_finding(finding, lang))
    failing = sum(1 for case in result.cases if case.outcome(strict=result.strict) is not Outcome.OK)
    lines.append(
        i18n.text(
            lang,
            "cli.summary",
            cases=len(result.cases),
            failing=failing,
            errors=result.count(Severity.ERROR),
            warnings=result.count(Severity.WARNING),
        )
    )
    return "\n".join(lines) + "\n"
