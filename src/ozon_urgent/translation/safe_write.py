"""Replacing a case file without ever leaving it half-written or overwriting someone else's newer save."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ozon_urgent.safe_files import write_atomically


class FileChangedError(Exception):
    """The file on disk is no longer the one that was read and translated."""


def is_read_only(path: Path) -> bool:
    """No write permission, or every write bit cleared (which root would otherwise ignore)."""
    info = path.stat()
    return not os.access(path, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def folder_writable(path: Path) -> bool:
    """The temporary file and the `.bak` are made beside the case file."""
    return os.access(path.resolve().parent, os.W_OK | os.X_OK)


def replace_if_unchanged(path: Path, data: bytes, expected_sha256: str) -> Path:
    """Write `data` over `path` atomically, keeping the previous bytes as `<name>.bak`.

    Refuses with FileChangedError when the file's bytes are no longer those hashed as `expected_sha256`,
    checked once before the backup is made and once more just before the new file is swapped in.
    Returns the backup's path.
    """
    target = path.resolve()  # a symbolic link to the case file stays a link; its target is replaced
    mode = stat.S_IMODE(target.stat().st_mode)
    backup = target.with_name(target.name + ".bak")

    def back_up_and_recheck() -> None:
        # A `.bak` that is a symlink is replaced, not written through: the link may lead anywhere.
        write_atomically(backup, _current(target, expected_sha256), mode=mode)
        _current(target, expected_sha256)

    write_atomically(target, data, mode=mode, before_swap=back_up_and_recheck)
    return backup


def _current(target: Path, expected_sha256: str) -> bytes:
    data = target.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise FileChangedError(str(target))
    return data
