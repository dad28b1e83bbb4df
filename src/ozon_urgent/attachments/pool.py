"""Long-lived child processes that judge files; one that hangs or dies is replaced, never the caller.

A file's budget is processor time, kept by the worker (see cpu_budget). The pool only watches the wall
clock for a worker that is stuck: past `hang_limit_s` it looks at what the worker did with that time.
One that slept through it (or used its CPU budget) has its file reported as a timeout (A210); one that
wanted a processor and did not get it (a busy machine) goes on with its work for another such period,
a bounded number of times. Where the pool cannot tell the two apart (no /proc), the file is judged once
more by a fresh worker.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from ozon_urgent.attachments.cpu_budget import Usage, classify_overrun, hang_limit_s, usage
from ozon_urgent.attachments.worker import worker_main

_STARTUP_TIMEOUT_S = 60.0  # importing pypdf and Pillow on a loaded machine; not a file's budget
_MAX_START_FAILURES = 3
# How many more wall periods a worker kept from the processor gets (its work so far is kept: a fresh
# worker would start over on the same busy machine); where the pool cannot tell starved from stuck (no
# /proc), how often a file past the wall limit is judged again by a fresh worker.
_STARVED_EXTENSIONS = 3
_BLIND_RETRIES = 1


def longest_wall_s(timeout_s: float) -> float:
    """The longest a job of this CPU budget holds a worker on the wall clock: its first wall period and
    every extension a starved worker may get (a retry without /proc is one period more, not longer)."""
    return hang_limit_s(timeout_s) * (1 + max(_STARVED_EXTENSIONS, _BLIND_RETRIES))


@dataclass(frozen=True, slots=True)
class Task:
    id: int
    kind: str  # "inspect" | "fix"
    args: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Done:
    value: object


@dataclass(frozen=True, slots=True)
class Failure:
    reason: str  # "timeout" | "crash" | "memory" | "internal"
    detail: str | float = ""


class _Outcomes(dict[int, Done | Failure]):
    """A run's outcomes by task id, each told to `on_done` as it is set, wherever in the pool that is."""

    def __init__(self, on_done: Callable[[int], None] | None) -> None:
        super().__init__()
        self.on_done = on_done

    def __setitem__(self, key: int, value: Done | Failure) -> None:
        super().__setitem__(key, value)
        if self.on_done is not None:
            self.on_done(key)


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.started = time.monotonic()
        self.ready = False
        self.task: int | None = None
        self.job: Task | None = None
        self.dispatched = 0.0
        self.deadline = 0.0
        self.usage: Usage | None = None  # at dispatch
        self.checked: tuple[float, Usage] | None = None  # when last found starved, and how it was
        self.extensions = 0


