"""The child side of the pool: cap memory, silence output, then judge or fix files until told to stop."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import faulthandler
import gc
import math
import os
import resource
import signal
import time
import warnings
from multiprocessing.connection import Connection

from ozon_urgent.attachments.cpu_budget import CPU_MARGIN_S, cpu_clock
from ozon_urgent.attachments.model import AttachmentReport, InspectLimits

# A file that starts with this, inspected with `InspectLimits(debug_faults=True)`, makes the child
# misbehave on purpose (hang, spin, crash, exit, memory) so tests can prove the parent survives each.
# `spin` burns processor time without end, `spin 0.5` burns half a second of it and then judges the file.
FAULT_MARKER = b"OZON-URGENT-TEST-FAULT:"
_ORPHAN_CHECK_S = 1.0


def worker_main(conn: Connection, memory_bytes: int, close_fds: list[int], parent_pid: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides, and kills us if it must.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in close_fds:  # other workers' pipe ends: holding them would hide the parent's exit
        with contextlib.suppress(OSError):
            os.close(fd)
    _silence()
    _warm_up()
    # Everything inherited or imported so far lives as long as the worker: keep it out of every
    # collection, so the full collection after each file only walks what that file created.
    gc.freeze()
    _fixed_mmap_threshold()
    _cap_resources(memory_bytes)
    conn.send(("ready",))
    while True:
        try:
            if not conn.poll(_ORPHAN_CHECK_S):
                if os.getppid() != parent_pid:
                    return
                continue
            job_id, kind, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            _cap_cpu(args)
            answer = run_job(kind, args)
            del args
            _release_heap()
            conn.send((job_id, "ok", answer))
        except MemoryError:
            # Report, then leave: a fresh worker beats one whose heap just hit the ceiling.
            with contextlib.suppress(Exception):
                conn.send((job_id, "memory", None))
            os._exit(0)
        except Exception as exc:
            conn.send((job_id, "internal", type(exc).__name__))
        finally:
            _uncap_cpu()


def _cap_cpu(args: tuple[object, ...]) -> None:
    """The job's CPU budget as a hard stop: RLIMIT_CPU at what this worker used so far plus the budget.

    The in-worker deadlines (`cpu_clock`) stop the search at a share of the budget wherever it comes
    back to look; a C call that never does (Tesseract, a pypdf decoder, libjpeg) is ended by SIGXCPU,
    which the pool reports as a timeout (A210). Processor time, not wall time: a busy machine slows
    the job down but does not change how far it gets.
    """
    limits = next((arg for arg in args if isinstance(arg, InspectLimits)), None)
    if limits is None:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    soft = math.ceil(spent + limits.timeout_s + CPU_MARGIN_S)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _uncap_cpu() -> None:
    """No CPU limit while idle: the next job sets its own."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


def _fixed_mmap_threshold() -> None:
    """Keep big buffers (file bytes, decoded streams) in mmap, so freeing them returns them to the OS.

    glibc raises its mmap threshold after the first large free, after which multi-megabyte buffers come
    from the heap and fragment it: a long-lived worker then grew by ~50 MB per 20 scanned PDFs.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):  # glibc only; elsewhere nothing changes
        libc.mallopt(_M_MMAP_THRESHOLD, 256 * 1024)


def _release_heap() -> None:
    """Free what one file left behind, so a long-lived worker stays the size of one file.

    pypdf's objects form reference cycles that hold the whole file's bytes; they reach the oldest GC
    generation and were collected rarely enough that a worker grew by tens of MB per batch. A full
    collection (a few ms) and returning the freed heap pages to the OS keep it flat.
    """
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


_LIBC: list[object] = []


def _libc() -> ctypes.CDLL | None:
    if not _LIBC:
        name = ctypes.util.find_library("c")
        _LIBC.append(ctypes.CDLL(name) if name else None)
    libc = _LIBC[0]
    return libc if isinstance(libc, ctypes.CDLL) else None


def run_job(kind: str, args: tuple[object, ...]) -> object:
    if kind == "inspect":
        name, data, limits = args
        assert isinstance(name, str) and isinstance(data, bytes) and isinstance(limits, InspectLimits)
        _maybe_fault(data, limits)
        from ozon_urgent.attachments.judge import judge

        return judge(name, data, limits)
    if kind == "fix":
        data, report, limits = args
        assert isinstance(data, bytes) and isinstance(report, AttachmentReport)
        assert isinstance(limits, InspectLimits)
        _maybe_fault(data, limits)
        from ozon_urgent.attachments.fixing import fix_attachment

        return fix_attachment(data, report, limits)
    raise ValueError(kind)


def _maybe_fault(data: bytes, limits: InspectLimits) -> None:
    if not (limits.debug_faults and data.startswith(FAULT_MARKER)):
        return
    fault = data[len(FAULT_MARKER) :].split(b"\n", 1)[0].strip()
    if fault == b"hang":
        time.sleep(3600)
    elif fault.startswith(b"spin"):
        seconds = float(fault[4:] or "inf")
        until = cpu_clock() + seconds
        while cpu_clock() < until:
            pass
    elif fault == b"crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif fault == b"exit":
        os._exit(3)
    elif fault == b"memory":
        bytearray(limits.memory_bytes * 2)


def _silence() -> None:
    """pypdf logs, libjpeg warns, a crash prints a trace: none of it may reach the user's terminal."""
    faulthandler.disable()  # it may hold its own copy of the terminal's descriptor (pytest, -X faulthandler)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _warm_up() -> None:
    """Import the heavy libraries once per worker, before the first file's clock starts."""
    import phonenumbers
    import pypdf  # noqa: F401
    from PIL import Image, JpegImagePlugin, MpoImagePlugin, PngImagePlugin  # noqa: F401
    from stdnum.cn import ric
    from stdnum.ru import inn  # noqa: F401

    from ozon_urgent.attachments import fixing, judge, pdf_inspect  # noqa: F401

    Image.init()
    # Belt and braces: every Pillow call in here also runs under jpeg_inspect.bomb_guard.
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    for sample in ("+7 912 345-67-89", "13800138000"):  # loads the RU and CN metadata tables
        list(phonenumbers.PhoneNumberMatcher(sample, "CN" if sample[0] == "1" else "RU"))
    ric.is_valid("11010519491231002X")  # loads the birthplace table
    from ozon_urgent.attachments.pd_names import warm_up

    warm_up()  # the Russian dictionary of first names, surnames and patronymics


def _cap_resources(memory_bytes: int) -> None:
    # The cap counts from what the child already maps (the parent's interpreter, the warm libraries).
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        mapped = 0
    cap = mapped + memory_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    # Linux enforces both; macOS refuses an address-space cap, and then the timeout is the only bound.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    # A crash must not leave a core file full of a buyer's data in the seller's folder.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
