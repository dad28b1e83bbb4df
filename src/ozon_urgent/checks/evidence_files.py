"""Where an evidence path leads: inside the case folder, to a regular file. No file is read here."""

from __future__ import annotations

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
    # os.path on strings: pathlib's resolve() costs several times more, and this runs per evidence file.
    resolved = os.path.realpath(os.path.join(base, written))
    if not resolved.startswith(base.rstrip(os.sep) + os.sep):
        return EvidencePath("escapes", Path(resolved))
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return EvidencePath("missing", Path(resolved))
    except OSError as exc:
        return EvidencePath("os_error", Path(resolved), exc.strerror or str(exc))
    if not stat.S_ISREG(info.st_mode):
        return EvidencePath("not_regular", Path(resolved), _file_type(info.st_mode))
    return EvidencePath("ok", Path(resolved))


def _file_type(mode: int) -> str:
    for test, label in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
    ):
        if test(mode):
            return label
    return "special file"
