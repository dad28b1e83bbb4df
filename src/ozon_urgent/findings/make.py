"""A finding from its code's declaration: the severity of its variant, and whether the tool failed."""

from __future__ import annotations

from collections.abc import Mapping

from ozon_urgent.findings.codes import Code, Declaration, declaration
from ozon_urgent.findings.result import FieldPath, Finding, Severity


def make_finding(
    rule: Code | Declaration,
    variant: str,
    *,
    file: str,
    line: int | None,
    path: FieldPath,
    params: Mapping[str, object],
    severity: Severity | None = None,
    case_line: int | None = None,
) -> Finding:
    """A finding of `rule`: its declared severity (an error for its error variants) unless one is given.
    `case_line`: the finding is about an attachment (`file`), named at this line of the case file."""
    declared = declaration(rule) if isinstance(rule, Code) else rule
    return Finding(
        code=declared.code,
        severity=severity or (Severity.ERROR if variant in declared.error_variants else declared.severity),
        file=file,
        line=line,
        path=tuple(path),
        variant=variant,
        params=dict(params),
        tool_failed=declared.tool_failure,
        case_line=case_line,
    )
