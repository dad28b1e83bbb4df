"""A file's time budget is processor time, so that a busy machine cannot change a verdict.

Wall-clock budgets made the verdict depend on the machine's load: with other processes on every core a
file that needs 1 s of work got 3 s of waiting and came back not read (A217) or not checked (A210). The
worker therefore measures the work a file has cost, on `cpu_clock`, and caps it with RLIMIT_CPU; wall
time only catches a worker that is truly stuck (`hang_limit_s`), and the pool tells one that was merely
kept from the processor (`classify_overrun`) and lets it go on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# The CPU limit a job runs under (RLIMIT_CPU) is its budget plus this, beyond the in-worker deadlines,
# which stop at a share of the budget: it catches a runaway C call (Tesseract, pypdf's decoders, libjpeg)
# that never comes back to check the clock. RLIMIT_CPU counts whole seconds, so the cut comes within a
# second after it.
CPU_MARGIN_S = 0.5
# A worker is stuck, not busy, when a job has run this many times its CPU budget on the wall clock
# (and at least _HANG_FLOOR_S): generous, since on a loaded machine a job gets a fraction of a core.
_HANG_FACTOR = 3.0
_HANG_FLOOR_S = 5.0
# Of the wall time a job has run, the share it spent on a processor or waiting in the run queue for
# one, above which it counts as kept from the processor rather than asleep.
_RUNNABLE_SHARE = 0.5


def cpu_clock() -> float:
    """Seconds of processor time this process and its finished children (the `tesseract` program) used.

    Not wall time: waiting for a processor on a busy machine does not count. Children count once waited
    for, which is when `subprocess.run` returns."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def hang_limit_s(cpu_budget_s: float) -> float:
    """Wall seconds after which a job of this CPU budget is looked at as possibly stuck."""
    return max(_HANG_FACTOR * cpu_budget_s, _HANG_FLOOR_S)


@dataclass(frozen=True, slots=True)
class Usage:
    """One look at a process (with its threads and live children) through /proc."""

    state: str  # the kernel's one-letter state of the main thread: R running, S sleeping, T stopped…
    cpu_s: float  # time on a processor
    wait_s: float  # time runnable but waiting in the run queue for a processor


def classify_overrun(start: Usage, before: Usage, after: Usage, wall_s: float, cpu_budget_s: float) -> str:
    """Why a job outlived a wall limit: "starved" (kept from the processor) or "hung" (its own doing).

    `start`: the worker when the job was given to it; `before` and `after`: at the start and end of the
    `wall_s` seconds looked at (the job's first window, or the one since it was last found starved).

    - the job used its CPU budget: "hung" — it had its time (the CPU limit should have stopped it);
    - it is stopped (SIGSTOP, a debugger): "starved" — something outside the file holds it, so the file
      has not had its time;
    - in the window it was on a processor or waiting in the run queue for one at least half the time:
      "starved" — it wanted to work and the machine was busy;
    - otherwise it slept (`time.sleep`, a read that never returns): "hung".
    """
    if after.cpu_s - start.cpu_s >= cpu_budget_s:
        return "hung"
    if after.state in ("T", "t"):
        return "starved"
    cpu = max(0.0, after.cpu_s - before.cpu_s)
    wait = max(0.0, after.wait_s - before.wait_s)
    if wall_s > 0 and (cpu + wait) / wall_s >= _RUNNABLE_SHARE:
        return "starved"
    return "hung"


def usage(pid: int) -> Usage | None:
    """The process's state and CPU and run-queue times (Linux /proc), its threads and live children
    included; None where /proc does not tell (macOS, a process already gone)."""
    try:
        state = _state(pid)
        cpu, wait = _times(pid)
    except (OSError, ValueError, IndexError):
        return None
    for child in _children(pid):
        try:
            child_cpu, child_wait = _times(child)
        except (OSError, ValueError, IndexError):
            continue  # it ended in between; the worker's stat counts it once waited for
        cpu, wait = cpu + child_cpu, wait + child_wait
    return Usage(state, cpu, wait)


def _state(pid: int) -> str:
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
        text = stat.read()
    return text[text.rindex(")") + 2]  # the name in parentheses may hold spaces and parentheses


def _times(pid: int) -> tuple[float, float]:
    """Time on a processor and time waiting for one, summed over the process's threads (schedstat)."""
    cpu = wait = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as schedstat:
                on_cpu, waiting, _ = schedstat.read().split()
        except FileNotFoundError:
            continue  # a thread that ended
        cpu += int(on_cpu)
        wait += int(waiting)
    return cpu / 1e9, wait / 1e9


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return found
