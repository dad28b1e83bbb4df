"""Judging a batch of evidence files: read each safely here, parse it in a child, assemble the reports."""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ozon_urgent.attachments.model import (
    AttachmentHit,
    AttachmentReport,
    FixedAttachment,
    FixRefused,
    InspectLimits,
    Judgement,
)
from ozon_urgent.attachments.pool import Done, Failure, Task, shared_pool
from ozon_urgent.attachments.reading import read_evidence, too_large_hit
from ozon_urgent.attachments.verdict_cache import VerdictCache
from ozon_urgent.findings.codes import Code
from ozon_urgent.i18n import MIB


class RecentVerdicts:
    """The verdicts one run has already given, for the run's later calls: a batch judged a window at a
    time still judges a file shared by many cases once, with the verdict cache off too. Bounded, so memory
    stays flat however long the run; a verdict that timed out or ran out of memory is not kept."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[tuple[InspectLimits, str, str], Judgement] = OrderedDict()

    def get(self, limits: InspectLimits, digest: str, name: str) -> Judgement | None:
        key = (limits, digest, name)
        if key in self._items:
            self._items.move_to_end(key)
        return self._items.get(key)

    def put(self, limits: InspectLimits, digest: str, name: str, judgement: Judgement) -> None:
        self._items[limits, digest, name] = judgement
        self._items.move_to_end((limits, digest, name))
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def inspect_attachments(
    paths: Sequence[Path],
    limits: InspectLimits,
    jobs: int | None = None,
    cache: bool = True,
    names: Sequence[str] | None = None,
    recent: RecentVerdicts | None = None,
    on_judged: Callable[[int], None] | None = None,
) -> list[AttachmentReport]:
    """One report per path, in the same order; every failure is a hit, never an exception.

    `names`: the name each file is judged under (its extension), when not the path's own: a case's
    `evidence/link.jpg` that resolves to `scan.pdf` is judged as `build` judges it, under the written name.

    The same bytes under the same name are judged once per run, and not at all when the verdict cache
    (`cache`, see verdict_cache) already knows them; the lookup uses the digest of the bytes just read,
    which are the bytes the report describes. `recent`: the verdicts of the run's earlier calls.
    `on_judged`: hears each path's index as its verdict is known (read, cached, or judged in a child).
    """
    early: dict[int, AttachmentReport] = {}
    read: dict[int, tuple[int, str, str | None]] = {}
    verdicts = _Verdicts(limits, cache, recent)
    told = on_judged or _nobody

    def tasks() -> Iterator[Task]:
        # Files are read one at a time as a child frees up, so a big batch never sits in memory at once.
        for index, path in enumerate(paths):
            outcome = read_evidence(path, limits.max_bytes)
            if outcome.data is None:
                hit = outcome.hit or AttachmentHit(Code.ATTACHMENT_UNREADABLE)
                early[index] = AttachmentReport(str(path), outcome.size, None, None, None, None, None, (hit,))
                told(index)
                continue
            digest = hashlib.sha256(outcome.data).hexdigest()
            read[index] = (len(outcome.data), digest, _magic(outcome.data))
            name = names[index] if names is not None else path.name
            if verdicts.wanted(index, digest, name):
                yield Task(index, "inspect", (name, outcome.data, limits))
            else:
                told(index)  # known already, or the same bytes as a file before it

    # Distinct paths bound the distinct files, so a batch sharing two files starts at most two children.
    judged = verdicts.settle(_run(tasks(), len(set(paths)), limits, jobs, told))
    reports: list[AttachmentReport] = []
    for index, path in enumerate(paths):
        if index in early:
            reports.append(early[index])
            continue
        size, digest, magic = read[index]
        judgement = judged(index)
        reports.append(
            AttachmentReport(
                str(path),
                size,
                digest,
                judgement.format or magic,
                judgement.pages,
                judgement.width,
                judgement.height,
                judgement.hits,
                judgement.shown,
            )
        )
    return reports


def inspect_blobs(
    named: Sequence[tuple[str, bytes]], limits: InspectLimits, jobs: int | None = None, cache: bool = True
) -> list[AttachmentReport]:
    """The same judgement for bytes already in memory, e.g. what `fix_attachments` produced."""
    early = {index: _refuse_blob(data, limits) for index, (_, data) in enumerate(named)}
    digests = [hashlib.sha256(data).hexdigest() for _, data in named]
    verdicts = _Verdicts(limits, cache)
    tasks = (
        Task(index, "inspect", (name, data, limits))
        for index, (name, data) in enumerate(named)
        if early[index] is None and verdicts.wanted(index, digests[index], name)
    )
    judged = verdicts.settle(_run(tasks, len(named), limits, jobs))
    reports: list[AttachmentReport] = []
    for index, (name, data) in enumerate(named):
        refused = early[index]
        digest = digests[index]
        if refused is not None:
            reports.append(
                AttachmentReport(name, len(data), digest, _magic(data), None, None, None, (refused,))
            )
            continue
        judgement = judged(index)
        reports.append(
            AttachmentReport(
                name,
                len(data),
                digest,
                judgement.format or _magic(data),
                judgement.pages,
                judgement.width,
                judgement.height,
                judgement.hits,
                judgement.shown,
            )
        )
    return reports


class _Verdicts:
    """Which files of a batch need a child: not one whose verdict is cached, nor a repeat in this batch."""

    def __init__(self, limits: InspectLimits, cache: bool, recent: RecentVerdicts | None = None) -> None:
        self.limits = limits
        self.recent = recent
        self.store = VerdictCache.open(limits, cache)
        self.first: dict[tuple[str, str], int] = {}  # (sha256, name) -> the index whose verdict serves it
        self.task_keys: dict[int, tuple[str, str]] = {}
        self.same: dict[int, int] = {}
        self.cached: dict[int, Judgement] = {}

    def wanted(self, index: int, digest: str, name: str) -> bool:
        """Whether file `index` must go to a child; asked with the digest of the very bytes it would get."""
        key = (digest, name)
        if key in self.first:
            self.same[index] = self.first[key]
            return False
        self.first[key] = index
        known = self.recent.get(self.limits, digest, name) if self.recent is not None else None
        if known is None and self.store is not None:
            known = self.store.get(digest, name)
        if known is not None:
            self.cached[index] = known
            return False
        self.task_keys[index] = key
        return True

    def settle(self, results: dict[int, Done | Failure]) -> Callable[[int], Judgement]:
        """Store what the children judged to the end; give back each index's verdict."""
        fresh = {index: _judgement(results[index], self.limits) for index in self.task_keys}
        if self.recent is not None:
            for index, judgement in fresh.items():
                if isinstance(results[index], Done):
                    self.recent.put(self.limits, *self.task_keys[index], judgement)
        if self.store is not None:
            self.store.put_many(
                (*self.task_keys[index], judgement)
                for index, judgement in fresh.items()
                if isinstance(results[index], Done)
            )
            self.store.close()

        def judged(index: int) -> Judgement:
            index = self.same.get(index, index)
            return self.cached[index] if index in self.cached else fresh[index]

        return judged


