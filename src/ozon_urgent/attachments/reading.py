"""Reading an evidence file safely: one descriptor, no symlinks or special files, a bounded size."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ozon_urgent.attachments.model import AttachmentHit
from ozon_urgent.findings.codes import Code
from ozon_urgent.i18n import mib

# O_NONBLOCK: a FIFO swapped in after lstat must not block open(); O_NOFOLLOW: nor may a symlink.
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """Either the bytes and the descriptor's stat, or a hit; `size` is known even for a refused file."""

    data: bytes | None
    info: os.stat_result | None
    hit: AttachmentHit | None
    size: int | None


def read_evidence(path: Path, max_bytes: int) -> ReadOutcome:
    try:
        # lstat first: a size over the limit is refused for the price of one system call.
        early = os.lstat(path)
    except OSError as exc:
        return ReadOutcome(None, None, os_error_hit(exc), None)
    refused = _refuse(early, max_bytes)
    if refused is not None:
        return ReadOutcome(None, None, refused, early.st_size if stat.S_ISREG(early.st_mode) else None)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return ReadOutcome(None, None, os_error_hit(exc), None)
    try:
        # The descriptor is the truth: the path may have been swapped since lstat.
        info = os.fstat(fd)
        refused = _refuse(info, max_bytes)
        if refused is not None:
            return ReadOutcome(None, None, refused, info.st_size if stat.S_ISREG(info.st_mode) else None)
        data = _read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        return ReadOutcome(None, None, os_error_hit(exc), None)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return ReadOutcome(None, None, too_large_hit(len(data), max_bytes), len(data))
    if len(data) != info.st_size:
        return ReadOutcome(None, None, AttachmentHit(Code.ATTACHMENT_UNREADABLE, "changed"), len(data))
    return ReadOutcome(data, info, None, len(data))


def too_large_hit(size: int, limit: int) -> AttachmentHit:
    return AttachmentHit(
        Code.ATTACHMENT_TOO_LARGE,
        params={"size": size, "limit": limit, "size_mb": mib(size), "limit_mb": mib(limit)},
    )


def os_error_hit(exc: OSError) -> AttachmentHit:
    if exc.errno == errno.ENOENT:
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "missing")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "permission")
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink that appeared after lstat
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "symlink")
    return AttachmentHit(
        Code.ATTACHMENT_UNREADABLE, "os_error", {"error": exc.strerror or type(exc).__name__}
    )


def _refuse(info: os.stat_result, max_bytes: int) -> AttachmentHit | None:
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "symlink")
    if stat.S_ISDIR(mode):
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "directory")
    if stat.S_ISFIFO(mode):
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "fifo")
    if not stat.S_ISREG(mode):
        return AttachmentHit(Code.ATTACHMENT_UNREADABLE, "special")
    if info.st_size > max_bytes:
        return too_large_hit(info.st_size, max_bytes)
    if info.st_size == 0:
        return AttachmentHit(Code.ATTACHMENT_DAMAGED, "empty")
    return None


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
