"""Replacing a case file without ever leaving it half-written or overwriting someone else's newer save."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path


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
    temp = _write_temp(target, data, mode)
    try:
        previous = _current(target, expected_sha256)
        backup_temp = _write_temp(backup, previous, mode)
        try:
            os.replace(backup_temp, backup)
        except BaseException:
            backup_temp.unlink(missing_ok=True)
            raise
        _current(target, expected_sha256)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return backup


def _current(target: Path, expected_sha256: str) -> bytes:
    data = target.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise FileChangedError(str(target))
    return data


def _write_temp(beside: Path, data: bytes, mode: int) -> Path:
    """A synced temporary file in the target's folder, so the rename stays on one file system."""
    fd, name = tempfile.mkstemp(dir=beside.parent, prefix=f".{beside.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
