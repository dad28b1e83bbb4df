"""Isolation: a file that hangs, crashes or eats memory costs only its own verdict, never the batch."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_files import encode, flate_bomb_pdf, jpeg, screenshot, slow_pdf, text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import check_renders, codes_of, render

from ozon_urgent.attachments import AttachmentReport, InspectLimits, inspect_attachments, inspect_blobs
from ozon_urgent.attachments.cpu_budget import hang_limit_s
from ozon_urgent.attachments.judge import judge
from ozon_urgent.attachments.model import Judgement
from ozon_urgent.attachments.pool import Done, Task, longest_wall_s, shared_pool
from ozon_urgent.attachments.worker import FAULT_MARKER

SLACK_S = 4.0  # scheduling on a loaded two-core CI runner; the claim is "about the limit", not "forever"


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def ordinary_files() -> dict[str, bytes]:
    return {
        "tracking.pdf": text_pdf(["Tracking 57195475-0050-3"]),
        "chat.jpg": jpeg(900, 1200),
        "renamed.jpg": encode(screenshot(700, 700), "PNG"),
        "buyer.pdf": text_pdf(["Buyer +7 912 345-67-89"]),
    }


def assert_ordinary_judged(reports: list[AttachmentReport]) -> None:
    by_name = {Path(report.path).name: report for report in reports}
    assert by_name["tracking.pdf"].hits == ()
    assert by_name["chat.jpg"].hits == ()
    assert codes_of(by_name["renamed.jpg"]) == [("A202", "convertible")]
    assert codes_of(by_name["buyer.pdf"]) == [("P300", "page")]


def test_reports_come_back_in_input_order(tmp_path: Path) -> None:
    files = {**ordinary_files(), "empty.pdf": b""}
    paths = [*write(tmp_path, files), tmp_path / "missing.pdf"]
    reports = inspect_attachments(list(reversed(paths)), InspectLimits(), jobs=2)
    assert [report.path for report in reports] == [str(path) for path in reversed(paths)]
    assert_ordinary_judged(reports)
    assert codes_of(reports[0]) == [("A200", "missing")]


def test_hang_is_cut_off_and_the_rest_of_the_batch_is_judged(tmp_path: Path) -> None:
    """A worker asleep (`time.sleep`) uses no CPU, so only the pool's wall limit for stuck workers ends
    it: a few times the CPU budget, and it is not mistaken for one kept from the processor."""
    limits = InspectLimits(timeout_s=1.5, debug_faults=True, ocr=False)
    paths = write(tmp_path, {"hang.pdf": FAULT_MARKER + b"hang\n", **ordinary_files()})
    start = time.monotonic()
    reports = inspect_attachments(paths, limits, jobs=2)
    elapsed = time.monotonic() - start
    assert codes_of(reports[0]) == [("A210", "timeout")]
    assert render(reports[0].hits[0], "en")[0] == "the file could not be checked within 1.5 s of CPU time"
    assert_ordinary_judged(reports[1:])
    assert hang_limit_s(1.5) <= elapsed < hang_limit_s(1.5) + SLACK_S
    assert shared_pool(limits.memory_bytes).retried == []  # asleep, not starved: no more time given


def test_cpu_runaway_is_cut_off_by_its_cpu_limit(tmp_path: Path) -> None:
    """A job that never stops computing (a runaway C call would look the same) is ended by SIGXCPU at its
    CPU budget (RLIMIT_CPU), and that is a timeout, not a crash."""
    limits = InspectLimits(timeout_s=1.0, debug_faults=True, ocr=False)
    paths = write(tmp_path, {"spin.pdf": FAULT_MARKER + b"spin\n", **ordinary_files()})
    reports = inspect_attachments(paths, limits, jobs=2)
    assert codes_of(reports[0]) == [("A210", "timeout")]
    assert_ordinary_judged(reports[1:])


def test_genuinely_slow_pdf_is_cut_off(tmp_path: Path) -> None:
    """6 KB, 20 pages sharing one content stream of 100 000 operators: pypdf needs seconds per page.

    Inside one page's text extraction nothing looks at the clock: the worker's CPU limit ends it. On a
    busy machine that takes longer on the wall clock, and a worker kept from the processor past the wall
    limit is given more time: the promise is the pool's longest wait, not the quiet machine's seconds."""
    limits = InspectLimits(timeout_s=1.5, ocr=False)  # the budget is for the slow PDF, not OCR
    paths = write(tmp_path, {"slow.pdf": slow_pdf(), **ordinary_files()})
    start = time.monotonic()
    reports = inspect_attachments(paths, limits, jobs=2)
    assert codes_of(reports[0]) == [("A210", "timeout")]
    assert reports[0].format == "pdf"  # known from the first bytes even though no child answered
    assert_ordinary_judged(reports[1:])
    assert time.monotonic() - start < longest_wall_s(1.5) + SLACK_S


@pytest.mark.parametrize(
    ("fault", "variant", "param"),
    [
        (b"crash", "crash", ("reason", "SIGSEGV")),
        (b"exit", "crash", ("reason", "exit code 3")),
        (b"memory", "memory", ("limit_mb", 512)),
    ],
)
def test_dying_child_becomes_a_hit(
    tmp_path: Path, fault: bytes, variant: str, param: tuple[str, object]
) -> None:
    limits = InspectLimits(debug_faults=True)
    paths = write(tmp_path, {"bad.jpg": FAULT_MARKER + fault + b"\n", **ordinary_files()})
    reports = inspect_attachments(paths, limits, jobs=2)
    assert codes_of(reports[0]) == [("A210", variant)]
    assert reports[0].hits[0].params[param[0]] == param[1]
    check_renders(reports[0])
    assert_ordinary_judged(reports[1:])
    assert_ordinary_judged(inspect_attachments(paths[1:], limits, jobs=2))  # the pool recovered


def test_real_decode_over_the_memory_cap(tmp_path: Path) -> None:
    """A page stream that inflates to 48 MB (under pypdf's 64 MB cap) meets a 16 MB budget: a memory hit.

    (A big JPEG no longer makes one: it is decoded at reduced scale, which needs only a few MB.)
    """
    limits = InspectLimits(memory_bytes=16 * 1024 * 1024)
    paths = write(tmp_path, {"big.pdf": flate_bomb_pdf(48), "tracking.pdf": text_pdf(["ok"])})
    reports = inspect_attachments(paths, limits, jobs=1)
    assert codes_of(reports[0]) == [("A210", "memory")]
    assert reports[1].hits == ()


def test_fault_hook_is_off_by_default(tmp_path: Path) -> None:
    paths = write(tmp_path, {"hang.pdf": FAULT_MARKER + b"hang\n"})
    [report] = inspect_attachments(paths, InspectLimits(timeout_s=5))
    assert [code for code, _ in codes_of(report)] == ["A202"]


PREFIXES = [b"", b"%PDF-1.7\n", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n"]
SMALL_LIMITS = InspectLimits(pdf_text_pages=3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048))
def test_random_bytes_never_raise(prefix: bytes, body: bytes) -> None:
    judgement = judge("evidence.pdf", prefix + body, SMALL_LIMITS)
    assert isinstance(judgement, Judgement)
    check_renders(AttachmentReport("x", 0, None, judgement.format, None, None, None, judgement.hits))


SEEDS = [text_pdf(["Buyer +7 912 345-67-89"], ["Page two"]), jpeg(640, 640, quality=60)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_files_never_raise(data: st.DataObject) -> None:
    blob = bytearray(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 12))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(blob)))
    judgement = judge("evidence.pdf", bytes(blob[:cut]), SMALL_LIMITS)
    assert isinstance(judgement, Judgement)


def test_random_batch_through_the_pool_has_no_internal_errors() -> None:
    rng = random.Random(7)
    blobs = [
        (f"f{index}.pdf", rng.choice(PREFIXES) + rng.randbytes(rng.randrange(4096))) for index in range(24)
    ]
    reports = inspect_blobs(blobs, InspectLimits(), jobs=2)
    assert [report.path for report in reports] == [name for name, _ in blobs]
    assert not any(code == "A210" for report in reports for code, _ in codes_of(report))


def test_interrupted_run_leaves_no_stale_answer() -> None:
    limits = InspectLimits(debug_faults=True)
    pool = shared_pool(limits.memory_bytes)

    def failing_reader() -> Iterator[Task]:
        yield Task(0, "inspect", ("hang.pdf", FAULT_MARKER + b"hang\n", limits))
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        pool.run(failing_reader(), 2, 30.0, 2)
    fresh = pool.run(iter([Task(0, "inspect", ("ok.pdf", text_pdf(["ok"]), limits))]), 1, 30.0, 2)
    outcome = fresh[0]
    assert isinstance(outcome, Done) and isinstance(outcome.value, Judgement)
    assert outcome.value.format == "pdf" and outcome.value.hits == ()


def test_blobs_get_the_size_rules_too() -> None:
    limits = InspectLimits(max_bytes=1000)
    reports = inspect_blobs([("big.jpg", b"\xff\xd8\xff" + bytes(2000)), ("empty.pdf", b"")], limits)
    assert [codes_of(report) for report in reports] == [[("A201", "")], [("A203", "empty")]]
    assert reports[0].format == "jpeg"
