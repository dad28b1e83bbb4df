"""Benchmark: seconds from starting `ozon-urgent translate` to its offline message, without a network.

Run: `.venv/bin/python benchmarks/translate_offline.py [--runs N] [--old-rev REV]`. Prints figures;
asserts nothing. Each run is the whole command in its own process (start-up included), as a seller types
it, against a DEEPL_SERVER_URL that fails: a closed local port (refused), a port that resets every
connection, one that accepts and never answers, and a name that does not resolve (`deepl.invalid`). With
`--old-rev`, the same against the `src/` of that revision from git (the library's retries and timeouts:
about 16 s refused, over a minute silent), once each.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "translation"))

from translate_support import COMMENTED_CASE, closed_port, raw_server

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def refused() -> Iterator[str]:
    yield f"http://127.0.0.1:{closed_port()}"


@contextmanager
def served(mode: str) -> Iterator[str]:
    with raw_server("silent" if mode == "silent" else "reset") as server:
        yield server.url


@contextmanager
def unresolvable() -> Iterator[str]:
    yield "https://deepl.invalid"  # RFC 6761: never resolves


SCENARIOS: dict[str, Callable[[], AbstractContextManager[str]]] = {
    "connection refused (closed port)": refused,
    "connection reset": lambda: served("reset"),
    "name not resolved": unresolvable,
    "server never answers": lambda: served("silent"),
}


def seconds(src: Path, url: str, case: Path) -> tuple[float, int, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "DEEPL_AUTH_KEY": "0000aaaa-1111-2222-3333-44445555wxyz:fx",
        "DEEPL_SERVER_URL": url,
        "LANG": "zh_CN.UTF-8",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    env.pop("OZON_URGENT_DEBUG", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ozon_urgent", "translate", str(case)], env=env, capture_output=True, text=True
    )
    return time.perf_counter() - started, done.returncode, done.stderr.splitlines()[0] if done.stderr else ""


def old_src(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old-rev", help="also measure this revision's src/ (slow: once per scenario)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        case = work / "case.yaml"
        trees = [("now", REPO / "src", args.runs)]
        if args.old_rev:
            trees.append((args.old_rev, old_src(args.old_rev, work / "old"), 1))
        for label, src, runs in trees:
            print(f"== {label}")
            for name, scenario in SCENARIOS.items():
                times, codes, first = [], set(), ""
                for _ in range(runs):
                    case.write_text(COMMENTED_CASE, "utf-8")
                    with scenario() as url:
                        took, code, first = seconds(src, url, case)
                    times.append(took)
                    codes.add(code)
                    if case.read_text("utf-8") != COMMENTED_CASE:
                        print(f"   !! {name}: the case file changed")
                spread = f"{min(times):.2f}-{max(times):.2f} s" if runs > 1 else f"{times[0]:.2f} s"
                median = statistics.median(times)
                print(f"{name:34} {spread:>14}  median {median:.2f} s  exit {sorted(codes)}")
                print(f"    {first}")


if __name__ == "__main__":
    main()
