"""Benchmark for issue 24 (runs safe to repeat): `build` of an agency's unchanged cases, the second time.

An agency's repository as the issue tried it: stores of 1–3 cases (150 stores, 300 cases by default) in
`cases/<store>/<case>/case.yaml`, the same case folder names in many stores, each case with its own
evidence. `build` runs over all of
it, then again with nothing changed: the second run keeps every pack (B010) without judging any
evidence, so it should take a small part of the first. Both runs `--no-cache`, so the second is not
fast because of remembered verdicts. Each case has a photo of the carrier's statement (OCR'd, as a
seller's phone photo is) and a small PDF; `--pdf-only` gives two small text PDFs, the cheapest first
build and so the least favourable ratio. Run: `.venv/bin/python benchmarks/agency_rebuild.py
[--stores N] [--jobs N] [--pdf-only]`. Prints figures and the ratio; asserts nothing.
Target (issue 24): the second build of 300 unchanged cases ≤ 0.1× the first, exit 0, every case skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import write_agency

BIN = Path(sys.executable).parent


def build(root: Path, jobs: int | None, *extra: str) -> tuple[float, int, dict[str, int]]:
    """One `build` over the whole repository: its wall time, exit status and JSON summary."""
    report = root / "report.json"
    command = [str(BIN / "ozon-urgent"), "build", "--quiet", "--no-cache", "--today", "2026-11-26"]
    command += ["--format", "json", "--output", str(report), "--out", str(root / "out"), *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run([*command, str(root / "cases")], capture_output=True, check=False)
    took = time.perf_counter() - start
    summary = json.loads(report.read_text("utf-8"))["summary"] if report.exists() else {}
    return took, done.returncode, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stores", type=int, default=150, help="1-3 cases each: 150 stores are 300 cases")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--pdf-only",
        action="store_true",
        help="small text PDFs only: the cheapest first build, the worst ratio",
    )
    parser.add_argument(
        "--force", action="store_true", help="also time `build --force` of the unchanged cases"
    )
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-agency-bench-"))
    # a throw-away ledger: benchmark packs must not land in the user's own
    os.environ["OZON_URGENT_LEDGER"] = str(root / "ledger.sqlite3")
    try:
        cases = sum(len(store) for store in write_agency(root, args.stores, photos=not args.pdf_only))
        evidence = "2 small text PDFs" if args.pdf_only else "a 900x1200 photo (OCR) and a small text PDF"
        print(f"stores: {args.stores}, cases: {cases}, each with {evidence}", flush=True)
        first, status, summary = build(root, args.jobs)
        packs = len(list((root / "out").glob("*/*")))
        print(
            f"first build:             {first:7.2f} s  exit {status}, built {summary.get('built')}",
            flush=True,
        )
        print(f"  packs: {packs} in <out>/<store>/<case_id>", flush=True)
        second, status, summary = build(root, args.jobs)
        print(
            f"second build, unchanged: {second:7.2f} s  exit {status}, skipped {summary.get('skipped')},"
            f" built {summary.get('built')}",
            flush=True,
        )
        print(f"ratio second / first: {second / first:.3f}x  (target <= 0.1x)", flush=True)
        if args.force:
            forced, status, summary = build(root, args.jobs, "--force")
            print(f"build --force, unchanged: {forced:6.2f} s  exit {status}, built {summary.get('built')}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
