"""Writing a pack folder whole or not at all: build beside the target, fsync, swap into place."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from ozon_urgent.errors import UserError
from ozon_urgent.safe_files import sync_folder, write_atomically

TMP_PREFIX = ".ozon-urgent-tmp-"
OLD_PREFIX = ".ozon-urgent-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_STALE = re.compile(rf"^({re.escape(TMP_PREFIX)}|{re.escape(OLD_PREFIX)}).*-(\d+)-[0-9a-f]{{8}}$")


class PackExistsError(UserError):
    """The pack folder exists and `--force` was not given."""

    table = "cli.ledger"

    def __init__(self, path: str) -> None:
        super().__init__("pack_exists", pack=path)
        self.path = path


class PackWriteError(UserError):
    """The pack could not be written; nothing of it was left behind."""

    table = "cli.ledger"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__("write", pack=path, detail=detail)
        self.path, self.detail = path, detail


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, exclusive=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the platform cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def clean_stale(out: Path) -> None:
    """Remove temp and moved-aside folders that a killed run left behind (their process is gone)."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        match = _STALE.match(entry.name)
        if match and entry.is_dir() and not _alive(int(match[2])):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_pack(target: Path, files: Mapping[str, bytes], *, force: bool) -> None:
    """Write `files` (relative name → bytes) as the folder `target`, replacing it only with `force`."""
    if target.exists() and not force:
        raise PackExistsError(str(target))
    out = target.parent
    token = f"{target.name}-{os.getpid()}-{secrets.token_hex(4)}"
    temp = out / f"{TMP_PREFIX}{token}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        temp.mkdir()
        for name, data in files.items():
            _write_file(temp / name, data)
        for folder in _created_folders(temp, files):
            sync_folder(folder)  # the folders' own names; each file's name was synced as it was written
        _move_into_place(temp, target, out / f"{OLD_PREFIX}{token}")
        sync_folder(out)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise PackWriteError(target, exc.strerror or str(exc)) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _created_folders(temp: Path, names: Iterable[str]) -> set[Path]:
    """`temp` and every folder made under it for `names`."""
    folders = {temp}
    for name in names:
        folders.update(p for p in (temp / name).parents if p.is_relative_to(temp))
    return folders


def _move_into_place(temp: Path, target: Path, aside: Path) -> None:
    if not target.exists():
        os.rename(temp, target)
        return
    if target.is_dir() and _exchange(temp, target):
        shutil.rmtree(temp)  # now holds the previous pack
        return
    os.rename(target, aside)  # the platform cannot swap: move the old pack aside, remove it last
    try:
        os.rename(temp, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
