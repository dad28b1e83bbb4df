"""Checking many case files: each with the policy for its folder, evidence judged by content in a pool."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_attachments
from ozon_urgent.attachments.fix_batch import apply_fixes, change_params, needs_fix, refusal_variant
from ozon_urgent.attachments.reading import read_evidence
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.crosscase import SharedEvidence
from ozon_urgent.checking.engine import CheckedCase, CheckOptions, attachment_findings, internal_error
from ozon_urgent.checking.proof import proof_findings
from ozon_urgent.errors import debug_enabled
from ozon_urgent.findings import Code, Finding, RunResult, make_finding
from ozon_urgent.pipeline.driver import CaseBatch
from ozon_urgent.pipeline.progress import Progress
from ozon_urgent.policy import Policy


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
    case: int  # in the window
    index: int
    path: Path


# Evidence is judged a window of cases at a time: enough files to keep every worker busy, few enough cases
# that memory stays flat however long the batch is.
_WINDOW_FILES = 64
_WINDOW_CASES = 64


def check_files(
    files: list[Path], policy_file: Path | None, options: CheckOptions, batch: BatchOptions | None = None
) -> RunResult:
    """Every case checked and reported, one bad case never stopping the others. Raises PolicyError when a
    policy file is unreadable (exit 3)."""
    batch = batch or BatchOptions()
    judge = _Judge(batch) if batch.content else None  # --no-content opens no evidence, and loads no judge
    results = []
    for checked, policy in CaseBatch.scan(files, policy_file).checked(options):
        results.append(checked.result)
        if judge is not None:
            judge.add(checked, policy)
        elif batch.progress is not None:
            batch.progress(checked.result.file)
    if judge is not None:
        judge.flush()
    return RunResult(cases=results, strict=batch.strict)


class _Judge:
    """Judges the evidence of the cases given to it a window at a time, adds each entry's findings to its
    case in the case's own order, and lets each case go once it is judged. Progress is told per case as
    its last file's verdict comes in, so a long window moves the bar file by file, not all at its end."""

    def __init__(self, batch: BatchOptions) -> None:
        self.batch = batch
        self.shared = SharedEvidence()
        from ozon_urgent.attachments.inspection import RecentVerdicts  # only a run that opens evidence

        self.recent = RecentVerdicts()  # a file many cases share is judged once, the cache off too
        self.window: list[tuple[CheckedCase, Policy]] = []
        self.files = 0
        self.waiting: dict[int, int] = {}  # a case in the window -> how many of its files await a verdict

    def add(self, checked: CheckedCase, policy: Policy) -> None:
        files = len(_judgeable(checked))
        if files:
            self.waiting[len(self.window)] = files
        else:
            self._tell(checked)  # nothing to judge: done now
        self.window.append((checked, policy))
        self.files += files
        if self.files >= _WINDOW_FILES or len(self.window) >= _WINDOW_CASES:
            self.flush()

    def flush(self) -> None:
        judged = self._reports()
        for number, (item, _) in enumerate(self.window):
            reports = []
            for index in range(len(item.located)):
                if (number, index) in judged:
                    self._add_findings(item, index, *judged[number, index])
                    reports.append((index, judged[number, index][0]))
            if reports:  # a case's files are all in its window: its last one is judged
                self._add_proof(item, reports)
            if self.waiting.pop(number, 0):
                self._tell(item)  # a verdict never heard of: the case is done all the same
        self.window, self.files = [], 0

    def _tell(self, item: CheckedCase) -> None:
        if self.batch.progress is not None:
            self.batch.progress(item.result.file)

    def _heard(self, number: int) -> None:
        """One more of case `number`'s files has its verdict; the case's last one tells the progress."""
        self.waiting[number] -= 1
        if self.waiting[number] == 0:
            del self.waiting[number]
            self._tell(self.window[number][0])

    def _reports(self) -> dict[tuple[int, int], tuple[AttachmentReport, InspectLimits]]:
        """The window's evidence judged in the worker pool, one call for each set of limits."""
        by_limits: dict[InspectLimits, list[_Evidence]] = {}
        for number, (item, policy) in enumerate(self.window):
            if item.case is None:
                continue
            limits = InspectLimits.for_policy(policy, item.case.seller.store_name)
            for index, where in _judgeable(item):
                by_limits.setdefault(limits, []).append(_Evidence(number, index, where))
        judged = {}
        for limits, evidence in by_limits.items():
            # Judged under the name the case wrote, as build judges it, whatever a symlink resolves to.
            written = [_written(self.window[e.case][0], e.index) for e in evidence]
            paths = [e.path for e in evidence]

            def heard(position: int, evidence: list[_Evidence] = evidence) -> None:
                self._heard(evidence[position].case)

            reports = inspect_attachments(
                paths, limits, self.batch.jobs, self.batch.cache, written, self.recent, heard
            )
            for entry, report in zip(evidence, reports, strict=True):
                judged[entry.case, entry.index] = report, limits
        return judged

    def _add_findings(
        self, item: CheckedCase, index: int, report: AttachmentReport, limits: InspectLimits
    ) -> None:
        try:
            item.result.add(*_evidence_findings(item, index, report, limits, self.shared, self.batch))
        except Exception as exc:  # one case's bug stays that case's finding
            if debug_enabled():
                raise
            item.result.add(internal_error(exc, item.result.file))

    def _add_proof(self, item: CheckedCase, reports: list[tuple[int, AttachmentReport]]) -> None:
        """C197–C200: the case's claims against what all of its judged files show."""
        try:
            assert item.case is not None and item.loaded is not None
            catalog = load_catalog()
            item.result.add(*proof_findings(item.case, item.loaded, item.result.file, reports, catalog))
        except Exception as exc:
            if debug_enabled():
                raise
            item.result.add(internal_error(exc, item.result.file))


