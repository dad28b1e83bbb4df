"""Atomic writes: a name shows the old bytes or the new ones, never half; exclusive never replaces."""

from __future__ import annotations

import ast
import errno
import hashlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ozon_urgent import safe_files
from ozon_urgent.safe_files import sync_folder, write_atomically, write_first_free
from ozon_urgent.seller_api.files import publish
from ozon_urgent.ticket import pack
from ozon_urgent.translation.safe_write import FileChangedError, replace_if_unchanged

OLD = b"old content\n"
NEW = b"new content, longer than the old one\n"


class DiskFullError(Exception):
    """Raised on purpose halfway through a write."""


def _half_then_fail() -> Iterator[bytes]:
    yield NEW[:10]
    raise DiskFullError


def _names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "file.txt"
    path.write_bytes(OLD)
    path.chmod(0o640)
    return path


def test_the_bottom_layer_imports_nothing_else_of_the_package() -> None:
    tree = ast.parse(Path(safe_files.__file__).read_text("utf-8"))
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(node.module or "")
    assert "os" in imported and not [name for name in imported if name.startswith("ozon_urgent")]


def test_replace_writes_the_new_bytes_and_leaves_no_temporary_file(existing: Path) -> None:
    write_atomically(existing, NEW)
    assert existing.read_bytes() == NEW
    assert _names(existing.parent) == ["file.txt"]


def test_chunks_are_written_in_order(tmp_path: Path) -> None:
    path = tmp_path / "chunks.txt"
    write_atomically(path, iter([b"one ", b"two ", b"three"]))
    assert path.read_bytes() == b"one two three"


@pytest.mark.parametrize("exclusive", [False, True])
def test_a_write_failing_midway_keeps_the_old_file_and_leaves_no_temporary_file(
    existing: Path, exclusive: bool
) -> None:
    target = existing if not exclusive else existing.with_name("new.txt")
    with pytest.raises(DiskFullError):
        write_atomically(target, _half_then_fail(), exclusive=exclusive)
    assert existing.read_bytes() == OLD
    assert _names(existing.parent) == ["file.txt"]


def test_a_failing_fsync_keeps_the_old_file_and_leaves_no_temporary_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "simulated")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="simulated"):
        write_atomically(existing, NEW)
    assert existing.read_bytes() == OLD
    assert _names(existing.parent) == ["file.txt"]


def test_before_swap_runs_after_the_bytes_are_written_and_can_still_stop_the_swap(existing: Path) -> None:
    seen: list[list[str]] = []

    def refuse() -> None:
        seen.append(_names(existing.parent))
        raise FileChangedError(str(existing))

    with pytest.raises(FileChangedError):
        write_atomically(existing, NEW, before_swap=refuse)
    [names] = seen
    assert len(names) == 2 and names[0].startswith(".file.txt.") and names[0].endswith(".tmp")
    assert existing.read_bytes() == OLD
    assert _names(existing.parent) == ["file.txt"]


def test_a_replaced_file_keeps_its_permissions_and_a_given_mode_wins(existing: Path) -> None:
    write_atomically(existing, NEW)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    write_atomically(existing, OLD, mode=0o600)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600


@pytest.mark.parametrize("exclusive", [False, True])
def test_a_new_file_gets_what_the_umask_allows(tmp_path: Path, exclusive: bool) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.txt", NEW, exclusive=exclusive)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_exclusive_refuses_an_existing_file_and_leaves_it_unchanged(existing: Path) -> None:
    with pytest.raises(FileExistsError):
        write_atomically(existing, NEW, exclusive=True)
    assert existing.read_bytes() == OLD
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert _names(existing.parent) == ["file.txt"]


def test_exclusive_refuses_a_dangling_symlink_and_creates_nothing_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(FileExistsError):
        write_atomically(link, NEW, exclusive=True)
    assert link.is_symlink() and not (tmp_path / "nowhere.txt").exists()
    assert _names(tmp_path) == ["link.txt"]


