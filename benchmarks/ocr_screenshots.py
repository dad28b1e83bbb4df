"""Benchmark: personal data found by OCR in JPEG screenshots — recall, false positives, time, memory, cache.

Generates `--count` (200) screenshots with tests/screenshots.py (chats, tracking pages and Seller Center
tables, 1080×1920, some downscaled to 720×1280 or rotated 90°, JPEG quality 60–95): the even half with
planted phones, e-mails, card and passport numbers, the odd half with only posting numbers, SKUs, tracking
numbers, dates and amounts. One case folder per screenshot; then:

(0) the personal-data search on the text as drawn, without OCR: the ceiling OCR can reach;
(1) `check --format json --no-cache` over all cases: recall on the planted values and false positives on
    the ID-only half, with the peak PSS of the whole process tree (the CLI, its workers and any OCR
    processes they start), sampled every 50 ms from /proc;
(2) the median time to judge one 1080×1920 screenshot: `inspect_blobs` on its bytes, cache off;
(3) `check` twice with an empty cache: the second run against the first.

A planted value counts as found when its screenshot has a finding with the code of its kind (phone P300,
passport P301, card P302, e-mail P303) whose masked value, when the message shows one, agrees with it
digit for digit (an e-mail: first letter and domain); each finding is used for one planted value only.
Findings without a masked value are matched by code alone and counted apart.

Run: `.venv/bin/python benchmarks/ocr_screenshots.py [--count N] [--seed S] [--repeat R]`. Prints figures
and ratios; asserts nothing. Throw-away cache (XDG_CACHE_HOME) and ledger; this checkout's code.
Targets: recall ≥ 95 %, 0 false positives, median ≤ 250 ms per screenshot, peak PSS ≤ 250 MB, the second
run answered from the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from verdict_cache import isolate  # noqa: E402

from attachments import tree_rss_mb  # noqa: E402
from ozon_urgent.attachments import InspectLimits, inspect_blobs, scan_personal_data  # noqa: E402
from screenshots import CODE_OF_KIND, PD_KINDS, PHONE_SIZE, CaseFile, generate, write_cases  # noqa: E402

OURS = [sys.executable, "-m", "ozon_urgent"]
TODAY = ["--today", "2026-11-26"]
PD_CODES = set(CODE_OF_KIND.values())


# --- scoring ------------------------------------------------------------------------------------------


def masked_value(finding: dict[str, Any]) -> str | None:
    """The masked value a finding shows (params, else the end of its message), or None."""
    params = finding.get("params")
    if isinstance(params, dict) and isinstance(params.get("masked"), str):
        return str(params["masked"])
    tail = str(finding.get("message", "")).rsplit(": ", 1)[-1].strip()
    return tail if "*" in tail else None


def agrees(kind: str, planted: str, masked: str) -> bool:
    """Whether `masked` (e.g. `+7 916 ***-**-67`, `i***@mail.ru`) can be a masking of `planted`."""
    if kind == "email":
        local, _, domain = masked.partition("@")
        want_local, _, want_domain = planted.partition("@")
        return domain.lower() == want_domain.lower() and local[:1].lower() == want_local[:1].lower()
    shown = [char for char in masked if char.isdigit() or char == "*"]
    digits = [char for char in planted if char.isdigit()]
    if not shown or len(shown) > len(digits):
        return False
    # aligned at the end: a search may leave out a country prefix or trunk digit it did not need
    return all(s in ("*", d) for s, d in zip(shown, digits[len(digits) - len(shown) :], strict=True))


class Score:
    def __init__(self) -> None:
        self.planted: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.found_by_code_only: Counter[str] = Counter()
        self.missed: list[tuple[str, str, str]] = []
        self.extra_on_pd_half: list[tuple[str, str, str | None]] = []
        self.false_positives: list[tuple[str, str, str | None]] = []
        self.elsewhere = (
            0  # P3xx findings not located on the screenshot (the case's PDF has no personal data)
        )

    def add(self, item: CaseFile, hits: list[tuple[str, str | None]]) -> None:
        """`hits`: (code, masked value or None) of the P3xx findings on this screenshot."""
        name = item.shot.name
        if not item.shot.planted:
            self.false_positives += [(name, code, masked) for code, masked in hits]
            return
        unused = list(hits)
        for kind, value in item.shot.planted:
            self.planted[kind] += 1
            match = next(
                (
                    hit
                    for hit in unused
                    if hit[0] == CODE_OF_KIND[kind] and (hit[1] is None or agrees(kind, value, hit[1]))
                ),
                None,
            )
            if match is None:
                self.missed.append((name, kind, value))
                continue
            unused.remove(match)
            self.found[kind] += 1
            if match[1] is None:
                self.found_by_code_only[kind] += 1
        self.extra_on_pd_half += [(name, code, masked) for code, masked in unused]

    def print(self, label: str) -> None:
        total, found = sum(self.planted.values()), sum(self.found.values())
        print(f"    recall: {found}/{total} planted values = {percent(found, total)}  (target >= 95 %)")
        for kind in PD_KINDS:
            code_only = self.found_by_code_only[kind]
            note = f", {code_only} by code alone (no masked value shown)" if code_only else ""
            print(f"      {kind:9} {CODE_OF_KIND[kind]}: {self.found[kind]}/{self.planted[kind]}{note}")
        shots = len({name for name, _, _ in self.false_positives})
        print(
            f"    false positives on the ID-only half: {len(self.false_positives)} findings on {shots}"
            f" screenshots  (target 0)"
        )
        for name, code, masked in self.false_positives[:8]:
            print(f"      {name}: {code} {masked or ''}")
        if self.extra_on_pd_half:
            print(
                f"    findings matching no planted value on the personal-data half:"
                f" {len(self.extra_on_pd_half)}"
            )
            for name, code, masked in self.extra_on_pd_half[:5]:
                print(f"      {name}: {code} {masked or ''}")
        if self.elsewhere:
            print(f"    P3xx findings located elsewhere than the screenshot: {self.elsewhere}")
        for name, kind, value in self.missed[:8]:
            print(f"      missed ({label}): {name} {kind} {value!r}")
        if len(self.missed) > 8:
            print(f"      … {len(self.missed) - 8} more missed")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def score_text(cases: list[CaseFile]) -> Score:
    """The search on the text as drawn (no OCR), scored the same way."""
    score = Score()
    for item in cases:
        hits = [(str(hit.code), str(hit.params.get("masked"))) for hit in scan_personal_data(item.shot.text)]
        score.add(item, [hit for hit in hits if hit[0] in PD_CODES])
    return score


def score_report(cases: list[CaseFile], report: dict[str, Any]) -> Score:
    by_id = {f"ocr-{item.shot.name}": item for item in cases}
    hits: dict[str, list[tuple[str, str | None]]] = {key: [] for key in by_id}
    score = Score()
    for case in report["cases"]:
        item = by_id.get(str(case.get("case_id")))
        for finding in case.get("findings", []):
            if finding.get("code") not in PD_CODES:
                continue
            if item is None or finding.get("path") != item.path:
                score.elsewhere += 1
                continue
            hits[str(case["case_id"])].append((str(finding["code"]), masked_value(finding)))
    for key, item in by_id.items():
        score.add(item, hits[key])
    return score


# --- running ------------------------------------------------------------------------------------------


def fresh_cache(root: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


def run_check(command: list[str], out: Path, sample_s: float = 0.05) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak PSS (MB) of the process tree, stderr; stdout goes to `out`."""
    with out.open("wb") as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, tree_rss_mb(process.pid))
            time.sleep(sample_s)
        took = time.perf_counter() - start
        stderr.seek(0)
        return process.returncode, took, peak, stderr.read().decode("utf-8", "replace")


