"""Two `build`s of one case at once, as two real processes: what each said, for the test and the benchmark.

A tiny case (two small text PDFs, no picture to OCR) keeps a pair under a few seconds. Each pair gets
its own `--out` and ledger, so a pair never sees another's pack; both processes start together and read
the case before either can have published, which is the window the race lives in.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import factories

OZON_URGENT = Path(sys.executable).parent / "ozon-urgent"
NOW = "2026-11-26T12:00:00+03:00"  # factories.TODAY, noon in Moscow: the case passes every check
# What the user's shell may carry in that would change what `build` says or where it writes.
_DROPPED = ("LANG", "LC_ALL", "LC_MESSAGES", "OZON_URGENT_LANG", "OZON_URGENT_LEDGER", "OZON_URGENT_TODAY")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One process's end: its exit status and the case's `build` (`built`, `refused`, …) and codes."""

    exit_code: int
    build: str
    codes: tuple[str, ...]
    messages: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """`written`, or the B-codes that kept the pack from being written (`B002`), or the exit status."""
        if self.build == "built" and self.exit_code == 0:
            return "written"
        blocking = [code for code in self.codes if code.startswith("B")]
        return "+".join(blocking) if blocking else f"exit {self.exit_code} ({self.build})"


def tiny_case(folder: Path) -> Path:
    return factories.write_case(folder, factories.base_case("carrier_failure"))


def _environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _DROPPED}
    env["OZON_URGENT_NOW"] = NOW
    return env


def build_args(case: Path, folder: Path, ledger: str | None = None) -> list[str]:
    """`build`'s arguments for one pair: its own `--out` in `folder`, and its ledger there unless given."""
    return [
        "build",
        "--no-cache",
        "--jobs",
        "1",  # one judging process each: the pair is two builds already, and a small case needs no more
        "--quiet",
        "--format",
        "json",
        "--today",
        NOW[:10],
        "--out",
        str(folder / "out"),
        "--ledger",
        ledger or str(folder / "ledger.sqlite3"),
        str(case),
    ]


def _outcome(exit_code: int, stdout: str, stderr: str) -> Outcome:
    try:
        [case] = json.loads(stdout)["cases"]
    except (ValueError, KeyError, TypeError):
        return Outcome(exit_code, f"no report: {stderr.strip()[:200]}", ())
    findings = case.get("findings", [])
    codes = tuple(str(finding["code"]) for finding in findings)
    return Outcome(exit_code, str(case.get("build")), codes, tuple(str(f["message"]) for f in findings))


def _ended(process: subprocess.Popen[str]) -> Outcome:
    stdout, stderr = process.communicate(timeout=120)
    return _outcome(process.returncode, stdout, stderr)


def run_pair(case: Path, folder: Path) -> tuple[Outcome, Outcome]:
    """Both processes of one pair, started together against a fresh `--out` and ledger in `folder`: the
    command as a user runs it, interpreter start-up and all."""
    folder.mkdir(parents=True, exist_ok=True)
    command, env = [str(OZON_URGENT), *build_args(case, folder)], _environment()
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return _ended(first), _ended(second)


def _forked_build(args: list[str], start: Barrier, results: Queue[tuple[int, str, str]]) -> None:
    from kit.cli import invoke  # the CLI is imported already: a forked child starts building at once

    start.wait(30)
    done = invoke(*args, env={"OZON_URGENT_NOW": NOW})
    results.put((done.exit_code, done.stdout, done.stderr))


def run_pair_forked(case: Path, folder: Path, ledger: str | None = None) -> tuple[Outcome, Outcome]:
    """The pair as two forked processes released by one barrier: no interpreter start-up, so a pair is
    quick and the two reach the case within moments of each other, the race at its tightest."""
    folder.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(2), context.Queue()
    args = build_args(case, folder, ledger)
    children = [context.Process(target=_forked_build, args=(args, start, results)) for _ in range(2)]
    for child in children:
        child.start()
    ended = [_outcome(*results.get(timeout=120)) for _ in children]
    for child in children:
        child.join(30)
    return ended[0], ended[1]


def tally(pairs: list[tuple[Outcome, Outcome]]) -> Counter[str]:
    """How often each pair ended how: `written + B002` is the one right answer."""
    return Counter(" + ".join(sorted(o.label for o in pair)) for pair in pairs)
