"""Benchmark: `ozon-urgent check` over 1,000 generated cases against check-jsonschema, and start-up time.

Run: `.venv/bin/python benchmarks/check_many.py [--cases N]`. Prints figures and ratios; asserts nothing.
Targets (issue: Foundation): check ≤ 0.5× check-jsonschema; `--version` ≤ 3× `python -c pass`.
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

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from factories import base_case, make_jpeg, make_pdf  # noqa: E402

BIN = Path(sys.executable).parent


def generate(root: Path, count: int) -> list[Path]:
    """`count` cases of varied scenarios, each with 4 evidence files (the files are shared bytes)."""
    scenarios = ["carrier_failure", "misjudged_delisting", "sync_delay", "malicious_returns"]
    pdf, jpeg = make_pdf(), make_jpeg(640, 800)
    files = []
    for index in range(count):
        case = base_case(scenarios[index % len(scenarios)])
        case["case_id"] = f"bench-{index:05d}"
        folder = root / f"case-{index:05d}"
        (folder / "evidence").mkdir(parents=True)
        evidence = []
        for number in range(4):
            kind = case["evidence"][number % len(case["evidence"])]["kind"]
            name = f"evidence/file-{number}.{'jpg' if number % 2 else 'pdf'}"
            (folder / name).write_bytes(jpeg if number % 2 else pdf)
            evidence.append({"file": name, "kind": kind, "covers": dict(case["evidence"][0]["covers"])})
        case["evidence"] = evidence
        path = folder / "case.yaml"
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def timed(command: list[str], repeat: int = 1) -> float:
    """Median wall time of `command` in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    # a throw-away ledger: benchmark packs must not land in the user's own
    os.environ["OZON_URGENT_LEDGER"] = os.path.join(
        tempfile.mkdtemp(prefix="ozon-urgent-ledger-"), "l.sqlite3"
    )
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-bench-"))
    try:
        files = generate(root / "cases", args.cases)
        schema = root / "case.schema.json"
        subprocess.run(
            [str(BIN / "ozon-urgent"), "schema", "-o", str(schema)], check=True, stderr=subprocess.DEVNULL
        )
        first = subprocess.run(
            [str(BIN / "ozon-urgent"), "check", "--quiet", "--today", "2026-11-26", str(root / "cases")],
            capture_output=True,
            text=True,
            check=False,
        )
        if first.returncode != 0:  # measure the real path: every generated case must pass
            sys.exit(f"generated cases do not pass:\n{first.stdout[-2000:]}")
        # check-jsonschema reads only the case files, so the like-for-like run is --no-content
        ours = timed(
            [
                str(BIN / "ozon-urgent"),
                "check",
                "--quiet",
                "--no-content",
                "--today",
                "2026-11-26",
                str(root / "cases"),
            ],
            args.repeat,
        )
        with_content = timed(
            [str(BIN / "ozon-urgent"), "check", "--quiet", "--today", "2026-11-26", str(root / "cases")], 1
        )
        theirs = timed(
            [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, files)], args.repeat
        )
        bare = timed([sys.executable, "-c", "pass"], 15)
        version = timed([str(BIN / "ozon-urgent"), "--version"], 15)
        print(f"cases: {args.cases} (4 evidence files each), median of {args.repeat} runs")
        print(f"ozon-urgent check:   {ours:8.3f} s  ({1000 * ours / args.cases:.2f} ms/case)")
        print(f"check-jsonschema:    {theirs:8.3f} s")
        print(f"ratio check / check-jsonschema: {ours / theirs:.2f}x  (target <= 0.5x)")
        print(
            f"ozon-urgent check with every evidence file judged: {with_content:.3f} s"
            f" ({1000 * with_content / (4 * args.cases):.2f} ms/file)"
        )
        print(f"python -c pass:      {1000 * bare:8.1f} ms")
        print(f"ozon-urgent --version: {1000 * version:6.1f} ms")
        print(f"ratio --version / bare python: {version / bare:.2f}x  (target <= 3x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
