"""Text in pictures: Tesseract reads a screenshot or a scanned page, and personal data is looked for in it.

Runs in the worker child. The engine is a separate program (`tesseract`, found on PATH or named by
OZON_URGENT_TESSERACT); a picture it cannot read is said out loud (A217), never passed as clean.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import signal
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ozon_urgent.attachments.cpu_budget import cpu_clock, hang_limit_s
from ozon_urgent.attachments.model import MORE_REGIONS, AttachmentHit, Params
from ozon_urgent.attachments.ocr_deskew import skew_angle
from ozon_urgent.attachments.ocr_deskew import turn as turn_picture
from ozon_urgent.attachments.ocr_prepare import prepare
from ozon_urgent.attachments.pd_layout import Box, from_words
from ozon_urgent.attachments.personal_data import NOBODY, PER_CODE_CAP, Own, find_personal_data
from ozon_urgent.attachments.tessdata import ENGINE_ENV, LANGUAGES, find_tessdata
from ozon_urgent.findings.codes import Code

if TYPE_CHECKING:
    from PIL import Image

    from ozon_urgent.attachments.shown import Indexer

# Words Tesseract is less sure of than this are kept: a phone read at 40 % is still a phone to mask.
_MIN_CONF = 0.0
_MIN_SIDE = 8  # nothing smaller holds a readable character
_MODEL_MISSING = (b"Failed loading language", b"Error opening data file")
_PR_SET_PDEATHSIG = 1
# Engine variables set alike for the library and the program, so that both read the same. Tesseract's
# table finder looks for table structure the reading does not use (only words and lines are searched):
# 13 % of the CPU time on 40-row Seller Center tables (perf), which now read in 1.62 s instead of 2.13
# (median CPU, 1080x1920); IDs of 5+ digits read the same or better, only some 1-2 digit row numbers
# are lost (benchmarks/ocr_speed.py), personal data found the same (ocr_screenshots.py: 58/60, 0 FP).
# Page segmentation 4 (one column) was tried: +14 % of table tokens, but 4 planted values of 60 lost.
_SETTINGS = {"textord_tabfind_find_tables": "0"}


class OcrError(Exception):
    """The engine could not read the picture; `variant` picks A217's message."""

    def __init__(self, variant: str) -> None:
        super().__init__(variant)
        self.variant = variant


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def read_lines(image: Image.Image, timeout_s: float) -> list[Line]:
    """The picture's text as lines of words, boxes in the picture's pixels; OcrError when not read.

    `timeout_s`: the processor time (not wall time) the reading may use."""
    if min(image.size) < _MIN_SIDE:
        return []
    if timeout_s <= 0:
        raise OcrError("timeout")
    gray = image.convert("L")
    program = os.environ.get(ENGINE_ENV)
    library = None if program else _library()
    if library is not None:
        return parse_tsv(library.read(gray, timeout_s))
    return parse_tsv(_read_with_program(program or "tesseract", gray, timeout_s))


class _Library:
    """Tesseract loaded into this process once (tesserocr): ~0.06 s of model loading and the layout
    set-up are paid per worker, not per picture, which halves the time of a screenshot."""

    def __init__(self, tessdata: str) -> None:
        import tesserocr

        self._api = tesserocr.PyTessBaseAPI(
            path=tessdata,
            lang=LANGUAGES,
            oem=tesserocr.OEM.LSTM_ONLY,
            psm=tesserocr.PSM.AUTO,
        )
        for name, value in _SETTINGS.items():
            self._api.SetVariable(name, value)

    def read(self, gray: Image.Image, timeout_s: float) -> str:
        self._api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
        # Recognize's own timeout is wall time (0: none), which a busy machine would turn into a verdict;
        # the reading is stopped on processor time instead: tesserocr cancels it when a signal handler
        # raises, and ITIMER_PROF signals after `timeout_s` of this process's CPU time.
        try:
            with _cpu_alarm(timeout_s):
                done = self._api.Recognize(timeout=0)
        except _OutOfCpu:
            self._api.Clear()
            raise OcrError("timeout") from None
        if not done:
            self._api.Clear()
            raise OcrError("engine_failed")
        tsv: str = self._api.GetTSVText(0)
        self._api.Clear()  # the page's layout and results: ~15 MB the worker can give back between files
        return tsv


