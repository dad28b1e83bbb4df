"""What a report calls each case: its case_id, and where two cases of a run share one (two stores'
`appeal-2026-11` folders), the case file's path from the folder they have in common as well."""

from __future__ import annotations

import os
from collections import Counter

from ozon_urgent.findings import CaseResult


def case_labels(cases: list[CaseResult]) -> list[str]:
    """One label per case, in order; no two the same unless their files are."""
    names = [case.case_id or case.file for case in cases]
    counts = Counter(names)
    files: dict[str, list[str]] = {}
    for name, case in zip(names, cases, strict=True):
        if counts[name] > 1:
            files.setdefault(name, []).append(case.file)
    labels = []
    for name, case in zip(names, cases, strict=True):
        if counts[name] > 1 and name != case.file:
            labels.append(f"{name} ({_from_common(case.file, files[name])})")
        else:
            labels.append(name)
    return labels


def _from_common(file: str, peers: list[str]) -> str:
    """`file` from the folder all `peers` share: `crystal/appeal-2026-11/case.yaml` of
    `cases/crystal/appeal-2026-11/case.yaml` beside `cases/sunrise/appeal-2026-11/case.yaml`."""
    try:
        common = os.path.commonpath([os.path.dirname(peer) for peer in peers])
    except ValueError:  # absolute and relative paths mixed: no common folder to start from
        return file
    return os.path.relpath(file, common) if common else file
