"""The verdict cache: a hit is the same report, every key part invalidates, and a broken cache is no cache."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_files import encode, jpeg, screenshot, text_pdf
from report_helpers import codes_of

import ozon_urgent
from ozon_urgent.attachments import (
    InspectLimits,
    inspect_attachments,
    inspect_blobs,
    inspection,
    verdict_cache,
)
from ozon_urgent.attachments.model import AttachmentHit, Judgement
from ozon_urgent.attachments.pool import Done, Failure, Task
from ozon_urgent.attachments.verdict_cache import VerdictCache, cache_dir
from ozon_urgent.attachments.worker import FAULT_MARKER
from ozon_urgent.findings import Code


@pytest.fixture
def child_tasks(monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    """Every task sent to a child, in order."""
    seen: list[Task] = []
    real = inspection._run

    def counting(
        tasks: Iterator[Task],
        count: int,
        limits: InspectLimits,
        jobs: int | None,
        on_done: Callable[[int], None] | None = None,
    ) -> dict[int, Done | Failure]:
        def spy() -> Iterator[Task]:
            for task in tasks:
                seen.append(task)
                yield task

        return real(spy(), count, limits, jobs, on_done)

    monkeypatch.setattr(inspection, "_run", counting)
    return seen


def files(folder: Path) -> list[Path]:
    """Clean and hit-carrying files, an extension mismatch among them."""
    content = {
        "tracking.pdf": text_pdf(["Tracking 57195475-0050-3"]),
        "chat.jpg": jpeg(900, 1200),
        "renamed.jpg": encode(screenshot(700, 700), "PNG"),
        "buyer.pdf": text_pdf(["Buyer +7 912 345-67-89"]),
        "small.jpeg": jpeg(300, 400),
        "photo.pdf": jpeg(900, 1200),
    }
    paths = []
    for name, data in content.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def database() -> Path:
    return cache_dir() / verdict_cache.FILENAME


def test_cache_lives_in_the_test_cache_folder(tmp_path: Path) -> None:
    assert str(cache_dir()).startswith(os.environ["XDG_CACHE_HOME"])
    inspect_attachments(files(tmp_path), InspectLimits(), jobs=2)
    assert database().is_file()


def test_a_cache_hit_gives_the_same_reports_without_a_child(tmp_path: Path, child_tasks: list[Task]) -> None:
    paths = files(tmp_path)
    fresh = inspect_attachments(paths, InspectLimits(), jobs=2, cache=False)
    first = inspect_attachments(paths, InspectLimits(), jobs=2)
    assert len(child_tasks) == 2 * len(paths)
    second = inspect_attachments(paths, InspectLimits(), jobs=2)
    assert len(child_tasks) == 2 * len(paths), "every verdict came from the cache"
    assert first == fresh == second
    assert any(hit.code is Code.ATTACHMENT_EXTENSION_MISMATCH for r in second for hit in r.hits)
    assert any(codes_of(r) for r in second), "hits survive the round trip, not only clean verdicts"


def test_blobs_use_the_cache_too(tmp_path: Path, child_tasks: list[Task]) -> None:
    named = [(p.name, p.read_bytes()) for p in files(tmp_path)]
    fresh = inspect_blobs(named, InspectLimits(), cache=False)
    assert inspect_blobs(named, InspectLimits()) == fresh
    assert inspect_blobs(named, InspectLimits()) == fresh
    assert len(child_tasks) == 2 * len(named)


def test_the_same_file_twice_in_a_run_is_judged_once(tmp_path: Path, child_tasks: list[Task]) -> None:
    chat, receipt = tmp_path / "chat.jpg", tmp_path / "receipt.pdf"
    chat.write_bytes(jpeg(900, 1200))
    receipt.write_bytes(text_pdf(["Receipt"]))
    paths = [chat, receipt] * 500  # 1,000 cases sharing two files
    reports = inspect_attachments(paths, InspectLimits(), jobs=2, cache=False)
    assert len(child_tasks) == 2
    assert [r.path for r in reports] == [str(p) for p in paths]
    assert reports[0::2] == [reports[0]] * 500 and reports[1::2] == [reports[1]] * 500


def test_copies_in_other_folders_are_judged_once_and_each_report_names_its_path(
    tmp_path: Path, child_tasks: list[Task]
) -> None:
    data = jpeg(900, 1200)
    paths = []
    for number in range(20):
        (tmp_path / str(number)).mkdir()
        paths.append(tmp_path / str(number) / "chat.jpg")
        paths[-1].write_bytes(data)
    reports = inspect_attachments(paths, InspectLimits(), jobs=2)
    assert len(child_tasks) == 1
    assert [r.path for r in reports] == [str(p) for p in paths]
    assert {(r.sha256, r.hits) for r in reports} == {(reports[0].sha256, ())}


def test_the_same_bytes_under_another_extension_keep_their_own_mismatch(
    tmp_path: Path, child_tasks: list[Task]
) -> None:
    data = jpeg(900, 1200)
    for name in ("a.jpg", "b.pdf", "c.JPG", "d"):
        (tmp_path / name).write_bytes(data)
    paths = [tmp_path / n for n in ("a.jpg", "b.pdf", "c.JPG", "d", "a.jpg", "b.pdf")]
    fresh = inspect_attachments(paths, InspectLimits(), cache=False)
    cached = inspect_attachments(list(reversed(paths)), InspectLimits())
    again = inspect_attachments(paths, InspectLimits())
    assert again == fresh and list(reversed(cached)) == fresh
    mismatch = [any(h.code is Code.ATTACHMENT_EXTENSION_MISMATCH for h in r.hits) for r in fresh]
    assert mismatch == [False, True, False, True, False, True]
    assert fresh[1].hits[-1].params["extension"] == ".pdf"
    assert fresh[3].hits[-1].params["extension"] == "(none)"


def test_a_changed_byte_is_judged_again(tmp_path: Path, child_tasks: list[Task]) -> None:
    path = tmp_path / "chat.jpg"
    path.write_bytes(jpeg(900, 1200))
    first = inspect_attachments([path], InspectLimits())
    path.write_bytes(jpeg(300, 400))  # same name, new content: the lookup is by the bytes just read
    second = inspect_attachments([path], InspectLimits())
    assert len(child_tasks) == 2
    assert second[0].sha256 != first[0].sha256
    assert second == inspect_attachments([path], InspectLimits(), cache=False)
    assert second[0].hits != first[0].hits


def test_another_tool_version_is_judged_again(
    tmp_path: Path, child_tasks: list[Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = files(tmp_path)[:2]
    inspect_attachments(paths, InspectLimits())
    monkeypatch.setattr(ozon_urgent, "__version__", "99.0.0")
    inspect_attachments(paths, InspectLimits())
    assert len(child_tasks) == 4
    inspect_attachments(paths, InspectLimits())
    assert len(child_tasks) == 4


def test_other_judging_code_is_judged_again(
    tmp_path: Path, child_tasks: list[Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited judge or an upgraded library under the same version number: a new key."""
    paths = files(tmp_path)[:1]
    inspect_attachments(paths, InspectLimits())
    monkeypatch.setattr(verdict_cache, "judging_fingerprint", lambda: "another build")
    inspect_attachments(paths, InspectLimits())
    assert len(child_tasks) == 2


