"""The one gate between a seller's evidence files and a pack: `build`, `build --fix` and `followup` pass here.

A checked case already knows where each evidence path leads (`CheckedCase.located`: inside the case's
folder, a regular file, symlinks resolved the way `check` resolved them). The gate reads each of those
files once through one no-follow descriptor, judges the bytes in the worker pool, makes `--fix` copies,
and adds every finding to the case. The bytes it returns are the bytes that were judged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_blobs
from ozon_urgent.attachments.fix_batch import apply_fixes, change_params, refusal_variant
from ozon_urgent.attachments.reading import read_evidence, too_large_hit
from ozon_urgent.catalog import load_catalog
from ozon_urgent.checking.engine import CheckedCase, attachment_findings
from ozon_urgent.checking.proof import proof_findings
from ozon_urgent.findings import Code, Severity, make_finding


@dataclass(frozen=True, slots=True)
class GatedFile:
    """One evidence entry fit for the pack: its bytes (the `--fix` copy when one was made) and report."""

    index: int  # in case.evidence
    data: bytes
    report: AttachmentReport
    source_sha256: str  # of the seller's own file, before any fix


def pass_evidence(
    checked: CheckedCase,
    limits: InspectLimits,
    *,
    fix: bool,
    jobs: int | None = None,
    known: Collection[str] = frozenset(),
    cache: bool = True,
    judged_out: list[tuple[int, AttachmentReport]] | None = None,
) -> list[GatedFile] | None:
    """The case's evidence fit for a pack, or None when any of it (or anything else) is an error; every
    file is judged either way, a case refused already (a partial one too) included.

    `known` holds SHA-256s Ozon already has (a follow-up's thread): such a file, original or fixed, is
    left out without being judged again. `cache`: reuse and keep verdicts (attachments.verdict_cache).
    `judged_out` receives every entry's report, the refused case's too (`build` notes them for B006).
    Findings land in `checked.result`.
    """
    result, case, loaded = checked.result, checked.case, checked.loaded
    assert case is not None and loaded is not None
    # A case refused already gets no pack, but its files are judged all the same, as `check` judges them:
    # `build` and `check` report the same findings for the same case.
    # --fix may shrink a file over the limit, and a known file is recognised by its hash whatever its size,
    # so both may read more than the limit; what goes into the pack must still fit it.
    read_limit = limits.fix_max_input_bytes if (fix or known) else limits.max_bytes
    indexes: list[int] = []
    blobs: list[tuple[str, bytes]] = []
    refused: list[tuple[int, AttachmentReport]] = []  # files not read: their report says why
    for index, item in enumerate(case.evidence):
        where = checked.located[index]
        if where.verdict != "ok" or where.resolved is None:
            continue  # check_case reported where the path leads
        read = read_evidence(where.resolved, read_limit)
        data, hit = read.data, read.hit
        if data is not None and hashlib.sha256(data).hexdigest() in known:
            continue
        if data is not None and not fix and len(data) > limits.max_bytes:
            hit = too_large_hit(len(data), limits.max_bytes)
            data = None
        if data is None:
            # not a stop: the files after this one are judged too, as `check` judges every file
            hits = (hit,) if hit else ()
            report = AttachmentReport(item.file, read.size, None, None, None, None, None, hits)
            refused.append((index, report))
            continue
        indexes.append(index)
        blobs.append((item.file, data))
    reports = inspect_blobs(blobs, limits, jobs, cache)
    sources = [hashlib.sha256(data).hexdigest() for _, data in blobs]
    if fix:
        blobs, reports = _fixed(checked, indexes, blobs, reports, limits, cache)
    judged = sorted([*refused, *zip(indexes, reports, strict=True)], key=lambda pair: pair[0])
    if judged_out is not None:
        judged_out.extend(judged)
    result.add(*attachment_findings(case, loaded, result.file, judged))
    # What Ozon already has (`known`) is not judged again, so the claims are checked only on a whole case;
    # a case none of whose files could be located has no claims judged, as in `check`.
    if judged:
        result.add(*proof_findings(case, loaded, result.file, judged, load_catalog(), complete=not known))
    if checked.partial or result.count(Severity.ERROR):
        return None
    return [
        GatedFile(index, data, report, source)
        for index, (_, data), report, source in zip(indexes, blobs, reports, sources, strict=True)
        if report.sha256 not in known
    ]


def _fixed(
    checked: CheckedCase,
    indexes: list[int],
    blobs: list[tuple[str, bytes]],
    reports: list[AttachmentReport],
    limits: InspectLimits,
    cache: bool,
) -> tuple[list[tuple[str, bytes]], list[AttachmentReport]]:
    """The pack's copies after `--fix`, each change reported (B004) at its evidence entry."""
    assert checked.case is not None and checked.loaded is not None
    vouched = [checked.case.evidence[index].personal_data_ok for index in indexes]
    outcomes = apply_fixes(blobs, reports, limits, cache, personal_data_ok=vouched)
    folder = Path(checked.result.file).parent
    for index, fixed in zip(indexes, outcomes, strict=True):
        path = ("evidence", index, "file")
        file, line = str(folder / checked.case.evidence[index].file), checked.loaded.line_of(path)
        steps = [("", change_params(change)) for change in fixed.changes]
        if fixed.refused is not None:  # the file keeps its own error; this says why --fix could not help
            steps.append((refusal_variant(fixed.refused), dict(fixed.refused.params)))
        for variant, params in steps:
            checked.result.add(
                make_finding(
                    Code.ATTACHMENT_FIXED,
                    variant,
                    file=file,
                    line=None,
                    path=path,
                    params=params,
                    case_line=line,
                )
            )
    return (
        [(name, fixed.data) for (name, _), fixed in zip(blobs, outcomes, strict=True)],
        [fixed.report for fixed in outcomes],
    )
