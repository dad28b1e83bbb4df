"""Safe reading: size refused for the price of a stat, one descriptor, no links, pipes or folders."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from pathlib import Path

import pytest
from hostile_files import big_pdf
from report_helpers import check_renders, codes_of

from ozon_urgent.attachments import InspectLimits, inspect_attachments
from ozon_urgent.attachments.reading import ReadOutcome, read_evidence

LIMIT = 5_242_880


def hit_of(outcome: ReadOutcome) -> tuple[str, str]:
    """The refusal's code and variant; a refused file yields no bytes and no stat."""
    assert outcome.hit is not None and outcome.data is None and outcome.info is None, outcome
    return outcome.hit.code, outcome.hit.variant


def test_sparse_2_gb_file_is_refused_for_the_price_of_a_stat(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    best = float("inf")
    for _ in range(5):  # best of five: the claim is about the work done, not a busy CI neighbour
        start = time.perf_counter()
        result = read_evidence(path, LIMIT)
        best = min(best, time.perf_counter() - start)
    assert hit_of(result) == ("A201", "")
    assert result.hit is not None and result.hit.params["size"] == 2 * 1024**3
    assert result.size == 2 * 1024**3  # known from the stat alone
    assert best <= 0.005
    [report] = inspect_attachments([path], InspectLimits())
    assert (report.size, report.sha256, codes_of(report)) == (2 * 1024**3, None, [("A201", "")])
    check_renders(report)


def test_six_megabyte_pdf_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(big_pdf(6 * 1024 * 1024))
    [report] = inspect_attachments([path], InspectLimits())
    assert codes_of(report) == [("A201", "")]
    assert report.hits[0].params["size_mb"] == "6"


def test_exactly_the_limit_is_read_one_more_byte_is_not(tmp_path: Path) -> None:
    path = tmp_path / "edge.bin"
    path.write_bytes(b"x" * 1000)
    result = read_evidence(path, 1000)
    assert result.hit is None and result.info is not None
    assert result.data == b"x" * 1000 and result.info.st_size == 1000 and result.size == 1000
    assert hit_of(read_evidence(path, 999)) == ("A201", "")


def test_hash_is_of_exactly_the_bytes_read(tmp_path: Path) -> None:
    content = b"%PDF-1.7\n" + os.urandom(5000)
    path = tmp_path / "a.pdf"
    path.write_bytes(content)
    [report] = inspect_attachments([path], InspectLimits())
    assert report.size == len(content)
    assert report.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("name", ["empty.pdf", "empty.jpg"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.touch()
    assert hit_of(read_evidence(path, LIMIT)) == ("A203", "empty")
    [report] = inspect_attachments([path], InspectLimits())
    assert (report.size, codes_of(report)) == (0, [("A203", "empty")])


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    assert hit_of(read_evidence(path, LIMIT)) == ("A200", "fifo")


def test_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.pdf"
    target.write_bytes(b"%PDF-1.7\n")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    assert hit_of(read_evidence(link, LIMIT)) == ("A200", "symlink")


def test_directory_named_like_a_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "x.pdf"
    folder.mkdir()
    assert hit_of(read_evidence(folder, LIMIT)) == ("A200", "directory")
    [report] = inspect_attachments([folder], InspectLimits())
    check_renders(report)


def test_missing_file(tmp_path: Path) -> None:
    assert hit_of(read_evidence(tmp_path / "gone.pdf", LIMIT)) == ("A200", "missing")


def _regular_stat(tmp_path: Path) -> os.stat_result:
    decoy = tmp_path / "decoy"
    decoy.write_bytes(b"x" * 10)
    return os.lstat(decoy)


@pytest.mark.parametrize("swap", ["fifo", "symlink", "directory"])
def test_swap_after_lstat_is_caught_on_the_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str
) -> None:
    """lstat saw a regular file; by open() it is something else. O_NOFOLLOW, O_NONBLOCK and fstat hold."""
    path = tmp_path / "evidence.pdf"
    if swap == "fifo":
        os.mkfifo(path)
    elif swap == "symlink":
        (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF-1.7\n")
        path.symlink_to(tmp_path / "elsewhere.pdf")
    else:
        path.mkdir()
    regular = _regular_stat(tmp_path)
    real_lstat = os.lstat

    def stale_lstat(target: object) -> os.stat_result:
        return regular if Path(str(target)) == path else real_lstat(target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", stale_lstat)
    assert hit_of(read_evidence(path, LIMIT)) == ("A200", swap)


def test_file_vanishing_between_lstat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vanishing.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    real_open = os.open

    def open_after_delete(target: object, flags: int, *args: int) -> int:
        if Path(str(target)) == path:
            path.unlink()
        return real_open(target, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_after_delete)
    assert hit_of(read_evidence(path, LIMIT)) == ("A200", "missing")


def test_file_shrinking_while_read_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    real_fstat = os.fstat
    inode = path.stat().st_ino

    def stale_fstat(fd: int) -> os.stat_result:
        values = list(real_fstat(fd))
        if values[stat.ST_INO] == inode:
            values[stat.ST_SIZE] += 50  # what the size was a moment ago
        return os.stat_result(values)

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert hit_of(read_evidence(path, LIMIT)) == ("A200", "changed")


def test_no_read_permission_even_when_running_as_root(tmp_path: Path) -> None:
    """Root ignores permission bits, so as root the read happens in a child that became `nobody`."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"ozon-perm-{os.getpid()}-{time.monotonic_ns()}"
    folder.mkdir(mode=0o755)
    path = folder / "secret.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    path.chmod(0)
    try:
        assert _read_as_unprivileged(path) == ("A200", "permission")
    finally:
        path.chmod(0o600)
        path.unlink()
        folder.rmdir()


def _read_as_unprivileged(path: Path) -> tuple[str, str]:
    if os.geteuid() != 0:
        return hit_of(read_evidence(path, LIMIT))
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child)
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(writer, pickle.dumps(hit_of(read_evidence(path, LIMIT))))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    result = pickle.loads(payload)
    assert isinstance(result, tuple)
    return result
