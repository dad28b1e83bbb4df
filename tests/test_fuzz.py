"""Thousands of mutated cases: no internal error, exit 0 or 1, a parseable envelope, inputs untouched.

`make test` runs a small budget; `make fuzz` a large one (FUZZ_MUTANTS, FUZZ_SECONDS, FUZZ_SEED,
FUZZ_CONTENT=1 to judge the evidence too). A failure names the seed and mutant to replay.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from factories import TODAY
from fuzz_cases import mutants, write_mutant
from kit.cli import RunCli
from ozon_urgent.checking.engine import CheckOptions
from ozon_urgent.findings import Code, Outcome, words
from ozon_urgent.pipeline.batch import BatchOptions, check_files
from ozon_urgent.reporters.json_report import render_json

MUTANTS = int(os.environ.get("FUZZ_MUTANTS", "2000"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
CONTENT = os.environ.get("FUZZ_CONTENT") == "1"
CHUNK = 250  # mutants checked per run, as a batch of that many files would be


def test_mutated_cases_are_judged_never_crash(run_cli: RunCli, tmp_path: Path) -> None:
    started = time.monotonic()
    written: dict[Path, tuple[int, tuple[str, ...]]] = {}
    failures: list[str] = []
    batch = BatchOptions(content=CONTENT)
    options = CheckOptions(today=TODAY)
    pending: list[Path] = []
    for mutant in mutants(SEED, MUTANTS):
        path = write_mutant(tmp_path, mutant)
        written[path] = (mutant.number, mutant.mutations)
        pending.append(path)
        if len(pending) == CHUNK or mutant.number == MUTANTS - 1:
            failures += _judge(pending, written, batch, options)
            pending = []
        if time.monotonic() - started > SECONDS:
            break
    if pending:
        failures += _judge(pending, written, batch, options)
    elapsed = time.monotonic() - started
    print(f"\nfuzz: {len(written)} mutants, seed {SEED}, {elapsed:.1f} s, {len(failures)} failures")
    assert not failures, "\n".join(failures[:20])
    assert len(written) >= min(MUTANTS, 200)  # the budget was spent on mutants, not on set-up
    # The same files through the real command line, in one run: one envelope, every case in it.
    before = {path: path.read_bytes() for path in written}
    result = run_cli("check", "--no-content", "--format", "json", tmp_path)
    assert result.exit_code in (0, 1), result.stderr[-2000:]
    assert json.loads(result.stdout)["summary"]["cases"] == len(written)
    assert {path: path.read_bytes() for path in written} == before


def _judge(
    paths: list[Path],
    written: dict[Path, tuple[int, tuple[str, ...]]],
    batch: BatchOptions,
    options: CheckOptions,
) -> list[str]:
    before = {path: path.read_bytes() for path in paths}
    result = check_files(paths, None, options, batch)
    json.loads(render_json(result, "en"))
    failures = []
    for case in result.cases:
        number, mutations = written[Path(case.file)]
        internal = [f for f in case.findings if f.code == Code.INTERNAL_ERROR]
        # A mutant is valid YAML written by the fuzzer: it must never read as an unreadable file (Y001–Y005).
        unreadable = [f for f in case.findings if f.code.startswith("Y")]
        if internal or unreadable or case.outcome() is Outcome.TOOL_FAILED:
            what = words(internal[0], "en").message if internal else [f.code for f in case.findings]
            failures.append(f"seed {SEED} mutant {number} ({'; '.join(mutations)}): {what}")
    changed = [str(path) for path in paths if path.read_bytes() != before[path]]
    return failures + [f"input changed: {path}" for path in changed]
