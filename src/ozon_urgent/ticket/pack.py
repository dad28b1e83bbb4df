"""Writing a pack folder whole or not at all: build beside the target, fsync, swap into place."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import hashlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from ozon_urgent.errors import UserError
from ozon_urgent.safe_files import sync_folder, write_atomically
from ozon_urgent.ticket.pack_text import refuse_hidden

TMP_PREFIX = ".ozon-urgent-tmp-"
OLD_PREFIX = ".ozon-urgent-old-"
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100
_STALE = re.compile(rf"^({re.escape(TMP_PREFIX)}|{re.escape(OLD_PREFIX)}).*-(\d+)-[0-9a-f]{{8}}$")
_CLIENT_ID = re.compile(r"[0-9]{1,20}")


def store_folder(client_id: str) -> str:
    """The folder of one store's packs under `--out`: its Client ID, which the case model holds to digits.

    Anything else (should the model ever allow it) becomes a slug that cannot leave `--out`, start with a
    dot or be taken for another store's Client ID: its safe characters and a hash of the whole value.
    """
    if _CLIENT_ID.fullmatch(client_id):
        return client_id
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", client_id).strip("-")[:40] or "store"
    return f"{slug}-{hashlib.sha256(client_id.encode('utf-8')).hexdigest()[:8]}"


def pack_folder(out: Path, client_id: str, name: str) -> Path:
    """Where a pack of one store goes, absolute: `<out>/<store>/<name>` (`name`: a case_id, or a
    follow-up's `<case_id>-followup-N`). Two stores with the same case_id never share a folder."""
    return Path(os.path.abspath(out / store_folder(client_id) / name))


class PackExistsError(UserError):
    """The pack's name is taken: by a pack and `--force` was not given, or by a link or a file (`variant`)."""

    table = "cli.ledger"

    def __init__(self, path: str, variant: str = "") -> None:
        super().__init__(f"pack_exists_{variant}" if variant else "pack_exists", pack=path)
        self.path, self.variant = path, variant


class PackWriteError(UserError):
    """The pack could not be written; nothing of it was left behind."""

    table = "cli.ledger"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__("write", pack=path, detail=detail)
        self.path, self.detail = path, detail


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, exclusive=True)


def _renameat2(a: Path, b: Path, flags: int) -> int | None:
    """Linux renameat2: 0, or the errno it failed with; None where the platform has no such call."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return None
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), flags)
    return 0 if result == 0 else ctypes.get_errno()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (RENAME_EXCHANGE); False where the platform cannot."""
    return _renameat2(a, b, _RENAME_EXCHANGE) == 0


def _rename_no_replace(source: Path, target: Path) -> None:
    """Move `source` to `target` unless something is there: FileExistsError then, in one step.

    Two builds of one case check that the pack is absent, judge its evidence, then publish: the check
    is long gone by then. RENAME_NOREPLACE makes the absence and the move one step, whatever ledger each
    run uses. Where renameat2 is missing (or the file system refuses the flag), a folder still cannot be
    renamed onto a pack folder, which is never empty; the check before it covers a file or a link.
    """
    failed = _renameat2(source, target, _RENAME_NOREPLACE)
    if failed == 0:
        return
    if failed == errno.EEXIST:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    if failed not in (None, errno.ENOSYS, errno.EINVAL):
        raise OSError(failed, os.strerror(failed), str(target))
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    try:
        os.rename(source, target)
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        raise


def clean_stale(out: Path) -> None:
    """Remove temp and moved-aside folders that a killed run left behind (their process is gone): in each
    store's folder, where packs are staged, and in `out` itself, where flat packs were staged before."""
    for folder in (out, *_store_folders(out)):
        for entry in _entries(folder):
            match = _STALE.match(entry.name)
            if match and entry.is_dir() and not entry.is_symlink() and not _alive(int(match[2])):
                shutil.rmtree(entry, ignore_errors=True)


def _store_folders(out: Path) -> list[Path]:
    return [e for e in _entries(out) if not e.name.startswith(".") and e.is_dir() and not e.is_symlink()]


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:  # not there (yet), not a folder, not readable: nothing of ours to clean
        return []


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