def test_exclusive_without_hard_links_still_never_replaces(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: Path, target: Path) -> None:
        raise OSError(errno.EPERM, "no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(FileExistsError):
        write_atomically(existing, NEW, exclusive=True)
    assert existing.read_bytes() == OLD
    write_atomically(existing.with_name("new.txt"), NEW, exclusive=True)
    assert existing.with_name("new.txt").read_bytes() == NEW
    assert _names(existing.parent) == ["file.txt", "new.txt"]


def test_a_symlink_is_itself_replaced_and_what_it_points_to_is_kept(existing: Path) -> None:
    link = existing.with_name("link.txt")
    link.symlink_to(existing)
    write_atomically(link, NEW)
    assert not link.is_symlink() and link.read_bytes() == NEW
    assert existing.read_bytes() == OLD


def test_a_fifo_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(fifo, NEW)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _names(tmp_path) == ["pipe"]


def test_first_free_writes_the_data_once_and_takes_the_first_free_name(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(OLD)
    (tmp_path / "b").symlink_to(tmp_path / "nowhere")
    produced: list[bytes] = []

    def chunks() -> Iterator[bytes]:
        produced.append(NEW)
        yield NEW

    path = write_first_free([tmp_path / name for name in ("a", "b", "c", "d")], chunks())
    assert path == tmp_path / "c" and path.read_bytes() == NEW and produced == [NEW]
    assert (tmp_path / "a").read_bytes() == OLD and (tmp_path / "b").is_symlink()
    assert _names(tmp_path) == ["a", "b", "c"]


def test_first_free_with_every_name_taken_names_the_first(existing: Path) -> None:
    with pytest.raises(FileExistsError, match=r"file\.txt"):
        write_first_free([existing], NEW)
    assert _names(existing.parent) == ["file.txt"]


@pytest.mark.parametrize(("code", "raised"), [(errno.EINVAL, False), (errno.EIO, True)])
def test_a_folder_that_cannot_be_synced_is_no_failure_but_an_io_error_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, raised: bool
) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(code, "simulated")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    if raised:
        with pytest.raises(OSError, match="simulated"):
            sync_folder(tmp_path)
    else:
        sync_folder(tmp_path)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_case_file_replacement_keeps_a_backup_with_the_same_permissions(existing: Path) -> None:
    backup = replace_if_unchanged(existing, NEW, _sha(OLD))
    assert existing.read_bytes() == NEW and backup.read_bytes() == OLD
    assert stat.S_IMODE(backup.stat().st_mode) == 0o640 == stat.S_IMODE(existing.stat().st_mode)
    assert _names(existing.parent) == ["file.txt", "file.txt.bak"]


def test_case_file_through_a_link_is_written_through_but_a_linked_backup_is_replaced(existing: Path) -> None:
    link = existing.with_name("case.yaml")
    link.symlink_to(existing)
    elsewhere = existing.with_name("elsewhere")
    elsewhere.write_bytes(b"keep me")
    existing.with_name("file.txt.bak").symlink_to(elsewhere)

    backup = replace_if_unchanged(link, NEW, _sha(OLD))

    assert link.is_symlink() and existing.read_bytes() == NEW
    assert not backup.is_symlink() and backup.read_bytes() == OLD
    assert elsewhere.read_bytes() == b"keep me"


def test_case_file_changed_on_disk_is_not_replaced(existing: Path) -> None:
    with pytest.raises(FileChangedError):
        replace_if_unchanged(existing, NEW, _sha(b"what was read earlier"))
    assert existing.read_bytes() == OLD
    assert _names(existing.parent) == ["file.txt"]


def test_publish_skips_taken_names_and_links_and_writes_the_whole_spool(tmp_path: Path) -> None:
    (tmp_path / "draft.yaml").write_bytes(OLD)
    (tmp_path / "draft-2.yaml").symlink_to(tmp_path / "nowhere.yaml")
    text = "имя: Склад\n" * 20_000  # several chunks, multi-byte characters across their edges
    spool = io.StringIO(text)
    spool.seek(len(text) // 3)

    path = publish(spool, tmp_path, "draft", ".yaml")

    assert path == tmp_path / "draft-3.yaml" and path.read_text("utf-8") == text
    assert (tmp_path / "draft.yaml").read_bytes() == OLD and not (tmp_path / "nowhere.yaml").exists()


def test_pack_files_are_never_written_over_an_existing_one(tmp_path: Path) -> None:
    (tmp_path / "attachments").mkdir()
    taken = tmp_path / "attachments" / "01.pdf"
    taken.write_bytes(OLD)
    with pytest.raises(FileExistsError):
        pack._write_file(taken, NEW)
    assert taken.read_bytes() == OLD
    pack._write_file(tmp_path / "deeper" / "ticket.txt", NEW)
    assert (tmp_path / "deeper" / "ticket.txt").read_bytes() == NEW
