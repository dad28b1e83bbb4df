"""`--fix` over a batch: which hits a fix removes, the copies made in the pool, each judged again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ozon_urgent.attachments import (
    AttachmentReport,
    FixChange,
    FixedAttachment,
    FixRefused,
    InspectLimits,
    fix_attachments,
    inspect_blobs,
)
from ozon_urgent.attachments.masking import PERSONAL_DATA, Region, hit_region, mask_regions
from ozon_urgent.findings import Code, Phrase


@dataclass(frozen=True, slots=True)
class FixOutcome:
    data: bytes
    report: AttachmentReport
    changes: tuple[FixChange, ...]
    refused: FixRefused | None = None  # a file that needed a fix and got none: why


def apply_fixes(
    blobs: list[tuple[str, bytes]],
    reports: list[AttachmentReport],
    limits: InspectLimits,
    cache: bool = True,
    personal_data_ok: Sequence[bool] = (),
) -> list[FixOutcome]:
    """For each file: the fixed copy and its fresh report where a fix applies, else the file unchanged.

    The input bytes are never written anywhere; a fixed copy is inspected again, so it must pass the same
    judgement as any other attachment. `personal_data_ok[i]` (the entry's `personal_data_ok: true`, the
    seller's own contacts): personal data read in that file's picture is left uncovered.
    """
    keep = list(personal_data_ok) or [False] * len(reports)
    to_fix = [_without_personal_data(r) if ok else r for r, ok in zip(reports, keep, strict=True)]
    fixed = fix_attachments([(data, report) for (_, data), report in zip(blobs, to_fix, strict=True)], limits)
    changed = [(i, f) for i, f in enumerate(fixed) if isinstance(f, FixedAttachment)]
    again = inspect_blobs([(_jpeg_name(blobs[i][0]), f.data) for i, f in changed], limits, cache=cache)
    outcomes = [
        FixOutcome(
            data, report, (), outcome if isinstance(outcome, FixRefused) and needs_fix(wanted) else None
        )
        for (_, data), report, wanted, outcome in zip(blobs, reports, to_fix, fixed, strict=True)
    ]
    for (index, fix), report in zip(changed, again, strict=True):
        outcomes[index] = FixOutcome(fix.data, report, fix.changes)
    covered = [set(mask_regions(report)) for report in to_fix]
    for _ in range(_MORE_MASK_PASSES):
        outcomes = _mask_copies(outcomes, [name for name, _ in blobs], keep, limits, cache, covered)
    return outcomes


# A copy read again can show personal data its source's reading did not: a PNG is named as a PNG, not
# read, and its JPEG copy is; a name half-read beside a phone reads whole once the phone is covered.
# Each such copy is covered again, and judged again, at most this many more times.
_MORE_MASK_PASSES = 2


def _mask_copies(
    outcomes: list[FixOutcome],
    names: list[str],
    keep: list[bool],
    limits: InspectLimits,
    cache: bool,
    covered: list[set[Region]],
) -> list[FixOutcome]:
    """One more pass for each copy whose own judgement reads personal data at a place not covered yet:
    covered the same way, that copy judged again."""
    redo = [
        i
        for i, outcome in enumerate(outcomes)
        if outcome.changes
        and outcome.refused is None
        and not keep[i]
        and set(mask_regions(outcome.report)) - covered[i]
    ]
    if not redo:
        return outcomes
    for i in redo:
        covered[i] |= set(mask_regions(outcomes[i].report))
    fixed = fix_attachments([(outcomes[i].data, outcomes[i].report) for i in redo], limits)
    masked = [(i, f) for i, f in zip(redo, fixed, strict=True) if isinstance(f, FixedAttachment)]
    again = inspect_blobs([(_jpeg_name(names[i]), f.data) for i, f in masked], limits, cache=cache)
    for i, outcome in zip(redo, fixed, strict=True):
        if isinstance(outcome, FixRefused):
            outcomes[i] = replace(outcomes[i], refused=outcome)
    for (i, fix), report in zip(masked, again, strict=True):
        outcomes[i] = FixOutcome(fix.data, report, outcomes[i].changes + fix.changes)
    return outcomes


def _without_personal_data(report: AttachmentReport) -> AttachmentReport:
    """The report as `--fix` sees it when the seller vouches for the file's contacts: nothing to cover.
    Only the fix sees this; the file keeps its own report, whose hits become notes."""
    return replace(report, hits=tuple(hit for hit in report.hits if hit.code not in PERSONAL_DATA))


def _jpeg_name(name: str) -> str:
    """The copy is a JPEG whatever the original was called, so it is judged under a JPEG name."""
    stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
    return f"{stem}.jpg"


FIXABLE = frozenset(
    {
        Code.ATTACHMENT_TOO_LARGE,
        Code.ATTACHMENT_WRONG_FORMAT,  # a PNG, HEIC or WebP becomes a JPEG
        Code.ATTACHMENT_EXIF_PRIVATE,
        Code.ATTACHMENT_TRAILING_DATA,
    }
)


def needs_fix(report: AttachmentReport, personal_data_ok: bool = False) -> bool:
    """A hit `--fix` removes: one of FIXABLE, or personal data read in the picture at a known `region`
    (covered with a box) unless the seller vouched for it. Personal data found in a PDF's text has no
    region and stays for the seller to cover."""
    if personal_data_ok:
        report = _without_personal_data(report)
    return any(hit.code in FIXABLE or hit_region(hit) is not None for hit in report.hits)


def change_params(change: FixChange) -> dict[str, object]:
    return {
        "change": Phrase("cli.fix", change.what),
        "before_size": change.before_size,
        "after_size": change.after_size,
        "before_sha": change.before_sha256[:12],
        "after_sha": change.after_sha256[:12],
    }


def refusal_variant(refused: FixRefused) -> str:
    """The B004 message that says why `--fix` made no copy, and what to do instead."""
    return f"not_fixed_{refused.reason}"
