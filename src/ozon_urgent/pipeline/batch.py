"""Checking many case files: each with the policy for its folder, evidence judged by content in a pool."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_attachments
from ozon_urgent.attachments.fix_batch import apply_fixes, change_params, needs_fix, refusal_variant
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.checking.crosscase import CaseSummary, SharedEvidence, batch_findings
from ozon_urgent.checking.engine import (
    CheckedCase,
    CheckOptions,
    attachment_findings,
    check_case,
    internal_error,
)
from ozon_urgent.errors import debug_enabled
from ozon_urgent.findings import Code, Finding, RunResult, make_finding
from ozon_urgent.pipeline.progress import Progress
from ozon_urgent.policy import Policy, policy_for


@dataclass(frozen=True, slots=True)
class BatchOptions:
    strict: bool = False
    content: bool = True
    fix_preview: bool = False
    jobs: int | None = None  # worker processes that judge evidence; None: one per core
    cache: bool = True  # reuse and keep verdicts in the user cache folder
    progress: Progress | None = None


@dataclass(frozen=True, slots=True)
class _Evidence:
    case: int
    index: int
    path: Path


def check_all(
    files: list[Path], policy_file: Path | None, options: CheckOptions, progress: Progress | None = None
) -> list[tuple[CheckedCase, Policy]]:
    """The form checks of every case. Raises PolicyError when a policy file is unreadable (exit 3)."""
    checked = []
    for file in files:
        policy = policy_for(file.parent, policy_file)
        checked.append((check_case(file, str(file), policy, options), policy))
        if progress is not None:
            progress(str(file))
    return checked


def check_files(
    files: list[Path], policy_file: Path | None, options: CheckOptions, batch: BatchOptions | None = None
) -> RunResult:
    """Every case checked and reported, one bad case never stopping the others."""
    batch = batch or BatchOptions()
    # With content, progress follows the evidence, which is where the time goes.
    checked = check_all(files, policy_file, options, None if batch.content else batch.progress)
    for number, extra in batch_findings([CaseSummary.of(item) for item, _ in checked]).items():
        checked[number][0].result.add(*extra)
    if batch.content:
        _judge_evidence(checked, options, batch)
    return RunResult(cases=[item.result for item, _ in checked], strict=batch.strict)


def _judge_evidence(
    checked: list[tuple[CheckedCase, Policy]], options: CheckOptions, batch: BatchOptions
) -> None:
    by_limits: dict[InspectLimits, list[_Evidence]] = {}
    for number, (item, policy) in enumerate(checked):
        if item.case is None:
            continue
        for index, where in enumerate(item.located):
            if where.verdict == "ok" and where.resolved is not None:
                by_limits.setdefault(
                    InspectLimits.for_policy(policy, item.case.seller.store_name), []
                ).append(_Evidence(number, index, where.resolved))
    shared = SharedEvidence()
    remaining = {
        number: sum(1 for e in group if e.case == number)
        for group in by_limits.values()
        for number in {e.case for e in group}
    }
    for limits, evidence in by_limits.items():
        # Judged under the name the case wrote, as build judges it, whatever a symlink resolves to.
        written = [_written(checked[e.case][0], e.index) for e in evidence]
        reports = inspect_attachments([e.path for e in evidence], limits, batch.jobs, batch.cache, written)
        for entry, report in zip(evidence, reports, strict=True):
            item = checked[entry.case][0]
            try:
                item.result.add(*_evidence_findings(item, entry, report, limits, shared, options, batch))
            except Exception as exc:  # one case's bug stays that case's finding
                if debug_enabled():
                    raise
                item.result.add(internal_error(exc, item.result.file))
            remaining[entry.case] -= 1
            if batch.progress is not None and remaining[entry.case] == 0:
                batch.progress(item.result.file)
    if batch.progress is not None:
        for item, _ in checked:  # cases without evidence to judge
            if item.case is None or not any(w.verdict == "ok" for w in item.located):
                batch.progress(item.result.file)


def _written(item: CheckedCase, index: int) -> str:
    assert item.case is not None
    return item.case.evidence[index].file


def _evidence_findings(
    item: CheckedCase,
    entry: _Evidence,
    report: AttachmentReport,
    limits: InspectLimits,
    shared: SharedEvidence,
    options: CheckOptions,
    batch: BatchOptions,
) -> list[Finding]:
    assert item.case is not None and item.loaded is not None
    found = attachment_findings(item.case, item.loaded, item.result.file, [(entry.index, report)])
    found += shared.note(item, entry.index, report.sha256)
    if batch.fix_preview and needs_fix(report, item.case.evidence[entry.index].personal_data_ok):
        found += _preview(item, entry, report, limits, options, batch.cache)
    return found


def _preview(
    item: CheckedCase,
    entry: _Evidence,
    report: AttachmentReport,
    limits: InspectLimits,
    options: CheckOptions,
    cache: bool,
) -> list[Finding]:
    """What `build --fix` would change in this file: the same fix, computed and thrown away."""
    read = read_evidence(entry.path, limits.fix_max_input_bytes)
    if read.data is None or item.case is None or item.loaded is None:
        return []
    vouched = item.case.evidence[entry.index].personal_data_ok
    [fixed] = apply_fixes([(entry.path.name, read.data)], [report], limits, cache, personal_data_ok=[vouched])
    path = ("evidence", entry.index, "file")
    display = os.path.join(os.path.dirname(item.result.file), item.case.evidence[entry.index].file)
    line = item.loaded.line_of(path)
    found = [
        make_finding(
            Code.ATTACHMENT_FIXED,
            "preview",
            file=display,
            line=line,
            path=path,
            params=change_params(change),
        )
        for change in fixed.changes
    ]
    if fixed.refused is not None:
        variant, params = refusal_variant(fixed.refused), fixed.refused.params
        found.append(
            make_finding(
                Code.ATTACHMENT_FIXED,
                variant,
                file=display,
                line=line,
                path=path,
                params=params,
            )
        )
    return found
