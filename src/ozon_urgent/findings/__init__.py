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
    Phrase,
    RunResult,
    Severity,
    Worded,
    field_path,
)
from ozon_urgent.findings.words import Words, finding_dict, words

__all__ = [
    "BuildStatus",
    "CaseResult",
    "Code",
    "Declaration",
    "FieldPath",
    "Finding",
    "Key",
    "Outcome",
    "Phrase",
    "RunResult",
    "Severity",
    "Worded",
    "Words",
    "declaration",
    "field_path",
    "finding_dict",
    "make_finding",
    "words",
]
