"""Checking many case files: each with the policy for its folder, evidence judged by content in a pool."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_attachments
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.engine import CheckedCase, CheckOptions, attachment_findings, check_case, make_finding
from ozon_urgent.findings import Finding, RunResult
from ozon_urgent.fixes import apply_fixes, change_params, needs_fix
from ozon_urgent.policy import Policy, policy_for


@dataclass(frozen=True, slots=True)
class _Evidence:
    case: int
    index: int
    path: Path


def limits_for(policy: Policy) -> InspectLimits:
    return InspectLimits(max_bytes=policy.max_attachment_bytes)


def check_files(
    files: list[Path],
    policy_file: Path | None,
    options: CheckOptions,
    *,
    strict: bool,
    content: bool = True,
    fix_preview: bool = False,
) -> RunResult:
    """Every case checked; raises PolicyError when a policy file is unreadable (that stops the run, exit 3).

    With `content`, every evidence file that passed the path checks is read once and judged in child
    processes, all cases' files in one batch so the pool stays busy.
    """
    checked: list[tuple[CheckedCase, Policy]] = []
    for file in files:
        policy = policy_for(file.parent, policy_file)
        checked.append((check_case(file, str(file), policy, options), policy))
    if content:
        _judge_evidence(checked, options, fix_preview)
    return RunResult(cases=[item.result for item, _ in checked], strict=strict)


def _judge_evidence(
    checked: list[tuple[CheckedCase, Policy]], options: CheckOptions, fix_preview: bool
) -> None:
    by_limits: dict[InspectLimits, list[_Evidence]] = {}
    for number, (item, policy) in enumerate(checked):
        if item.case is None:
            continue
        for index, where in enumerate(item.located):
            if where.verdict == "ok" and where.resolved is not None:
                by_limits.setdefault(limits_for(policy), []).append(_Evidence(number, index, where.resolved))
    for limits, evidence in by_limits.items():
        reports = inspect_attachments([e.path for e in evidence], limits)
        for entry, report in zip(evidence, reports, strict=True):
            item = checked[entry.case][0]
            assert item.case is not None and item.loaded is not None
            item.result.findings.extend(
                attachment_findings(
                    item.case, item.loaded, item.result.file, options.lang, [(entry.index, report)]
                )
            )
            if fix_preview and needs_fix(report):
                item.result.findings.extend(_preview(item, entry, report, limits, options))


def _preview(
    item: CheckedCase,
    entry: _Evidence,
    report: AttachmentReport,
    limits: InspectLimits,
    options: CheckOptions,
) -> list[Finding]:
    """What `build --fix` would change in this file: the same fix, computed and thrown away."""
    read = read_evidence(entry.path, limits.fix_max_input_bytes)
    if read.data is None or item.case is None or item.loaded is None:
        return []
    [fixed] = apply_fixes([(entry.path.name, read.data)], [report], limits)
    path = ("evidence", entry.index, "file")
    display = os.path.join(os.path.dirname(item.result.file), item.case.evidence[entry.index].file)
    return [
        make_finding(
            "B004",
            "preview",
            file=display,
            line=item.loaded.line_of(path),
            path=path,
            params=change_params(change, options.lang),
            lang=options.lang,
        )
        for change in fixed.changes
    ]
