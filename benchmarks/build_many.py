"""Benchmark: `ozon-urgent build` of 200 cases × 4 attachments (1–3 MB) against the I/O floor.

The floor is what any tool must do at least: copy the same files (`cp -r`) and hash them (`sha256sum`).
Run: `.venv/bin/python benchmarks/build_many.py [--cases N]`. Prints figures and the ratio; asserts nothing.
Target (issue: Ticket pack): build ≤ 3× the floor.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import base_case

BIN = Path(sys.executable).parent


def photo(seed: int, megabytes: float) -> bytes:
    """A JPEG of about `megabytes`: noise over gradients compresses like a phone photo of paper."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    side = int(900 * megabytes**0.5) + 300
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    draw = ImageDraw.Draw(image)
    for row in range(0, side, 40):
        draw.text((20, row), f"Waybill {seed}-{row}", fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def scanned_pdf(seed: int, megabytes: float) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(photo(seed, megabytes))).save(out, "PDF", resolution=150)
    return out.getvalue()


def generate(root: Path, count: int) -> list[Path]:
    pool = [photo(i, 1 + (i % 3)) if i % 2 else scanned_pdf(i, 1 + (i % 3)) for i in range(16)]
    files = []
    for index in range(count):
        case = base_case("carrier_failure")
        case["case_id"] = f"bench-{index:04d}"
        folder = root / f"case-{index:04d}"
        (folder / "evidence").mkdir(parents=True)
        evidence = []
        for number in range(4):
            data = pool[(index * 4 + number) % len(pool)]
            name = f"evidence/{number}.{'pdf' if data.startswith(b'%PDF') else 'jpg'}"
            (folder / name).write_bytes(data)
            kind = ("carrier_statement", "compensation_voucher", "other", "other")[number]
            evidence.append({"file": name, "kind": kind, "covers": dict(case["evidence"][0]["covers"])})
        case["evidence"] = evidence
        (folder / "case.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")
        files.append(folder / "case.yaml")
    return files


def timed(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    # a throw-away ledger: benchmark packs must not land in the user's own
    os.environ["OZON_URGENT_LEDGER"] = os.path.join(
        tempfile.mkdtemp(prefix="ozon-urgent-ledger-"), "l.sqlite3"
    )
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-build-bench-"))
    try:
        generate(root / "cases", args.cases)
        total = sum(p.stat().st_size for p in (root / "cases").rglob("evidence/*"))
        subprocess.run("sync", check=True)
        floor = timed(
            f"cp -r {root}/cases {root}/copy && find {root}/copy -type f -name '*.*' -print0 "
            f"| xargs -0 sha256sum > /dev/null"
        )
        ours = timed(f"{BIN}/ozon-urgent build --quiet --today 2026-11-26 --out {root}/out {root}/cases")
        built = len(list((root / "out").glob("*/*")))  # <out>/<Client ID>/<case_id>
        print(f"cases: {args.cases}, built: {built}, attachments: {4 * args.cases} ({total / 2**20:.0f} MiB)")
        print(f"floor (cp -r + sha256sum): {floor:7.2f} s")
        print(f"ozon-urgent build:         {ours:7.2f} s  ({1000 * ours / args.cases:.1f} ms/case)")
        print(f"ratio build / floor: {ours / floor:.2f}x  (target <= 3x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
