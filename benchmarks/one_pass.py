"""Benchmark for issue 23 (one pass per case): check and build speed against a baseline, and whether
`check`'s peak memory stays flat as a batch grows.

Run: `.venv/bin/python benchmarks/one_pass.py [--baseline OTHER_VENV/bin] [--largest N]`. With
`--baseline`, every figure is measured for both installations, interleaved run by run so a busy machine
slows both alike, and the ratio is printed. Prints figures and ratios; asserts nothing.
Targets (issue 23): `check` of 1,000 cases and `build` of 200 no slower than before; `check`'s peak memory
over 10,000 cases flat (no per-case growth beyond the batch's small summaries).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_many import generate

from attachments import peak_rss

BIN = Path(sys.executable).parent
TODAY = ["--today", "2026-11-26"]


def _timed(runs: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, command in runs.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def _show(title: str, figures: dict[str, float], unit: str = "s") -> None:
    line = f"{title}: " + ", ".join(f"{name} {value:.2f} {unit}" for name, value in figures.items())
    if figures.get("baseline"):
        line += f" = {figures['this'] / figures['baseline']:.2f}x the baseline"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, help="the bin/ folder of another installation")
    parser.add_argument("--largest", type=int, default=10_000, help="cases in the largest memory run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bins = {"this": BIN, **({"baseline": args.baseline} if args.baseline else {})}
    os.environ["OZON_URGENT_LEDGER"] = os.path.join(
        tempfile.mkdtemp(prefix="ozon-urgent-ledger-"), "l.sqlite3"
    )
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-one-pass-"))
    try:
        generate(root / "k", 1000)
        check = {
            name: [str(b / "ozon-urgent"), "check", "-q", "--no-content", *TODAY, str(root / "k")]
            for name, b in bins.items()
        }
        _show("check 1,000 cases, no attachments", _timed(check, args.repeat))
        with_content = {name: [*command[:3], *command[4:]] for name, command in check.items()}
        _show(
            "check 1,000 cases x 4 attachments (cache off)",
            _timed({name: [*command, "--no-cache"] for name, command in with_content.items()}, 1),
        )

        generate(root / "b", 200)
        times: dict[str, list[float]] = {name: [] for name in bins}
        for turn in range(args.repeat):
            for name, b in bins.items():
                out = root / f"out-{name}-{turn}"
                command = [
                    str(b / "ozon-urgent"),
                    "build",
                    "-q",
                    "--no-cache",
                    *TODAY,
                    "--out",
                    str(out),
                    str(root / "b"),
                ]
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times[name].append(time.perf_counter() - start)
                os.environ["OZON_URGENT_LEDGER"] = os.path.join(
                    tempfile.mkdtemp(prefix="ozon-urgent-ledger-"), "l.sqlite3"
                )
        _show(
            "build 200 cases x 4 attachments (cache off)", {n: statistics.median(v) for n, v in times.items()}
        )

        sizes = sorted({1000, args.largest // 2, args.largest})
        for count in sizes:
            folder = root / f"m{count}"
            generate(folder, count)
            for name, b in bins.items():
                for content in (False, True):
                    flag = [] if content else ["--no-content"]
                    peak, took = peak_rss([str(b / "ozon-urgent"), "check", "-q", *flag, *TODAY, str(folder)])
                    what = "with attachments" if content else "no attachments"
                    print(
                        f"check {count:6d} cases, {what:16} ({name}): peak PSS {peak:6.0f} MB, {took:6.1f} s"
                    )
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