class _OutOfCpu(BaseException):
    """Raised by the ITIMER_PROF handler; BaseException, so no `except Exception` on the way swallows it."""


@contextlib.contextmanager
def _cpu_alarm(seconds: float) -> Iterator[None]:
    """Raise _OutOfCpu in this (main) thread once the process has used `seconds` more of CPU time.

    Where there is no profiling timer (Windows) or this is not the main thread, nothing is armed: the
    worker's RLIMIT_CPU still ends a reading that runs away."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_cpu(signum: int, frame: object) -> None:
        raise _OutOfCpu

    previous = signal.signal(signal.SIGPROF, out_of_cpu)
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@functools.cache
def _library() -> _Library | None:
    """The in-process engine, loaded on first use; None where tesserocr is not installed (then the
    `tesseract` program is run instead). OcrError("engine_missing") when the language data is not (not
    cached: the next picture looks again)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return None
    tessdata = find_tessdata()
    if tessdata is None:
        raise OcrError("engine_missing")
    try:
        return _Library(tessdata)
    except RuntimeError:
        raise OcrError("engine_missing") from None


def _read_with_program(program: str, gray: Image.Image, timeout_s: float) -> str:
    """The `tesseract` program on a PGM piped in: where tesserocr has no wheel (macOS, ARM Linux)."""
    # PGM: no compression to pay for, and leptonica reads it from stdin.
    header = f"P5 {gray.width} {gray.height} 255\n".encode()
    payload = header + gray.tobytes()
    # TSV asked for by its variables, not by the `tsv` config file, which a TESSDATA_PREFIX folder
    # holding only the models lacks.
    tsv = ["-c", "tessedit_create_tsv=1", "-c", "tessedit_create_txt=0"]
    settings = [part for name, value in _SETTINGS.items() for part in ("-c", f"{name}={value}")]
    command = [program, "stdin", "stdout", "-l", LANGUAGES, "--oem", "1", "--psm", "3", *tsv, *settings]
    # One thread: the pool already runs a child per core; OpenMP threads would only fight them.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command,
            input=payload,
            capture_output=True,
            # The program's budget is its CPU time (RLIMIT_CPU, set by the hook); the wall limit only
            # ends one that hangs, and is as generous as the pool's.
            timeout=hang_limit_s(timeout_s),
            env=env,
            check=False,
            preexec_fn=_child_hook(timeout_s),  # the worker child runs one thread: safe here
        )
    except (FileNotFoundError, PermissionError):
        raise OcrError("engine_missing") from None
    except subprocess.TimeoutExpired:
        raise OcrError("timeout") from None
    except OSError:
        raise OcrError("engine_failed") from None
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # its CPU time ran out
        raise OcrError("timeout")
    if done.returncode != 0:
        # Tesseract without its Russian (or English) model says so and stops: as good as not installed.
        missing = any(sign in done.stderr for sign in _MODEL_MISSING)
        raise OcrError("engine_missing" if missing else "engine_failed")
    return done.stdout.decode("utf-8", "replace")


def _child_hook(cpu_s: float) -> Callable[[], None]:
    """Run in the `tesseract` child before exec: the CPU limit of its reading, and death with the worker."""
    import math
    import resource

    die_with_parent = _die_with_parent_hook()
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = max(1, math.ceil(cpu_s))
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)

    def hook() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        if die_with_parent is not None:
            die_with_parent()

    return hook


