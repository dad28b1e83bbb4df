"""Judging evidence files (PDF/JPEG, size, damage, active content, personal data) in child processes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ozon_urgent.attachments.model import (
    AttachmentHit,
    AttachmentReport,
    FixChange,
    FixedAttachment,
    FixRefused,
    InspectLimits,
)

if TYPE_CHECKING:
    from ozon_urgent.attachments.inspection import RecentVerdicts
    from ozon_urgent.attachments.personal_data import Own

# pypdf, Pillow, phonenumbers, stdnum and multiprocessing load only when a function below needs them:
# `import ozon_urgent.attachments` stays cheap for commands that never open an attachment.

__all__ = [
    "AttachmentHit",
    "AttachmentReport",
    "FixChange",
    "FixRefused",
    "FixedAttachment",
    "InspectLimits",
    "fix_attachment",
    "fix_attachments",
    "inspect_attachments",
    "inspect_blobs",
    "scan_personal_data",
    "start_workers",
]


def inspect_attachments(
    paths: Sequence[Path],
    limits: InspectLimits,
    jobs: int | None = None,
    cache: bool = True,
    names: Sequence[str] | None = None,
    recent: RecentVerdicts | None = None,
    on_judged: Callable[[int], None] | None = None,
) -> list[AttachmentReport]:
    """One report per path, in order; files are parsed in child processes (`jobs` at a time).

    `cache`: reuse and keep verdicts in the user cache folder (see verdict_cache); off reads and writes
    nothing there. `names`: the name each file is judged under, when not its path's (as a case wrote it).
    `recent`: the verdicts a run's earlier calls gave (`inspection.RecentVerdicts`). `on_judged`: hears
    each path's index as soon as its verdict is known, for a progress bar."""
    from ozon_urgent.attachments.inspection import inspect_attachments as run

    return run(paths, limits, jobs, cache, names, recent, on_judged)


def inspect_blobs(
    named: Sequence[tuple[str, bytes]], limits: InspectLimits, jobs: int | None = None, cache: bool = True
) -> list[AttachmentReport]:
    """Like `inspect_attachments` for (name, bytes) pairs already in memory, such as fixed copies."""
    from ozon_urgent.attachments.inspection import inspect_blobs as run

    return run(named, limits, jobs, cache)


def start_workers(limits: InspectLimits, jobs: int | None = None) -> None:
    """Start the judging processes early, before the caller's memory grows with a big batch."""
    import os

    from ozon_urgent.attachments.pool import shared_pool

    shared_pool(limits.memory_bytes).start(jobs or os.cpu_count() or 1)


def scan_personal_data(text: str, own: Own | None = None) -> list[AttachmentHit]:
    """Masked hits (P300-P306) for phones, ID numbers, bank cards, e-mails, names and addresses in
    `text`; `own` holds the seller's own names and addresses, which are not a buyer's."""
    from ozon_urgent.attachments.personal_data import NOBODY
    from ozon_urgent.attachments.personal_data import scan_personal_data as scan

    return scan(text, own or NOBODY)


def fix_attachment(
    data: bytes, report: AttachmentReport, limits: InspectLimits
) -> FixedAttachment | FixRefused | None:
    """In this process: convert PNG/WebP/TIFF to JPEG, shrink, strip position/serial. Pure; None = no fix."""
    from ozon_urgent.attachments.fixing import fix_attachment as fix

    return fix(data, report, limits)


def fix_attachments(
    items: Sequence[tuple[bytes, AttachmentReport]], limits: InspectLimits, jobs: int | None = None
) -> list[FixedAttachment | FixRefused | None]:
    """`fix_attachment` for each item in a child process; a child that fails says why, as FixRefused."""
    from ozon_urgent.attachments.inspection import fix_attachments as run

    return run(items, limits, jobs)
