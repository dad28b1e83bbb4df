"""Writing a file so that its name only ever shows the old bytes or the new ones, never half of them."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

# A creation mode of 0o666 lets the umask (and a folder's default ACL) decide, as open() would.
_NEW_FILE_MODE = 0o666
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
# Temporary names must stay under NAME_MAX (255 bytes) however long the target's name is.
_NAME_ROOM = 100
# File systems without hard links (FAT, some FUSE and network mounts) answer link() with these.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV})
# Folders on some file systems cannot be fsynced; the file itself already is, so that is no failure.
_FOLDER_SYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF})

Data = bytes | Iterable[bytes]


def write_atomically(
    path: Path,
    data: Data,
    *,
    mode: int | None = None,
    exclusive: bool = False,
    before_swap: Callable[[], None] | None = None,
) -> None:
    """Put `data` (bytes, or chunks of bytes) at `path` whole: a synced temporary file takes the name.

    `mode` gives the permission bits; without it a replaced regular file keeps its own and a new file
    gets what the umask allows. A symlink at `path` is itself replaced (resolve() first to write
    through it); a folder, FIFO or device is refused. With `exclusive`, an existing name of any kind
    is never replaced: FileExistsError. `before_swap` runs once the bytes are on disk, just before the
    name changes; whatever it raises leaves `path` untouched.
    """
    if exclusive:
        write_first_free([path], data, mode=mode, before_swap=before_swap)
        return
    if mode is None:
        mode = _kept_mode(path)
    temp = _write_temp(path, data, mode)
    try:
        if before_swap is not None:
            before_swap()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def write_first_free(
    paths: Iterable[Path],
    data: Data,
    *,
    mode: int | None = None,
    before_swap: Callable[[], None] | None = None,
) -> Path:
    """Write `data` once and give it the first of `paths` (all in one folder) that is free; never replaces.

    Raises FileExistsError naming the first path when every one is taken.
    """
    candidates = iter(paths)
    first = next(candidates)
    temp = _write_temp(first, data, mode)
    try:
        if before_swap is not None:
            before_swap()
        for path in (first, *candidates):
            if _claim(temp, path):
                sync_folder(path.parent)
                return path
    finally:
        temp.unlink(missing_ok=True)
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(first))


def sync_folder(folder: Path) -> None:
    """Make the names just created or replaced in `folder` durable, not only the files' bytes."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return  # a folder without read permission cannot be opened; its files are synced all the same
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _FOLDER_SYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _claim(temp: Path, path: Path) -> bool:
    """Give the temporary file the name `path` unless the name exists; False when it does."""
    try:
        os.link(temp, path)  # fails on any existing name, even a dangling symlink, and never replaces
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    # Without hard links: reserve the name with O_EXCL, then swap the finished file over the reservation.
    try:
        os.close(os.open(path, _CREATE_FLAGS, 0o600))
    except FileExistsError:
        return False
    try:
        os.replace(temp, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True


def _kept_mode(path: Path) -> int | None:
    """The permission bits of the regular file at `path`, None when there is none to keep."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        kind = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
        raise OSError(kind, "not a regular file", str(path))
    return stat.S_IMODE(info.st_mode)


def _write_temp(beside: Path, data: Data, mode: int | None) -> Path:
    """A synced temporary file in `beside`'s folder, so that the final rename stays on one file system."""
    while True:
        temp = beside.with_name(f".{beside.name[:_NAME_ROOM]}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temp, _CREATE_FLAGS, _NEW_FILE_MODE)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)  # before any byte is written, so none is ever exposed
            for chunk in (data,) if isinstance(data, bytes | bytearray | memoryview) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp
