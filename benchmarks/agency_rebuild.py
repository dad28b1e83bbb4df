"""Benchmark for issue 24 (runs safe to repeat): `build` of an agency's unchanged cases, the second time.

An agency's repository as the issue tried it: 300 stores of 1–3 cases (`cases/<store>/<case>/case.yaml`,
the same case folder names in many stores), each case with its own evidence. `build` runs over all of
it, then again with nothing changed: the second run keeps every pack (B010) without judging any
evidence, so it should take a small part of the first. Both runs `--no-cache`, so the second is not
fast because of remembered verdicts. Each case has a photo of the carrier's statement (OCR'd, as a
seller's phone photo is) and a small PDF; `--pdf-only` gives two small text PDFs, the cheapest first
build and so the least favourable ratio. Run: `.venv/bin/python benchmarks/agency_rebuild.py
[--stores N] [--jobs N] [--pdf-only]`. Prints figures and the ratio; asserts nothing.
Target (issue 24): the second build ≤ 0.1× the first, exit 0, every case skipped.
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
    parser.add_argument("--stores", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--pdf-only",
        action="store_true",
        help="small text PDFs only: the cheapest first build, the worst ratio",
    )
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-agency-bench-"))
    # a throw-away ledger: benchmark packs must not land in the user's own
    os.environ["OZON_URGENT_LEDGER"] = str(root / "ledger.sqlite3")
    try:
        cases = sum(len(store) for store in write_agency(root, args.stores, photos=not args.pdf_only))
        first, first_exit, first_summary = build(root, args.jobs)
        second, second_exit, second_summary = build(root, args.jobs)
        forced, forced_exit, _ = build(root, args.jobs, "--force")
        packs = len(list((root / "out").glob("*/*")))
        evidence = "2 small text PDFs" if args.pdf_only else "a 900x1200 photo (OCR) and a small text PDF"
        print(
            f"stores: {args.stores}, cases: {cases} of {evidence}, packs: {packs} (<out>/<store>/<case_id>)"
        )
        built = first_summary.get("built")
        print(f"first build:              {first:7.2f} s  exit {first_exit}, built {built}")
        print(
            f"second build, unchanged: {second:7.2f} s  exit {second_exit},"
            f" skipped {second_summary.get('skipped')}, built {second_summary.get('built')}"
        )
        print(f"build --force, unchanged: {forced:7.2f} s  exit {forced_exit} (every pack rebuilt)")
        print(f"ratio second / first: {second / first:.3f}x  (target <= 0.1x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
