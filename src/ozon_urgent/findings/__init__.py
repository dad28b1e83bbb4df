"""Findings: the plain data every stage returns and every reporter reads, and the codes they carry."""

from __future__ import annotations

from ozon_urgent.findings.codes import Code, Declaration, declaration
from ozon_urgent.findings.make import make_finding
from ozon_urgent.findings.result import (
    BuildStatus,
    CaseResult,
    FieldPath,
    Finding,
    Key,
    Outcome,
    RunResult,
    Severity,
    field_path,
)

__all__ = [
    "BuildStatus",
    "CaseResult",
    "Code",
    "Declaration",
    "FieldPath",
    "Finding",
    "Key",
    "Outcome",
    "RunResult",
    "Severity",
    "declaration",
    "field_path",
    "make_finding",
]
