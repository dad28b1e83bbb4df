"""`--fix` over a batch: which hits a fix removes, the copies made in the pool, each judged again."""

from __future__ import annotations

from dataclasses import dataclass

from ozon_urgent import i18n
from ozon_urgent.attachments import (
    AttachmentReport,
    FixChange,
    FixedAttachment,
    FixRefused,
    InspectLimits,
    fix_attachments,
    inspect_blobs,
)
from ozon_urgent.findings import Code
from ozon_urgent.i18n import Lang


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
) -> list[FixOutcome]:
    """For each file: the fixed copy and its fresh report where a fix applies, else the file unchanged.

    The input bytes are never written anywhere; a fixed copy is inspected again, so it must pass the same
    judgement as any other attachment.
    """
    fixed = fix_attachments(
        [(data, report) for (_, data), report in zip(blobs, reports, strict=True)], limits
    )
    changed = [(i, f) for i, f in enumerate(fixed) if isinstance(f, FixedAttachment)]
    again = inspect_blobs([(_jpeg_name(blobs[i][0]), f.data) for i, f in changed], limits, cache=cache)
    outcomes = [
        FixOutcome(
            data, report, (), outcome if isinstance(outcome, FixRefused) and needs_fix(report) else None
        )
        for (_, data), report, outcome in zip(blobs, reports, fixed, strict=True)
    ]
    for (index, fix), report in zip(changed, again, strict=True):
        outcomes[index] = FixOutcome(fix.data, report, fix.changes)
    return outcomes


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


def needs_fix(report: AttachmentReport) -> bool:
    return any(hit.code in FIXABLE for hit in report.hits)


def change_params(change: FixChange, lang: Lang) -> dict[str, object]:
    return {
        "change": i18n.text(lang, "cli.fix", change.what),
        "before_size": change.before_size,
        "after_size": change.after_size,
        "before_sha": change.before_sha256[:12],
        "after_sha": change.after_sha256[:12],
    }


def refusal_variant(refused: FixRefused) -> str:
    """The B004 message that says why `--fix` made no copy, and what to do instead."""
    return f"not_fixed_{refused.reason}"