def _refuse_blob(data: bytes, limits: InspectLimits) -> AttachmentHit | None:
    if len(data) > limits.max_bytes:
        return too_large_hit(len(data), limits.max_bytes)
    return AttachmentHit(Code.ATTACHMENT_DAMAGED, "empty") if not data else None


def fix_attachments(
    items: Sequence[tuple[bytes, AttachmentReport]], limits: InspectLimits, jobs: int | None = None
) -> list[FixedAttachment | FixRefused | None]:
    """`fix_attachment` for each item in a child: decoding a stranger's image is as risky as judging it.

    A child that runs out of memory or time on a file says so as that file's FixRefused.
    """
    tasks = (Task(index, "fix", (data, report, limits)) for index, (data, report) in enumerate(items))
    results = _run(tasks, len(items), limits, jobs)
    fixed: list[FixedAttachment | FixRefused | None] = []
    for index in range(len(items)):
        outcome = results[index]
        if isinstance(outcome, Failure):
            fixed.append(_fix_failure(outcome, limits))
        elif isinstance(outcome.value, (FixedAttachment, FixRefused)) or outcome.value is None:
            fixed.append(outcome.value)
        else:
            fixed.append(FixRefused("internal", {"error": type(outcome.value).__name__}))
    return fixed


def _fix_failure(failure: Failure, limits: InspectLimits) -> FixRefused:
    if failure.reason == "memory":
        return FixRefused("memory", {"limit_mb": limits.memory_bytes // MIB})
    if failure.reason == "timeout":
        return FixRefused("timeout", {"seconds": _seconds(limits.timeout_s)})
    return FixRefused("internal", {"error": str(failure.detail)})


def not_checked_hit(failure: Failure, limits: InspectLimits) -> AttachmentHit:
    if failure.reason == "timeout":
        return AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "timeout", {"seconds": _seconds(limits.timeout_s)})
    if failure.reason == "memory":
        return AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "memory", {"limit_mb": limits.memory_bytes // MIB})
    if failure.reason == "crash":
        return AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "crash", {"reason": str(failure.detail)})
    return AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "internal", {"error": str(failure.detail)})


def _run(
    tasks: Iterator[Task],
    count: int,
    limits: InspectLimits,
    jobs: int | None,
    on_done: Callable[[int], None] | None = None,
) -> dict[int, Done | Failure]:
    if count == 0:
        return {}
    pool = shared_pool(limits.memory_bytes)
    return pool.run(tasks, count, limits.timeout_s, jobs or os.cpu_count() or 1, on_done)


def _nobody(_index: int) -> None:
    """No one listening for progress."""


def _judgement(outcome: Done | Failure, limits: InspectLimits) -> Judgement:
    if isinstance(outcome, Failure):
        return Judgement(None, (not_checked_hit(outcome, limits),))
    if isinstance(outcome.value, Judgement):
        return outcome.value
    return Judgement(
        None,
        (AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "internal", {"error": type(outcome.value).__name__}),),
    )


def _magic(data: bytes) -> str | None:
    """The two accepted formats by their first bytes alone, for a file whose child never answered."""
    return "pdf" if data.startswith(b"%PDF-") else "jpeg" if data.startswith(b"\xff\xd8\xff") else None


def _seconds(value: float) -> str:
    return f"{value:g}"