class WorkerPool:
    """Children are started on demand and kept; `run` uses at most `jobs` of them at a time."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self.owner = os.getpid()
        self._workers: list[_Worker] = []
        self._start_failures = 0
        self._lock = threading.Lock()
        # The last run's files given more time ("starved") or judged again ("unknown"), for tests and
        # debugging.
        self.retried: list[tuple[int, str]] = []

    def run(
        self,
        tasks: Iterable[Task],
        count: int,
        timeout_s: float,
        jobs: int,
        on_done: Callable[[int], None] | None = None,
    ) -> dict[int, Done | Failure]:
        """Every task's outcome by id; `count` (how many tasks there are) keeps idle children unborn.
        `on_done` hears each task's id as its outcome is known (a progress bar moves with it)."""
        with self._lock:
            try:
                return self._run(iter(tasks), count, timeout_s, max(1, jobs), _Outcomes(on_done))
            except BaseException:
                # Interrupted (Ctrl-C, a failing reader): a busy child would answer into the next run.
                for worker in [w for w in self._workers if w.task is not None]:
                    self._remove(worker)
                raise

    def start(self, jobs: int) -> None:
        """Fork the children now, while the parent is still small: they inherit its memory."""
        with self._lock:
            self._grow(max(1, jobs))

    def close(self) -> None:
        for worker in self._workers:
            self._stop(worker)
        self._workers.clear()

    def _run(
        self, tasks: Iterable[Task], count: int, timeout_s: float, jobs: int, results: _Outcomes
    ) -> dict[int, Done | Failure]:
        source = iter(tasks)
        again: deque[Task] = deque()  # files past the wall limit to be judged afresh (no /proc)
        self.retried = []

        def take() -> Task | None:
            return again.popleft() if again else next(source, None)

        waiting = take()
        while True:
            if waiting is None and again:  # a file put back by `_overrun` after the source ran dry
                waiting = again.popleft()
            busy = sum(1 for worker in self._workers if worker.task is not None)
            if waiting is None and busy == 0:
                return results
            if waiting is not None and self._start_failures >= _MAX_START_FAILURES:
                results[waiting.id] = Failure("internal", "worker did not start")
                waiting = take()
                continue
            if waiting is not None and busy < jobs:
                self._grow(min(jobs, max(1, count - len(results))))
                idle = next((w for w in self._workers if w.ready and w.task is None), None)
                if idle is not None:
                    self._dispatch(idle, waiting, timeout_s, results)
                    waiting = take()
                    continue
            self._wait_once(results, timeout_s, again)

    def _grow(self, wanted: int) -> None:
        if len(self._workers) < wanted:
            # The Russian dictionary of names (~22 MB), loaded before the fork: the children share its
            # pages with this process instead of each loading a copy of its own.
            from ozon_urgent.attachments.pd_names import warm_up

            warm_up()
        while len(self._workers) < wanted:
            self._workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("fork")  # a warm fork costs milliseconds, a spawn ~0.3 s
        parent_end, child_end = context.Pipe()
        inherited = [worker.conn.fileno() for worker in self._workers] + [parent_end.fileno()]
        process = context.Process(
            target=worker_main,
            name="ozon-urgent-inspect",
            daemon=True,
            args=(child_end, self.memory_bytes, inherited, os.getpid()),
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _dispatch(
        self, worker: _Worker, task: Task, timeout_s: float, results: dict[int, Done | Failure]
    ) -> None:
        try:
            worker.conn.send((task.id, task.kind, task.args))
        except (OSError, ValueError):  # the child died while idle
            results[task.id] = Failure("crash", _exit_reason(self._remove(worker)))
            return
        worker.task = task.id
        worker.job = task
        worker.usage = usage(worker.process.pid) if worker.process.pid is not None else None
        worker.dispatched = time.monotonic()
        worker.deadline = worker.dispatched + hang_limit_s(timeout_s)
        worker.checked, worker.extensions = None, 0

    def _wait_once(self, results: dict[int, Done | Failure], timeout_s: float, again: deque[Task]) -> None:
        now = time.monotonic()
        deadlines = [
            w.deadline if w.ready else w.started + _STARTUP_TIMEOUT_S
            for w in self._workers
            if w.task is not None or not w.ready
        ]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        objects = [w.conn for w in self._workers] + [w.process.sentinel for w in self._workers]
        ready = set(wait(objects, timeout))
        for worker in list(self._workers):
            if worker.conn in ready:
                self._receive(worker, results, timeout_s)
            elif worker.process.sentinel in ready:
                self._lost(worker, results, timeout_s)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.task is not None and now >= worker.deadline:
                self._overrun(worker, now, results, timeout_s, again)
            elif not worker.ready and now >= worker.started + _STARTUP_TIMEOUT_S:
                self._start_failures += 1
                self._remove(worker)

    def _overrun(
        self,
        worker: _Worker,
        now: float,
        results: dict[int, Done | Failure],
        timeout_s: float,
        again: deque[Task],
    ) -> None:
        """A job past the wall limit: a timeout when the worker is stuck, more time when it starved."""
        job = worker.job
        assert job is not None
        pid = worker.process.pid
        after = usage(pid) if pid is not None else None
        start = worker.usage
        if start is not None and after is not None:
            since, before = worker.checked or (worker.dispatched, start)
            why = classify_overrun(start, before, after, now - since, timeout_s)
            if why == "starved" and worker.extensions < _STARVED_EXTENSIONS:
                # Its CPU limit still holds it to the budget; only the wall limit moves.
                self.retried.append((job.id, why))
                worker.extensions += 1
                worker.checked = (now, after)
                worker.deadline = now + hang_limit_s(timeout_s)
                return
        elif sum(1 for task, _ in self.retried if task == job.id) < _BLIND_RETRIES:
            self.retried.append((job.id, "unknown"))
            self._remove(worker)
            again.append(job)
            return
        results[job.id] = Failure("timeout", timeout_s)
        self._remove(worker)

    def _receive(self, worker: _Worker, results: dict[int, Done | Failure], timeout_s: float) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker, results, timeout_s)
            return
        if message[0] == "ready":
            worker.ready = True
            self._start_failures = 0
            return
        job_id, status, value = message
        if job_id != worker.task:
            return  # an answer nobody waits for any more
        results[job_id] = Done(value) if status == "ok" else Failure(status, value or "")
        worker.task, worker.job = None, None
        if status == "memory":
            self._remove(worker)  # it exits on its own after a MemoryError

    def _lost(self, worker: _Worker, results: dict[int, Done | Failure], timeout_s: float) -> None:
        if not worker.ready:
            self._start_failures += 1
        task = worker.task
        code = self._remove(worker)
        if task is None:
            return
        # SIGXCPU: the job reached its CPU limit (worker._cap_cpu) inside a call that never came back.
        if code == -signal.SIGXCPU:
            results[task] = Failure("timeout", timeout_s)
        else:
            results[task] = Failure("crash", _exit_reason(code))

    def _remove(self, worker: _Worker) -> int | None:
        self._workers.remove(worker)
        return self._stop(worker)

    @staticmethod
    def _stop(worker: _Worker) -> int | None:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        return worker.process.exitcode


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


_shared: WorkerPool | None = None
_shared_lock = threading.Lock()


def shared_pool(memory_bytes: int) -> WorkerPool:
    """One warm pool per process, so a second batch does not pay the children's start-up again."""
    global _shared
    with _shared_lock:
        if _shared is not None and (_shared.owner != os.getpid() or _shared.memory_bytes != memory_bytes):
            if _shared.owner == os.getpid():
                _shared.close()
            _shared = None
        if _shared is None:
            _shared = WorkerPool(memory_bytes)
        return _shared


def _close_shared() -> None:
    if _shared is not None and _shared.owner == os.getpid():
        _shared.close()


atexit.register(_close_shared)
