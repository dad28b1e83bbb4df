"""Benchmark: what the index of what each file shows (attachments/shown.py) adds to `check`.

Run: `.venv/bin/python benchmarks/shown_index.py [--rev main] [--cases N] [--repeat N]`. Prints figures;
asserts nothing. The same `check` is timed with this tree and with `--rev` (a revision without the index,
exported with `git archive` into a temporary folder and run by this interpreter), each with a cache
folder of its own:

- cold (`--no-cache`) and warm (the second run with the cache on) over the ten examples and over
  check_many.py's generated corpus;
- a case listing 1,050 postings against a 40-page PDF that lists them (cold), and in this process the
  index of that PDF's text and the 1,050 `shows` calls that match the case's IDs against it.

Targets (issue 26): ≤ 10 % more on a cold `check`, nothing on a warm one; the 1,050-posting case < 2 s
more than today.
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
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from check_many import generate  # noqa: E402

from factories import base_case, make_text_pdf  # noqa: E402

PAGES = 40  # 1,050 rows: 26 or 27 a page


def export(rev: str, into: Path) -> Path:
    """`rev`'s tree in `into`; its src folder, for PYTHONPATH."""
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run_check(src: Path, cache: Path, targets: list[Path], *, cold: bool) -> float:
    """Wall seconds of one `check` over `targets` run with the package in `src`."""
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "XDG_CACHE_HOME": str(cache),
        "OZON_URGENT_NOW": "2026-11-26",
    }
    command = [sys.executable, "-m", "ozon_urgent", "check", "--format", "json", *map(str, targets)]
    if cold:
        command.insert(4, "--no-cache")
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def interleaved(
    trees: dict[str, Path], caches: dict[str, Path], targets: list[Path], cold: bool, repeat: int
) -> dict[str, float]:
    """Median seconds per tree, the trees' runs taken in turn so that the machine's drift (two cores
    shared with other work) falls on both alike."""
    samples: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(repeat):
        for name, src in trees.items():
            samples[name].append(run_check(src, caches[name], targets, cold=cold))
    return {name: statistics.median(values) for name, values in samples.items()}


def postings(count: int) -> list[str]:
    return [f"{47905269 + n // 9:08d}-{899 + n % 97:04d}-{1 + n % 9}" for n in range(count)]


def long_list(root: Path, count: int = 1050) -> tuple[Path, bytes, list[str]]:
    """A carrier_failure case listing `count` postings, with a 40-page PDF act that lists them all."""
    ids = postings(count)
    rows = [f"{n + 1:4d}   {posting}   20.11.2026 14:{n % 60:02d}   1 pc" for n, posting in enumerate(ids)]
    cuts = [round(page * len(rows) / PAGES) for page in range(PAGES + 1)]
    pages = [rows[cuts[page] : cuts[page + 1]] for page in range(PAGES)]
    pdf = make_text_pdf(pages)
    case = base_case("carrier_failure")
    case["case_id"] = "bench-1050"
    case["affected"] = {"postings": ids}
    folder = root / "long-list"
    (folder / "evidence").mkdir(parents=True)
    for item in case["evidence"]:
        (folder / item["file"]).write_bytes(pdf)
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, pdf, ids


def in_process(pdf: bytes, ids: list[str]) -> None:
    """The index of the PDF's text and the case's IDs matched against it, in this process."""
    import pypdf

    from ozon_urgent.attachments.shown import Indexer, shows

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    start = time.perf_counter()
    texts = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    extracted = time.perf_counter() - start
    start = time.perf_counter()
    indexer = Indexer()
    for text in texts:
        indexer.add(text)
    shown = indexer.shown()
    indexed = time.perf_counter() - start
    assert shown is not None
    start = time.perf_counter()
    found = sum(shows(shown, value) for value in ids)
    matched = time.perf_counter() - start
    print(
        f"  in process: {len(reader.pages)} pages' text read {extracted:.3f} s (already paid), "
        f"indexed {indexed * 1000:.1f} ms, {len(ids)} IDs matched {matched * 1000:.1f} ms ({found} shown)"
    )


def compare(label: str, ours: float, theirs: float) -> None:
    print(
        f"  {label}: {ours:.2f} s with the index, {theirs:.2f} s without: {100 * (ours / theirs - 1):+.1f} %"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rev", default="main", help="the revision without the index (default: main)")
    parser.add_argument("--cases", type=int, default=1000, help="check_many.py's corpus size")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shown-bench-") as tmp:
        root = Path(tmp)
        trees = {"ours": ROOT / "src", "theirs": export(args.rev, root / "rev")}
        corpus = root / "corpus"
        generate(corpus, args.cases)
        long_case, pdf, ids = long_list(root)
        targets = {
            "examples": [ROOT / "examples" / "cases"],
            f"check_many corpus ({args.cases} cases)": [corpus],
            "1,050 postings against a 40-page PDF": [long_case],
        }
        for number, (label, paths) in enumerate(targets.items()):
            print(label)
            caches = {name: root / f"cache-{name}-{number}" for name in trees}
            cold = interleaved(trees, caches, paths, True, args.repeat)
            compare("cold", cold["ours"], cold["theirs"])
            interleaved(trees, caches, paths, False, 1)  # fills each tree's cache
            warm = interleaved(trees, caches, paths, False, args.repeat)
            compare("warm", warm["ours"], warm["theirs"])
        in_process(pdf, ids)


if __name__ == "__main__":
    main()