def test_the_judging_fingerprint_sees_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    fingerprint = verdict_cache.judging_fingerprint
    fingerprint.cache_clear()
    first = fingerprint()
    fingerprint.cache_clear()
    assert fingerprint() == first
    fingerprint.cache_clear()
    try:
        monkeypatch.setattr(verdict_cache, "_LIBRARIES", (*verdict_cache._LIBRARIES, "no_such_library"))
        assert fingerprint() != first
    finally:
        fingerprint.cache_clear()


def test_another_cache_format_is_judged_again(
    tmp_path: Path, child_tasks: list[Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = files(tmp_path)[:1]
    inspect_attachments(paths, InspectLimits())
    monkeypatch.setattr(verdict_cache, "CACHE_FORMAT", verdict_cache.CACHE_FORMAT + 1)
    inspect_attachments(paths, InspectLimits())
    assert len(child_tasks) == 2


def _changed(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 1.5
    if isinstance(value, tuple):  # the seller's own names and addresses
        return (*value, "Петров Пётр")
    raise AssertionError(f"teach _changed about {type(value).__name__}")


KEYED_FIELDS = [f.name for f in dataclasses.fields(InspectLimits) if f.name != "debug_faults"]


@pytest.mark.parametrize("name", KEYED_FIELDS)
def test_each_limit_is_part_of_the_key(tmp_path: Path, child_tasks: list[Task], name: str) -> None:
    """Generic over the dataclass: a limit added later is covered (and tested) without a change here."""
    paths = files(tmp_path)[:2]
    base = InspectLimits()
    changes: dict[str, Any] = {name: _changed(getattr(base, name))}
    other = dataclasses.replace(base, **changes)
    inspect_attachments(paths, base)
    inspect_attachments(paths, other)
    assert len(child_tasks) == 4
    inspect_attachments(paths, other)
    inspect_attachments(paths, base)
    assert len(child_tasks) == 4


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, child_tasks: list[Task]) -> None:
    paths = files(tmp_path)[:2]
    inspect_attachments(paths, InspectLimits(), cache=False)
    assert not database().exists()
    truth = inspect_attachments(paths, InspectLimits())
    _poison()
    assert inspect_attachments(paths, InspectLimits()) != truth, "the poisoned entries are read"
    assert inspect_attachments(paths, InspectLimits(), cache=False) == truth
    before = _contents()
    other = tmp_path / "other"
    other.mkdir()
    inspect_attachments(files(other), InspectLimits(), cache=False)
    assert _contents() == before


def test_the_environment_turns_the_cache_off(
    tmp_path: Path, child_tasks: list[Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OZON_URGENT_NO_CACHE", "1")
    paths = files(tmp_path)[:2]
    inspect_attachments(paths, InspectLimits())
    inspect_attachments(paths, InspectLimits())
    assert len(child_tasks) == 4
    assert not database().exists()


def test_debug_faults_turn_the_cache_off(tmp_path: Path) -> None:
    path = tmp_path / "hang.pdf"
    path.write_bytes(FAULT_MARKER + b"crash")
    inspect_attachments([path], InspectLimits(debug_faults=True))
    assert not database().exists()


def test_not_checked_outcomes_are_not_cached(
    tmp_path: Path, child_tasks: list[Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = files(tmp_path)[:4]
    real = inspection._run
    failures: list[Done | Failure] = [
        Failure("timeout", 10.0),
        Failure("crash", "SIGKILL"),
        Failure("memory"),
        Done(object()),
    ]

    def failing(
        tasks: Iterator[Task],
        count: int,
        limits: InspectLimits,
        jobs: int | None,
        on_done: Callable[[int], None] | None = None,
    ) -> dict[int, Done | Failure]:
        return {task.id: failures[task.id] for task in tasks}

    monkeypatch.setattr(inspection, "_run", failing)
    reports = inspect_attachments(paths, InspectLimits())
    assert [r.hits[0].variant for r in reports] == ["timeout", "crash", "memory", "internal"]
    assert _rows() == 0
    monkeypatch.setattr(inspection, "_run", real)
    reports = inspect_attachments(paths, InspectLimits())
    assert [task.id for task in child_tasks] == [0, 1, 2, 3]
    assert not any(hit.code is Code.ATTACHMENT_NOT_CHECKED for r in reports for hit in r.hits)


def test_a_not_checked_hit_from_a_child_is_not_stored() -> None:
    store = VerdictCache.open(InspectLimits())
    assert store is not None
    hit = AttachmentHit(Code.ATTACHMENT_NOT_CHECKED, "internal", {"error": "X"})
    store.put_many([("0" * 64, "a.pdf", Judgement("pdf", (hit,)))])
    assert store.get("0" * 64, "a.pdf") is None
    store.close()


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "not_json",
        "wrong_key_inside",
        "unknown_code",
        "bool_param",
        "float_pages",
        "extra_hit_field",
        "not_a_string",
    ],
)
def test_a_damaged_entry_is_judged_afresh(tmp_path: Path, child_tasks: list[Task], damage: str) -> None:
    paths = files(tmp_path)
    truth = inspect_attachments(paths, InspectLimits())
    with contextlib.closing(sqlite3.connect(database())) as conn, conn:
        for key, value in conn.execute("SELECT key, value FROM verdicts").fetchall():
            conn.execute("UPDATE verdicts SET value = ? WHERE key = ?", (_damaged(value, damage), key))
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert len(child_tasks) == 2 * len(paths)
    assert inspect_attachments(paths, InspectLimits()) == truth, "the fresh verdicts replaced them"
    assert len(child_tasks) == 2 * len(paths)


def _damaged(value: str, damage: str) -> object:
    import json

    data = json.loads(value)
    if damage == "truncated":
        return value[: len(value) // 2]
    if damage == "not_json":
        return "\x00garbage"
    if damage == "not_a_string":
        return b"\x80\x81"
    if damage == "wrong_key_inside":
        data["key"] = "0" * 64
    elif damage == "unknown_code":
        data["hits"] = [{"code": "Z999", "variant": "", "params": {}}]
    elif damage == "bool_param":
        data["hits"] = [{"code": "A202", "variant": "", "params": {"x": True}}]
    elif damage == "float_pages":
        data["pages"] = 1.5
    elif damage == "extra_hit_field":
        data["hits"] = [{"code": "A202", "variant": "", "params": {}, "more": 1}]
    return json.dumps(data)


def test_a_damaged_database_file_never_changes_a_verdict(tmp_path: Path) -> None:
    paths = files(tmp_path)[:3]
    truth = inspect_attachments(paths, InspectLimits(), cache=False)
    database().parent.mkdir(parents=True, exist_ok=True)
    database().write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert inspect_attachments(paths, InspectLimits()) == truth
    database().write_bytes(b"")
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert inspect_attachments(paths, InspectLimits()) == truth


@pytest.mark.parametrize("damage", [b"not a database at all " * 200, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_damaged_database_is_replaced_by_an_empty_cache_that_works(
    tmp_path: Path, child_tasks: list[Task], damage: bytes
) -> None:
    """A cache file a crash or a disk fault broke is rebuilt on the next run, not off until deleted."""
    paths = files(tmp_path)[:3]
    truth = inspect_attachments(paths, InspectLimits(), cache=False)
    judged = len(child_tasks)
    verdict_cache.forget()
    database().parent.mkdir(parents=True, exist_ok=True)
    database().write_bytes(damage)
    assert inspect_attachments(paths, InspectLimits()) == truth  # judged afresh, and kept
    verdict_cache.forget()
    before = len(child_tasks)
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert len(child_tasks) == before and before == 2 * judged  # the second run: all from the cache
    assert database().read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_cache_folder_that_cannot_be_made_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child_tasks: list[Task]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    paths = files(tmp_path)[:2]
    truth = inspect_attachments(paths, InspectLimits(), cache=False)
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert len(child_tasks) == 4


def test_an_empty_read_only_cache_folder_is_no_cache(tmp_path: Path, child_tasks: list[Task]) -> None:
    """Nothing to read and nowhere to write (as root the chmod does not bite: then it is a normal run)."""
    paths = files(tmp_path)[:2]
    folder = cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    try:
        truth = inspect_attachments(paths, InspectLimits(), cache=False)
        assert inspect_attachments(paths, InspectLimits()) == truth
    finally:
        folder.chmod(0o755)


def test_a_failing_write_never_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child_tasks: list[Task]
) -> None:
    def full(conn: sqlite3.Connection) -> Iterator[None]:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(verdict_cache, "_transaction", full)
    paths = files(tmp_path)[:3]
    truth = inspect_attachments(paths, InspectLimits(), cache=False)
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert inspect_attachments(paths, InspectLimits()) == truth
    assert len(child_tasks) == 9
    assert _rows() == 0


def test_the_size_is_bounded_oldest_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdict_cache, "MAX_ENTRIES", 10)
    judgement = Judgement("pdf", (), pages=1)
    for number in range(25):
        store = VerdictCache.open(InspectLimits())
        assert store is not None
        store.put_many([(f"{number:064x}", "a.pdf", judgement)])
        store.close()
    assert _rows() == 10
    store = VerdictCache.open(InspectLimits())
    assert store is not None
    assert [store.get(f"{n:064x}", "a.pdf") is not None for n in range(25)] == [False] * 15 + [True] * 10
    store.close()


def test_an_oversized_verdict_is_not_kept() -> None:
    store = VerdictCache.open(InspectLimits())
    assert store is not None
    big = AttachmentHit(Code.ATTACHMENT_WRONG_FORMAT, "x", {"text": "y" * verdict_cache.MAX_ENTRY_BYTES})
    store.put_many([("1" * 64, "a.pdf", Judgement(None, (big,)))])
    assert store.get("1" * 64, "a.pdf") is None
    store.close()


def _writer(number: int, start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    for batch in range(20):
        store = VerdictCache.open(InspectLimits())
        assert store is not None
        # Half the keys are shared by all writers, half are each writer's own.
        items = [
            (f"{key:064x}", "a.pdf", Judgement("pdf", (), pages=key))
            for key in (batch, 1000 * (number + 1) + batch)
        ]
        store.put_many(items)
        for digest, name, judgement in items:
            assert store.get(digest, name) in (judgement, None)
        store.close()


def test_concurrent_writers_keep_a_consistent_cache() -> None:
    context = multiprocessing.get_context("fork")
    start = context.Event()
    writers = [context.Process(target=_writer, args=(number, start)) for number in range(4)]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0, 0, 0, 0]
    store = VerdictCache.open(InspectLimits())
    assert store is not None
    keys = [*range(20), *(1000 * (n + 1) + b for n in range(4) for b in range(20))]
    for key in keys:
        assert store.get(f"{key:064x}", "a.pdf") == Judgement("pdf", (), pages=key)
    store.close()
    assert _rows() == len(keys)


def _poison() -> None:
    """Make every stored verdict claim a hit the file does not have (a valid, well-keyed entry)."""
    import json

    with contextlib.closing(sqlite3.connect(database())) as conn, conn:
        for key, value in conn.execute("SELECT key, value FROM verdicts").fetchall():
            data = json.loads(value)
            data["hits"] = [{"code": "A202", "variant": "convertible", "params": {}}]
            conn.execute("UPDATE verdicts SET value = ? WHERE key = ?", (json.dumps(data), key))


def _rows() -> int:
    if not database().exists():
        return 0
    with contextlib.closing(sqlite3.connect(database())) as conn:
        (count,) = conn.execute("SELECT count(*) FROM verdicts").fetchone()
    return int(count)


def _contents() -> list[tuple[str, str, int]]:
    with contextlib.closing(sqlite3.connect(database())) as conn:
        return conn.execute("SELECT key, value, written FROM verdicts ORDER BY key").fetchall()


def test_a_read_only_database_is_read_and_never_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does to SQLite, also for root: every write is refused."""
    paths = files(tmp_path)
    truth = inspect_attachments(paths, InspectLimits(), cache=False)
    inspect_attachments(paths[:2], InspectLimits())
    before = _contents()
    real_connect = sqlite3.connect

    def read_only(
        path: Path, timeout: float, isolation_level: None, check_same_thread: bool
    ) -> sqlite3.Connection:
        return real_connect(
            f"file:{path}?mode=ro",
            timeout,
            isolation_level=isolation_level,
            check_same_thread=check_same_thread,
            uri=True,
        )

    verdict_cache.forget()  # the process keeps its connection; the next one is opened read-only
    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", read_only)
        assert inspect_attachments(paths, InspectLimits()) == truth
        assert inspect_attachments(paths, InspectLimits()) == truth
        verdict_cache.forget()
    assert _contents() == before


@pytest.mark.parametrize(
    ("variant", "kept"), [("text_time", False), ("text_pages", True), ("text_unreadable", True)]
)
def test_a_search_the_clock_cut_short_is_not_cached(variant: str, kept: bool) -> None:
    """A216 text_time depends on how busy the machine was: the next run searches again."""
    from ozon_urgent.attachments.verdict_cache import cacheable

    hit = AttachmentHit(Code.ATTACHMENT_TEXT_NOT_SEARCHED, variant, {"pages": "21–40", "total": 40})
    assert cacheable(Judgement("pdf", (hit,), pages=40)) is kept
    assert cacheable(Judgement("pdf", (), pages=40))
