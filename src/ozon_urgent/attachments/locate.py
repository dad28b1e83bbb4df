"""Where an evidence path leads: inside the case folder, to a regular file. No file is read here."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

_WINDOWS = re.compile(r"^[A-Za-z]:|\\")

Verdict = Literal["ok", "absolute", "windows", "parent", "escapes", "missing", "not_regular", "os_error"]


@dataclass(frozen=True, slots=True)
class EvidencePath:
    verdict: Verdict
    resolved: Path | None = None
    detail: str = ""


def locate_evidence(base: str, written: str) -> EvidencePath:
    """Judge a path as written in the case file, relative to `base`, the case folder's real path."""
    if _WINDOWS.search(written):
        return EvidencePath("windows")
    pure = PurePosixPath(written)
    if pure.is_absolute():
        return EvidencePath("absolute")
    if ".." in pure.parts:
        return EvidencePath("parent")
    # Walk the written components under the (already real) base with lstat: no symlink on the way means
    # the path is its own real path, for two system calls instead of realpath()'s one per component.
    current = base
    info: os.stat_result | None = None
    for part in pure.parts:
        current = f"{current}{os.sep}{part}"
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return EvidencePath("missing", Path(current))
        except OSError as exc:
            return EvidencePath("os_error", Path(current), os_error_kind(exc))
        if stat.S_ISLNK(info.st_mode):
            return _through_link(base, written)
    assert info is not None  # a relative path has at least one component
    return _judge(Path(current), info)


def _through_link(base: str, written: str) -> EvidencePath:
    resolved = os.path.realpath(os.path.join(base, written))
    if not resolved.startswith(base.rstrip(os.sep) + os.sep):
        return EvidencePath("escapes", Path(resolved))
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return EvidencePath("missing", Path(resolved))
    except OSError as exc:
        return EvidencePath("os_error", Path(resolved), os_error_kind(exc))
    return _judge(Path(resolved), info)


# The system's reasons a path cannot be reached that a seller can act on, as catalog variants of C180;
# any other keeps the system's own words.
OS_ERROR_KINDS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.ENAMETOOLONG: "name_too_long",
    errno.ELOOP: "loop",
    errno.ENOTDIR: "not_dir",
}


def os_error_kind(exc: OSError) -> str:
    return OS_ERROR_KINDS.get(exc.errno or 0) or exc.strerror or str(exc)


def _judge(path: Path, info: os.stat_result) -> EvidencePath:
    if not stat.S_ISREG(info.st_mode):
        return EvidencePath("not_regular", path, _file_type(info.st_mode))
    return EvidencePath("ok", path)


def _file_type(mode: int) -> str:
    """What the path is instead of a file, as a catalog variant of C181 (never an English word in a
    Chinese message)."""
    for test, label in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
    ):
        if test(mode):
            return label
    return "special"
