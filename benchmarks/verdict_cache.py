"""Benchmark: the verdict cache, on shared evidence and on a second run over unchanged photos.

(a) 1,000 cases sharing two evidence files: `check` (each file judged once, then from the cache) and
    `check --no-content` against check-jsonschema on the same case files.
(b) 200 cases, each with a photo of its own (1–2 MB): the second `check` against the first (cold cache),
    printed beside `sha256sum` of the same files, the floor of any tool that looks at the bytes.

Run: `.venv/bin/python benchmarks/verdict_cache.py [--shared N] [--photos N]`. Prints figures and ratios;
asserts nothing. The runs use a throw-away cache folder (XDG_CACHE_HOME) and ledger, and this checkout's
code (PYTHONPATH=src), whatever the venv has installed.
Targets (issue 16): (a) check ≤ 1.0× and --no-content ≤ 0.5× check-jsonschema; (b) second ≤ 0.25× first.
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
sys.path.insert(0, str(HERE))

from build_many import photo  # noqa: E402

from factories import base_case, make_jpeg, make_pdf  # noqa: E402

BIN = Path(sys.executable).parent
OURS = [sys.executable, "-m", "ozon_urgent"]
TODAY = ["--today", "2026-11-26"]


def shared_cases(root: Path, count: int) -> list[Path]:
    """`count` case files in one folder, every one naming the same two evidence files."""
    (root / "evidence").mkdir(parents=True)
    (root / "evidence" / "statement.pdf").write_bytes(make_pdf())
    (root / "evidence" / "chat.jpg").write_bytes(make_jpeg(640, 800))
    files = []
    for index in range(count):
        case = base_case("carrier_failure")
        case["case_id"] = f"bench-shared-{index:05d}"
        covers = case["evidence"][0]["covers"]
        case["evidence"] = [
            {"file": "evidence/statement.pdf", "kind": "carrier_statement", "covers": dict(covers)},
            {"file": "evidence/chat.jpg", "kind": "compensation_voucher", "covers": dict(covers)},
        ]
        path = root / f"case-{index:05d}.yaml"
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def photo_cases(root: Path, count: int) -> list[Path]:
    """`count` case folders, each with one photo of its own of 1–2 MB."""
    photos = []
    voucher = make_pdf()
    for index in range(count):
        case = base_case("carrier_failure")
        case["case_id"] = f"bench-photo-{index:04d}"
        folder = root / f"case-{index:04d}"
        (folder / "evidence").mkdir(parents=True)
        target = folder / "evidence" / "waybill.jpg"
        target.write_bytes(photo(10_000 + index, 1.1 + (index % 5) / 5))
        photos.append(target)
        covers = case["evidence"][0]["covers"]
        # The scenario asks for two kinds; the photo is the one file, the voucher a small shared PDF.
        (folder / "evidence" / "voucher.pdf").write_bytes(voucher)
        case["evidence"] = [
            {"file": "evidence/waybill.jpg", "kind": "carrier_statement", "covers": dict(covers)},
            {"file": "evidence/voucher.pdf", "kind": "compensation_voucher", "covers": dict(covers)},
        ]
        (folder / "case.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")
    return photos


def timed(command: list[str], repeat: int = 1) -> float:
    """Median wall time of `command` in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if done.returncode != 0:  # a run that failed early would look fast
            sys.exit(f"{' '.join(command[-4:])} failed ({done.returncode}): {done.stderr[-500:]!r}")
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def fresh_cache(root: Path) -> None:
    """An empty cache folder for the runs that follow (inside `root`, removed with it)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cache-", dir=root)


def shared(root: Path, count: int, repeat: int) -> None:
    files = shared_cases(root, count)
    schema = root / "case.schema.json"
    subprocess.run([*OURS, "schema", "-o", str(schema)], check=True, stderr=subprocess.DEVNULL)
    check = [*OURS, "check", "--quiet", *TODAY, str(root)]
    fresh_cache(root)
    first = subprocess.run(check, capture_output=True, text=True, check=False)
    if first.returncode != 0:  # measure the real path: every generated case must pass
        sys.exit(f"generated cases do not pass:\n{first.stdout[-2000:]}")
    fresh_cache(root)
    cold = timed(check)  # two judgements, then 998 lookups in this run's memory
    warm = timed(check, repeat)  # both verdicts from the cache
    no_cache = timed([*check, "--no-cache"], repeat)
    no_content = timed([*check, "--no-content"], repeat)
    theirs = timed([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, files)], repeat)
    print(f"(a) {count} cases sharing two evidence files, median of {repeat} runs")
    print(f"    check, empty cache:       {cold:7.3f} s")
    print(f"    check, warm cache:        {warm:7.3f} s  ({1000 * warm / count:.2f} ms/case)")
    print(f"    check --no-cache:         {no_cache:7.3f} s")
    print(f"    check --no-content:       {no_content:7.3f} s")
    print(f"    check-jsonschema:         {theirs:7.3f} s")
    print(f"    ratio check (warm) / check-jsonschema:  {warm / theirs:.2f}x  (target <= 1.0x)")
    print(f"    ratio check (empty) / check-jsonschema: {cold / theirs:.2f}x")
    print(f"    ratio --no-content / check-jsonschema:  {no_content / theirs:.2f}x  (target <= 0.5x)")


def photos(root: Path, count: int) -> None:
    files = photo_cases(root, count)
    total = sum(path.stat().st_size for path in files)
    check = [*OURS, "check", "--quiet", *TODAY, str(root)]
    subprocess.run("sync", check=True)
    floor = timed(["sha256sum", *map(str, files)], 3)
    fresh_cache(root)
    first = timed(check)
    second = timed(check, 3)
    print(f"(b) {count} cases, each with its own photo ({total / 2**20:.0f} MiB in all)")
    print(f"    first check (empty cache): {first:7.3f} s  ({1000 * first / count:.1f} ms/case)")
    print(f"    second check (warm cache): {second:7.3f} s  ({1000 * second / count:.1f} ms/case)")
    print(f"    sha256sum of the photos:   {floor:7.3f} s")
    print(f"    ratio second / first: {second / first:.2f}x  (target <= 0.25x)")
    print(f"    ratio second / sha256sum: {second / floor:.2f}x")


def isolate() -> str:
    """A throw-away ledger (nothing of a benchmark may land in the user's own), this checkout's code in
    the CLI processes, and the verdict cache on. Returns the ledger's folder, for the caller to remove."""
    ledger = tempfile.mkdtemp(prefix="ozon-urgent-ledger-")
    os.environ["OZON_URGENT_LEDGER"] = os.path.join(ledger, "l.sqlite3")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(HERE.parent / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    os.environ.pop("OZON_URGENT_NO_CACHE", None)
    return ledger


def main() -> None:
    isolate()
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-cache-bench-"))
    try:
        shared(root / "shared", args.shared, args.repeat)
        photos(root / "photos", args.photos)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