def stage_pack(target: Path, files: Mapping[str, bytes], *, force: bool) -> StagedPack:
    """The pack written whole beside `target`, not yet in place: `publish` puts it there.

    Refuses a target that exists without `force` (PackExistsError), and one that is a symbolic link or
    not a folder even with it: `--force` replaces a pack, never whatever else has the pack's name.
    Every pack, a build's or a follow-up's, is written here: its texts are checked against the rule of
    `pack_text` first (HiddenCharactersError, a bug), so none can be written with a raw control character.
    """
    refuse_hidden(files)
    _refuse_target(target, force)
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
    except OSError as exc:
        _remove_staged(temp)
        raise PackWriteError(target, exc.strerror or str(exc)) from None
    except BaseException:
        _remove_staged(temp)
        raise
    return StagedPack(target, temp, out / f"{OLD_PREFIX}{token}", force=force)


def _taken(target: Path) -> PackExistsError:
    """What holds the pack's name that was free when the pack was staged."""
    try:
        mode = target.lstat().st_mode
    except OSError:
        mode = stat.S_IFDIR
    if stat.S_ISLNK(mode):
        return PackExistsError(str(target), "symlink")
    return PackExistsError(str(target), "meanwhile" if stat.S_ISDIR(mode) else "not_folder")


def _refuse_target(target: Path, force: bool) -> None:
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise PackWriteError(target, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise PackExistsError(str(target), "symlink")
    if not stat.S_ISDIR(info.st_mode):
        raise PackExistsError(str(target), "not_folder")
    if not force:
        raise PackExistsError(str(target))


class StagedPack:
    """A complete pack beside its target: published, then settled (the old pack removed) or discarded."""

    def __init__(self, target: Path, temp: Path, aside: Path, *, force: bool) -> None:
        self.target, self._temp, self._aside, self._force = target, temp, aside, force
        self._published = False
        self._replaced = False  # the previous pack waits at `aside` until `settle`

    def publish(self) -> None:
        """Put the pack at its target in one step; the previous pack is kept aside, not yet removed.

        Without `force`, a pack another run put there since `stage_pack` looked is left as it is
        (PackExistsError, variant `meanwhile`): of two builds of one case at once, the first to publish
        wins and the other is refused, never both told "pack written".
        """
        try:
            if not self._force:
                self._publish_new()
            elif not self.target.exists():
                os.rename(self._temp, self.target)
            elif _exchange(self._temp, self.target):
                os.rename(self._temp, self._aside)  # the temp name now holds the previous pack
                self._replaced = True
            else:  # the platform cannot swap: move the old pack aside first
                os.rename(self.target, self._aside)
                self._replaced = True
                os.rename(self._temp, self.target)
            self._published = True
            sync_folder(self.target.parent)
        except OSError as exc:
            raise PackWriteError(self.target, exc.strerror or str(exc)) from None

    def _publish_new(self) -> None:
        try:
            _rename_no_replace(self._temp, self.target)
        except FileExistsError:
            raise _taken(self.target) from None

    def settle(self) -> None:
        """The pack stays: the previous one goes."""
        if self._replaced:
            shutil.rmtree(self._aside, ignore_errors=True)

    def discard(self) -> None:
        """Undo: the previous pack back in place (or none), nothing of this one left behind."""
        if not self._published:
            _remove_staged(self._temp)
            if self._replaced and not self.target.exists():
                os.rename(self._aside, self.target)  # moved aside, then the rename of the new one failed
            return
        if self._replaced:
            if not _exchange(self._aside, self.target):
                os.rename(self.target, self._temp)
                os.rename(self._aside, self.target)
                self._aside = self._temp
            shutil.rmtree(self._aside, ignore_errors=True)  # now holds the discarded pack
        else:
            _remove_staged(self.target)
        sync_folder(self.target.parent)


def _remove_staged(folder: Path) -> None:
    """A pack folder that is not to stay, and its store's folder if nothing else is in it."""
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # not empty: another pack of the store, or the store's own files
        folder.parent.rmdir()


def _created_folders(temp: Path, names: Iterable[str]) -> set[Path]:
    """`temp` and every folder made under it for `names`."""
    folders = {temp}
    for name in names:
        folders.update(p for p in (temp / name).parents if p.is_relative_to(temp))
    return folders
