"""Benchmark for agencies and CI: batch checking, --jobs scaling, build memory as batches grow, start-up.

Run: `.venv/bin/python benchmarks/batch.py`. Prints figures and ratios; asserts nothing. Targets (issue:
Agencies and CI): check of 1,000 cases (no attachments read) ≤ 0.5× check-jsonschema; `check --jobs 2`
of 200 cases × 4 attachments ≤ 0.6× `--jobs 1`; peak memory of a 1,000-case build ≤ 150 MB and flat
(100 / 500 / 1,000 cases); `--help` and `--version` ≤ 3× `python -c pass`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_many import generate, timed

from attachments import peak_rss

BIN = Path(sys.executable).parent
TODAY = ["--today", "2026-11-26"]


def main() -> None:
    # a throw-away ledger: benchmark packs must not land in the user's own
    os.environ["OZON_URGENT_LEDGER"] = os.path.join(
        tempfile.mkdtemp(prefix="ozon-urgent-ledger-"), "l.sqlite3"
    )
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-batch-bench-"))
    try:
        files = generate(root / "k", 1000)
        schema = root / "case.schema.json"
        subprocess.run(
            [str(BIN / "ozon-urgent"), "schema", "-o", str(schema)], check=True, capture_output=True
        )
        ours = timed([str(BIN / "ozon-urgent"), "check", "-q", "--no-content", *TODAY, str(root / "k")], 3)
        theirs = timed([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, files)], 3)
        print(
            f"check 1,000 cases, no attachments: {ours:.2f} s vs check-jsonschema {theirs:.2f} s"
            f" = {ours / theirs:.2f}x (target <= 0.5x)"
        )

        generate(root / "j", 200)
        one = timed([str(BIN / "ozon-urgent"), "check", "-q", "--jobs", "1", *TODAY, str(root / "j")], 3)
        two = timed([str(BIN / "ozon-urgent"), "check", "-q", "--jobs", "2", *TODAY, str(root / "j")], 3)
        print(
            f"check 200 cases x 4 attachments: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s"
            f" = {two / one:.2f}x (target <= 0.6x)"
        )

        for count in (100, 500, 1000):
            generate(root / f"b{count}", count)
            peak, took = peak_rss(
                [
                    str(BIN / "ozon-urgent"),
                    "build",
                    "-q",
                    *TODAY,
                    "--out",
                    str(root / f"o{count}"),
                    str(root / f"b{count}"),
                ]
            )
            built = len(list((root / f"o{count}").iterdir()))
            print(
                f"build {count:5d} cases ({built} packs): {took:6.2f} s,"
                f" peak PSS {peak:5.0f} MB (target <= 150 MB)"
            )

        bare = timed([sys.executable, "-c", "pass"], 15)
        for args in (["--help"], ["--version"], ["check", "--help"]):
            took = timed([str(BIN / "ozon-urgent"), *args], 15)
            print(
                f"ozon-urgent {' '.join(args):13} {1000 * took:6.1f} ms = {took / bare:.2f}x python -c pass"
                f" ({1000 * bare:.1f} ms; target <= 3x for --help and --version)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
