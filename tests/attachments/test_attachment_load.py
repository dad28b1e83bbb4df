"""The verdict does not depend on how busy the machine is: a file's budget is CPU time, not wall time.

Real processes and real load, nothing mocked: busy loops on every core, a worker kept from its core by
busy loops pinned beside it. No assertion here is about how long anything took.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pypdf
from hostile_files import text_pdf
from PIL import Image, ImageDraw, ImageFont
from report_helpers import codes_of

from ozon_urgent.attachments import InspectLimits, inspect_blobs
from ozon_urgent.attachments.cpu_budget import Usage, classify_overrun, cpu_clock, usage
from ozon_urgent.attachments.model import Judgement
from ozon_urgent.attachments.ocr import OcrError, read_lines
from ozon_urgent.attachments.pool import Done, Task, WorkerPool
from ozon_urgent.attachments.verdict_cache import limits_key
from ozon_urgent.attachments.worker import FAULT_MARKER
from screenshots import generate

FONT = os.path.join(os.path.dirname(__file__), "../../src/ozon_urgent/data/fonts/DejaVuSans-subset.ttf")
BUSY_LIFETIME_S = 60  # a busy loop stops itself after this, whatever happens to the test
# A busy loop: it ends on its own; `pin` keeps it on one core.
BUSY = (
    "import os, sys, time\n"
    "if len(sys.argv) > 2: os.sched_setaffinity(0, {int(sys.argv[2])})\n"
    "end = time.monotonic() + float(sys.argv[1])\n"
    "while time.monotonic() < end: pass\n"
)


@contextlib.contextmanager
def busy_loops(count: int, pin: int | None = None) -> Iterator[list[subprocess.Popen[bytes]]]:
    args = [str(BUSY_LIFETIME_S)] + ([str(pin)] if pin is not None else [])
    loops = [subprocess.Popen([sys.executable, "-c", BUSY, *args]) for _ in range(count)]
    try:
        yield loops
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def page(lines: list[str], size: tuple[int, int] = (900, 500)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for row, line in enumerate(lines):
        draw.text((40, 40 + row * 70), line, fill="black", font=font)
    return image


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return out.getvalue()


def evidence() -> list[tuple[str, bytes]]:
    shots = [(f"{shot.name}.jpg", shot.jpeg_bytes) for shot in generate(4)]
    scan = scanned_pdf([page(["Акт приёма", "Мой телефон +7 916 123-45-67"])])
    text = text_pdf(["Buyer +7 912 345-67-89"], ["Tracking 57195475-0050-3"])
    return [*shots, ("scan.pdf", scan), ("text.pdf", text)]


def findings(named: list[tuple[str, bytes]]) -> list[list[tuple[str, str, object]]]:
    reports = inspect_blobs(named, InspectLimits(), jobs=os.cpu_count(), cache=False)
    return [sorted((hit.code.value, hit.variant, hit.params) for hit in report.hits) for report in reports]


def test_the_same_findings_on_a_quiet_and_on_a_busy_machine() -> None:
    named = evidence()
    quiet = findings(named)
    found = {code for report in quiet for code, _, _ in report}
    assert {"P300", "P301", "P303"} <= found  # the planted personal data is read at all
    with busy_loops(os.cpu_count() or 1):
        busy = findings(named)
    assert busy == quiet
    not_read = [
        (name, code, variant)
        for (name, _), report in zip(named, busy, strict=True)
        for code, variant, _ in report
        if code in ("A210", "A217") or variant == "text_time"
    ]
    assert not_read == []


# --- telling a worker kept from its core from one that is stuck --------------------------------------


def test_runnable_most_of_the_time_is_starved_and_asleep_is_hung() -> None:
    start = Usage("R", cpu_s=1.0, wait_s=0.5)
    # 5 s on the wall: 0.4 s on a core and 4.3 s waiting in the run queue for one: a busy machine
    assert classify_overrun(start, start, Usage("R", 1.4, 4.8), 5.0, 10.0) == "starved"
    # the same after it went to sleep: what counts is how it spent the window, not its last state
    assert classify_overrun(start, start, Usage("S", 1.4, 4.8), 5.0, 10.0) == "starved"
    # 5 s asleep (`time.sleep`, a read that never returns): stuck
    assert classify_overrun(start, start, Usage("S", 1.001, 0.502), 5.0, 10.0) == "hung"
    # stopped by someone (SIGSTOP, a debugger): the file has not had its time
    assert classify_overrun(start, start, Usage("T", 1.1, 0.6), 5.0, 10.0) == "starved"
    # it had its CPU budget, however busy the machine: that is the file's doing
    assert classify_overrun(start, start, Usage("R", 11.0, 30.0), 40.0, 10.0) == "hung"


def test_a_later_window_is_judged_on_its_own() -> None:
    """A worker found starved and given more time, then asleep for the next window, is stuck."""
    start = Usage("R", 0.0, 0.0)
    before = Usage("R", 0.5, 4.4)
    assert classify_overrun(start, before, Usage("S", 0.5, 4.41), 5.0, 10.0) == "hung"
    assert classify_overrun(start, before, Usage("R", 1.5, 8.0), 5.0, 10.0) == "starved"


def test_usage_reads_a_real_process() -> None:
    with busy_loops(1) as [loop]:
        time.sleep(0.5)
        seen = usage(loop.pid)
    assert seen is not None and seen.state in ("R", "S") and seen.cpu_s > 0
    assert usage(loop.pid) is None  # gone


def test_a_starved_worker_is_given_more_time_not_reported_unread() -> None:
    """The worker is really kept from the processor: pinned to one core beside busy loops of the same
    priority, it runs a tenth of the time and waits in the run queue the rest. The pool must see it wanted
    to work, give it more time, and get its verdict once the loops stop."""
    limits = InspectLimits(timeout_s=1.5, debug_faults=True, ocr=False)  # its wall limit: 5 s
    pool = WorkerPool(limits.memory_bytes)
    pool.start(1)
    core = min(os.sched_getaffinity(0))
    loops: list[subprocess.Popen[bytes]] = []
    stop = threading.Event()

    def starve() -> None:
        deadline = time.monotonic() + BUSY_LIFETIME_S
        while not stop.is_set() and time.monotonic() < deadline:
            busy = [worker.process.pid for worker in pool._workers if worker.task is not None]
            if busy and busy[0] is not None:
                os.sched_setaffinity(busy[0], {core})
                break
            time.sleep(0.01)
        loops.extend(
            subprocess.Popen([sys.executable, "-c", BUSY, str(BUSY_LIFETIME_S), str(core)]) for _ in range(9)
        )
        while not stop.is_set() and not pool.retried and time.monotonic() < deadline:
            time.sleep(0.05)
        for loop in loops:  # the machine quietens down: the worker finishes what it started
            loop.kill()
            loop.wait()

    thread = threading.Thread(target=starve)
    try:
        thread.start()
        # 1 s of CPU: at a tenth of a core it cannot be done within the 5 s wall limit
        task = Task(0, "inspect", ("work.pdf", FAULT_MARKER + b"spin 1.0\n", limits))
        [outcome] = pool.run(iter([task]), 1, limits.timeout_s, 1).values()
    finally:
        stop.set()
        thread.join()
        for loop in loops:
            loop.kill()
            loop.wait()
        pool.close()
    assert isinstance(outcome, Done) and isinstance(outcome.value, Judgement)
    assert pool.retried and {why for _, why in pool.retried} == {"starved"}


# --- deterministic bounds --------------------------------------------------------------------------


def test_scanned_pages_past_the_ocr_limit_are_named() -> None:
    """The OCR page limit is a count, the same on any machine: page 3's picture is not read and said so,
    while a page with text after it is still searched."""
    scan = scanned_pdf(
        [page(["Акт приёма"]), page(["Отправление 57195475-0050-3"]), page(["Тел. +7 916 123-45-67"])]
    )
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(scan)))
    writer.append(pypdf.PdfReader(io.BytesIO(text_pdf(["Buyer +7 912 345-67-89"]))))
    out = io.BytesIO()
    writer.write(out)
    [report] = inspect_blobs([("scan.pdf", out.getvalue())], InspectLimits(pdf_ocr_pages=2), cache=False)
    assert codes_of(report) == [("P300", "page"), ("A216", "ocr_pages")]
    assert report.hits[0].params["page"] == 4
    assert report.hits[1].params == {"pages": "3", "total": 4, "limit": 2}
    [everything] = inspect_blobs([("scan.pdf", out.getvalue())], InspectLimits(), cache=False)
    assert sorted(hit.params["page"] for hit in everything.hits) == [3, 4]


def test_the_ocr_page_limit_and_the_cpu_budget_are_part_of_the_cache_key() -> None:
    base = limits_key(InspectLimits())
    assert limits_key(InspectLimits(pdf_ocr_pages=5)) != base
    assert limits_key(InspectLimits(timeout_s=20)) != base


def test_the_engine_in_this_process_is_stopped_on_cpu_time_and_reads_on() -> None:
    """tesserocr's own timeout is wall time; the reading is stopped on CPU time instead (ITIMER_PROF),
    and the engine reads the next picture after that."""
    picture = Image.open(io.BytesIO(generate(1)[0].jpeg_bytes)).convert("L")
    started = cpu_clock()
    try:
        read_lines(picture, 0.02)
    except OcrError as error:
        assert error.variant == "timeout"
    else:
        raise AssertionError("a reading of a whole screenshot within 0.02 s of CPU time")
    assert cpu_clock() - started < 10  # stopped early, not read to the end (a loose bound, in CPU time)
    assert read_lines(picture, 60)