def checked(command: list[str], out: Path, sample_s: float = 0.05) -> tuple[float, float]:
    code, took, peak, stderr = run_check(command, out, sample_s)
    if code not in (0, 1):  # 1: findings; anything else is a run that did not judge the cases
        sys.exit(f"{' '.join(command[-5:])} failed ({code}): {stderr[-800:]}")
    return took, peak


def engine() -> str:
    """The engine `check` will use here: Tesseract in the worker (tesserocr), else the program."""
    from ozon_urgent.attachments import tessdata as ocr

    tessdata = ocr.find_tessdata()
    models = f"models in {tessdata}" if tessdata else "rus+eng models: NOT FOUND"
    if not os.environ.get(ocr.ENGINE_ENV):
        try:
            import tesserocr
        except ImportError:
            pass
        else:
            return f"Tesseract {tesserocr.tesseract_version().split()[1]} in the worker (tesserocr); {models}"
    found = shutil.which(os.environ.get(ocr.ENGINE_ENV) or "tesseract")
    if found is None:
        return "tesseract: not installed"
    done = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    version = (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else "?"
    return f"the program {found} ({version}), a process per picture; {models}"


def judge_time_ms(cases: list[CaseFile], count: int) -> tuple[float, float, int]:
    """Median and max ms to judge one full-size screenshot in memory, cache off, warm workers."""
    limits = InspectLimits()
    full = [item for item in cases if item.shot.size == PHONE_SIZE][:count]
    if not full:
        return float("nan"), float("nan"), 0
    inspect_blobs([(full[0].image.name, full[0].shot.jpeg_bytes)], limits, jobs=1, cache=False)  # warm
    samples = []
    for item in full[1:] or full:
        start = time.perf_counter()
        inspect_blobs([(item.image.name, item.shot.jpeg_bytes)], limits, jobs=1, cache=False)
        samples.append(1000 * (time.perf_counter() - start))
    return statistics.median(samples), max(samples), len(samples)


def main() -> None:
    ledger = isolate()
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timed", type=int, default=30, help="full-size screenshots timed one by one")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ozon-urgent-ocr-bench-"))
    try:
        fresh_cache(root)
        start = time.perf_counter()
        cases = write_cases(generate(args.count, args.seed), root / "cases")
        made = time.perf_counter() - start
        shots = [item.shot for item in cases]
        kinds = Counter(kind for shot in shots for kind, _ in shot.planted)
        sizes = Counter(f"{w}×{h}" for w, h in (shot.size for shot in shots))
        total = sum(len(shot.jpeg_bytes) for shot in shots)
        print(f"OCR engine: {engine()}")
        print(
            f"corpus: {len(shots)} screenshots (seed {args.seed}, {total / 2**20:.1f} MiB,"
            f" drawn in {made:.1f} s),"
            f" {sum(1 for s in shots if s.planted)} with personal data: "
            + ", ".join(f"{kinds[k]} {k}" for k in PD_KINDS)
            + "; sizes "
            + ", ".join(f"{n} {size}" for size, n in sizes.most_common())
        )

        print("(0) the personal-data search on the drawn text, no OCR (the ceiling for OCR):")
        score_text(cases).print("text")

        check = [*OURS, "check", "--format", "json", *TODAY, str(root / "cases")]
        out = root / "report.json"
        took, peak = checked([*check, "--no-cache"], out)
        report = json.loads(out.read_text("utf-8"))
        print(f"(1) check --format json --no-cache over {len(shots)} screenshots: {took:.2f} s")
        print(f"    {1000 * took / len(shots):.0f} ms per screenshot, wall (a second small PDF per case too)")
        score_report(cases, report).print("OCR")
        print(f"    peak PSS of the process tree (sampled every 50 ms): {peak:.0f} MB  (target <= 250 MB)")

        median, worst, timed = judge_time_ms(cases, args.timed)
        print(f"(2) judging one 1080×1920 screenshot (inspect_blobs, cache off, warm worker), {timed} files:")
        print(f"    median {median:.0f} ms, max {worst:.0f} ms  (target: median <= 250 ms)")

        cache = fresh_cache(root)
        first, _ = checked(check, root / "first.json")
        second, _ = checked(check, root / "second.json")
        same = json.loads((root / "first.json").read_text("utf-8")) == json.loads(
            (root / "second.json").read_text("utf-8")
        )
        entries = sum(1 for path in cache.rglob("*") if path.is_file())
        print(f"(3) check with an empty cache, then again: {first:.2f} s, then {second:.2f} s")
        print(
            f"    ratio second / first: {second / first:.2f}x  (target: answered from the cache);"
            f" same report: {'yes' if same else 'NO'}; {entries} files in the cache folder"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(ledger, ignore_errors=True)


if __name__ == "__main__":
    main()