@functools.cache
def _die_with_parent_hook() -> Callable[[], None] | None:
    """Linux: a hook that has the engine killed with the worker, when the pool stops one out of time.

    The C library is looked up here, in the worker: between fork and exec only the prctl call runs."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util
    import signal

    name = ctypes.util.find_library("c")
    if not name:
        return None
    prctl = ctypes.CDLL(name).prctl

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    return hook


def parse_tsv(tsv: str) -> list[Line]:
    """Tesseract's TSV (level 5 rows are words) grouped into lines, in reading order."""
    lines: dict[tuple[int, int, int, int], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = unicodedata.normalize("NFKC", cells[11]).strip()
        try:
            page, block, par, line = (int(cell) for cell in cells[1:5])
            left, top, width, height = (int(cell) for cell in cells[6:10])
            conf = float(cells[10])
        except ValueError:
            continue
        if not text or conf < _MIN_CONF:
            continue
        word = Word(text, left, top, width, height, conf, block, par, line)
        lines.setdefault((page, block, par, line), []).append(word)
    return [Line(tuple(words)) for words in lines.values()]


def fit(image: Image.Image, max_side: int) -> Image.Image:
    """The picture with its long side at most `max_side`."""
    long_side = max(image.size)
    if long_side <= max_side:
        return image
    from PIL import Image

    scale = long_side / max_side
    size = (max(1, round(image.width / scale)), max(1, round(image.height / scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def ocr_hits(
    image: Image.Image,
    deadline: float,
    max_side: int,
    page: int | None = None,
    original_size: tuple[int, int] | None = None,
    turn: bool = True,
    own: Own = NOBODY,
    index: Indexer | None = None,
) -> list[AttachmentHit]:
    """Personal data in the picture, each hit with `region` "x,y,w,h" in the original picture's pixels.

    `original_size` is the picture's size when `image` is a reduced copy of it (decoded at 1/2, 1/4…);
    `turn`: whether a poor reading may be tried again with the picture turned over.
    Raises OcrError when the engine is missing, fails or runs out of time; `deadline` is on
    `cpu_budget.cpu_clock` (processor time, so a busy machine does not cut a reading short).
    `index` hears the text of the reading kept (shown.py), line by line.
    """
    width, height = original_size or image.size
    fitted = prepare(fit(image.convert("L"), max_side))
    if fitted is None:
        # Nothing text-like drawn at all (a blank screen, an empty surface): not read, and the engine
        # not even loaded for it.
        _index_lines(index, [])
        return []
    scale = (width / fitted.width, height / fitted.height)
    # A photographed page stands at any angle: its lines' skew is measured first (ocr_deskew, ~40 ms)
    # and a picture standing askew is read levelled.
    angle = skew_angle(fitted)
    reading, back = fitted, None
    if angle:
        reading, back = turn_picture(fitted, angle)
    lines = read_lines(reading, deadline - cpu_clock())
    if (turn or angle) and (_read_poorly(lines) or _read_little(lines)):
        try:
            lines, back = _read_again(fitted, angle, (lines, back), deadline)
        except OcrError as error:
            if page is not None:
                raise  # a scanned page: the PDF's search stops here and names the pages not read
            # What the first reading found stands; that the picture may hold more is said too.
            _index_lines(index, lines)
            return [*hits_in_lines(lines, scale, page, own, back), not_read_hit(error)]
    _index_lines(index, lines)
    return hits_in_lines(lines, scale, page, own, back)


def _index_lines(index: Indexer | None, lines: list[Line]) -> None:
    if index is not None:
        index.add("\n".join(line.text for line in lines))


_Reading = tuple[list[Line], Callable[[Box], Box] | None]


def _read_again(fitted: Image.Image, angle: float, first: _Reading, deadline: float) -> _Reading:
    """A poor reading tried again turned over (and, levelled, as it stands); the reading that read the
    most with confidence kept, with the map of its boxes back to `fitted`'s pixels.

    Text upside down (or on its side one way round) reads as low-confidence garbage. Tesseract's own
    orientation detection (page segmentation mode 1, or an OSD pass first) was measured and not taken:
    +85 ms on every screenshot, or +30 MB in each worker.
    """
    readings = [first]
    over, back = turn_picture(fitted, angle + 180)
    readings.append((read_lines(over, deadline - cpu_clock()), back))
    if angle and _read_poorly(max(readings, key=_read_well)[0]):
        readings.append((read_lines(fitted, deadline - cpu_clock()), None))  # the skew was misjudged
    return max(readings, key=_read_well)


def _read_well(reading: tuple[list[Line], object]) -> float:
    """How much a reading read with confidence: the confidences of its words read at 50 or more."""
    return sum(word.conf for line in reading[0] for word in line.words if word.conf >= 50)


# Measured mean confidences: upright screenshots 85-96; text upside down or on its side 28-57; upright
# text in a script the models do not know (boxes standing for Chinese) ~64, which a second reading
# turned over would not help (1-2 s more on a dense page). A picture between the two is read twice:
# time lost, nothing missed.
_UPSIDE_DOWN_WORDS = 4
_UPSIDE_DOWN_CONF = 62.0


def _mean_conf(lines: list[Line]) -> float:
    confs = [word.conf for line in lines for word in line.words]
    return sum(confs) / len(confs) if confs else 0.0


def _read_poorly(lines: list[Line]) -> bool:
    count = sum(len(line.words) for line in lines)
    return count >= _UPSIDE_DOWN_WORDS and _mean_conf(lines) < _UPSIDE_DOWN_CONF


def _read_little(lines: list[Line]) -> bool:
    """Fewer than a few words read with confidence from a picture that has ink (prepare kept it): a
    label photographed askew reads as a handful of fragments, or as nothing."""
    return sum(1 for line in lines for word in line.words if word.conf >= 50) < _UPSIDE_DOWN_WORDS


def hits_in_lines(
    lines: list[Line],
    scale: tuple[float, float] = (1.0, 1.0),
    page: int | None = None,
    own: Own = NOBODY,
    back: Callable[[Box], Box] | None = None,
) -> list[AttachmentHit]:
    """Personal data in the lines read, each hit with the `region` of the words that hold it; `back`
    maps a box of a levelled or turned reading back to the picture's own pixels.

    A value lies in one cell of one line (pd_layout): table rows and columns are never joined.
    """
    hits: list[AttachmentHit] = []
    per_code: dict[str, int] = {}
    overflow: dict[str, list[str]] = {}
    for found in find_personal_data(from_words([line.words for line in lines]), own):
        boxes = [piece.box for piece in found.pieces if piece.box is not None]
        if back is not None:
            boxes = [back(box) for box in boxes]
        if not boxes:
            continue
        region = _region(boxes, scale)
        # At most ten findings per code, as in PDF text; the places of the rest ride on the last
        # one (`more_regions`), so that `--fix` covers every occurrence in one pass.
        if per_code.get(found.code, 0) >= PER_CODE_CAP:
            overflow.setdefault(found.code, []).append(region)
            continue
        per_code[found.code] = per_code.get(found.code, 0) + 1
        params: Params = {"masked": found.masked, "region": region}
        variant = found.variant
        if page is not None:
            variant = f"{variant}_page" if variant else "page"
            params["page"] = page
        hits.append(AttachmentHit(found.code, variant, params))
    for code, regions in overflow.items():
        last = max(i for i, hit in enumerate(hits) if hit.code == code)
        hits[last] = replace(hits[last], params={**hits[last].params, MORE_REGIONS: ";".join(regions)})
    return hits


def not_read_hit(error: OcrError) -> AttachmentHit:
    return AttachmentHit(Code.ATTACHMENT_TEXT_NOT_READ, error.variant)


def _region(boxes: list[Box], scale: tuple[float, float]) -> str:
    sx, sy = scale
    left = min(box[0] for box in boxes)
    top = min(box[1] for box in boxes)
    right = max(box[2] for box in boxes)
    bottom = max(box[3] for box in boxes)
    # Rounded outwards, so the box still covers the value once mapped back to the original's pixels.
    x, y = math.floor(left * sx), math.floor(top * sy)
    return f"{x},{y},{math.ceil(right * sx) - x},{math.ceil(bottom * sy) - y}"