def _judgeable(item: CheckedCase) -> list[tuple[int, Path]]:
    """The case's evidence entries that lead to a file to judge, with the file."""
    if item.case is None:
        return []
    return [
        (index, where.resolved)
        for index, where in enumerate(item.located)
        if where.verdict == "ok" and where.resolved is not None
    ]


def _written(item: CheckedCase, index: int) -> str:
    assert item.case is not None
    return item.case.evidence[index].file


def _evidence_findings(
    item: CheckedCase,
    index: int,
    report: AttachmentReport,
    limits: InspectLimits,
    shared: SharedEvidence,
    batch: BatchOptions,
) -> list[Finding]:
    assert item.case is not None and item.loaded is not None
    found = attachment_findings(item.case, item.loaded, item.result.file, [(index, report)])
    found += shared.note(item, index, report.sha256)
    if batch.fix_preview and needs_fix(report, item.case.evidence[index].personal_data_ok):
        found += _preview(item, index, report, limits, batch.cache)
    return found


def _preview(
    item: CheckedCase, index: int, report: AttachmentReport, limits: InspectLimits, cache: bool
) -> list[Finding]:
    """What `build --fix` would change in this file: the same fix, computed and thrown away."""
    where = item.located[index].resolved
    assert where is not None
    read = read_evidence(where, limits.fix_max_input_bytes)
    if read.data is None or item.case is None or item.loaded is None:
        return []
    vouched = item.case.evidence[index].personal_data_ok
    [fixed] = apply_fixes([(where.name, read.data)], [report], limits, cache, personal_data_ok=[vouched])
    path = ("evidence", index, "file")
    display = os.path.join(os.path.dirname(item.result.file), item.case.evidence[index].file)
    line = item.loaded.line_of(path)
    found = [
        make_finding(
            Code.ATTACHMENT_FIXED,
            "preview",
            file=display,
            line=None,
            path=path,
            params=change_params(change),
            case_line=line,
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
                line=None,
                path=path,
                params=params,
                case_line=line,
            )
        )
    return found
