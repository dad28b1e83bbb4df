"""`make fuzz`: the long fault and fuzz campaign on the real CLI, ending in one table.

Case mutants through `check` and `build`; hostile evidence files through `build`; SIGKILLs at random
points of builds; pairs of concurrent builds of one case. Every `--out` is audited (tests/fuzz_faults.py):
no partial pack, packs = ledger rows, no raw control or bidi character in a pack file, inputs unchanged.
Knobs (environment): FUZZ_SEED, FUZZ_MUTANTS, FUZZ_EVIDENCE, FUZZ_KILLS, FUZZ_PAIRS, FUZZ_TIMEOUT (seconds
one run may take before it counts as hung), FUZZ_CORPUS (a folder of public sample files, where available).
Exit 1 when any figure that must be 0 is not; the first failures are printed with the seed to replay.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from fuzz_cases import mutants, write_mutant
from fuzz_evidence import hostile_files
from fuzz_faults import EXAMPLES, Audit, Run, audit, cli_env, kill_after, run, snapshot, start

SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
MUTANTS = int(os.environ.get("FUZZ_MUTANTS", "4000"))
EVIDENCE = int(os.environ.get("FUZZ_EVIDENCE", "800"))
KILLS = int(os.environ.get("FUZZ_KILLS", "150"))
PAIRS = int(os.environ.get("FUZZ_PAIRS", "20"))
TIMEOUT = float(os.environ.get("FUZZ_TIMEOUT", "900"))
CORPUS = os.environ.get("FUZZ_CORPUS", "")
CHUNK, EVIDENCE_CHUNK = 250, 50  # cases per run
SMALL = EXAMPLES / "polar-fox-carrier-one-posting-2026-11"


@dataclass
class Tally:
    mutants: int = 0
    evidence: int = 0
    kills: int = 0
    internal: int = 0
    hangs: int = 0
    partial: set[str] = field(default_factory=set)
    packs: int = 0
    rows: int = 0
    unmatched: int = 0
    inputs_changed: int = 0
    raw: int = 0
    races: int = 0
    races_one_pack: int = 0
    failures: list[str] = field(default_factory=list)

    def ran(self, result: Run, what: str) -> None:
        internal = result.stdout.count('"code": "B008"') + ("Traceback" in result.stderr)
        internal += "internal error" in result.stderr
        self.internal += internal
        self.hangs += result.hung
        if internal or result.hung:
            self.failures.append(
                f"{what}: {'hung' if result.hung else 'internal error'} {result.stderr[-300:]}"
            )

    def audited(self, found: Audit, what: str, final: bool = True) -> None:
        self.partial.update(found.partial)
        self.unmatched += len(found.unmatched)
        self.raw += len(found.raw)
        if final:
            self.packs, self.rows = self.packs + found.packs, self.rows + found.rows
        self.failures += [f"{what}: {problem}" for problem in found.problems()]

    def unchanged(self, before: dict[Path, str], roots: list[Path], what: str) -> None:
        changed = [p for p, digest in snapshot(*roots).items() if before.get(p) != digest]
        changed += [p for p in before if not p.exists()]
        self.inputs_changed += len(changed)
        self.failures += [f"{what}: input changed: {p}" for p in changed]


def _copy_case(source: Path, folder: Path, case_id: str) -> Path:
    shutil.copytree(source, folder)
    path = folder / "case.yaml"
    path.write_text(
        path.read_text("utf-8").replace(f"case_id: {source.name}", f"case_id: {case_id}"), "utf-8"
    )
    return path


def case_mutants(root: Path, tally: Tally) -> None:
    """Mutants through `check` and `build`, a run per CHUNK; every other run with --force."""
    folder, out, ledger, env = root / "mutants", root / "mutants-out", root / "mutants.sqlite3", cli_env(root)
    batch: list[Path] = []
    for mutant in mutants(SEED, MUTANTS):
        batch.append(write_mutant(folder, mutant))
        if len(batch) == CHUNK or mutant.number == MUTANTS - 1:
            what = f"seed {SEED} mutants {mutant.number - len(batch) + 1}-{mutant.number}"
            roots = [p.parent for p in batch] + [EXAMPLES]
            before = snapshot(*roots)
            tally.ran(
                run(["check", "--no-content", "--format", "json", *batch], env, TIMEOUT), f"{what} check"
            )
            force: list[str | Path] = ["--force"] if (mutant.number // CHUNK) % 2 else []
            args: list[str | Path] = [
                "build",
                "--format",
                "json",
                "--out",
                out,
                "--ledger",
                ledger,
                *force,
                *batch,
            ]
            tally.ran(run(args, env, TIMEOUT), f"{what} build")
            tally.unchanged(before, roots, what)
            tally.mutants += len(batch)
            batch = []
    tally.audited(audit(out, ledger), "mutants")


def hostile_evidence(root: Path, tally: Tally) -> None:
    """Two hostile files in each copy of the smallest example, built EVIDENCE_CHUNK cases a run."""
    folder, out, ledger, env = (
        root / "evidence",
        root / "evidence-out",
        root / "evidence.sqlite3",
        cli_env(root),
    )
    corpus = Path(CORPUS) if CORPUS and Path(CORPUS).is_dir() else None
    if corpus is None:
        print(
            "public corpora: not fetched (the campaign never downloads); set FUZZ_CORPUS=DIR where available"
        )
    files = list(hostile_files(SEED, EVIDENCE, corpus))
    cases: list[tuple[Path, str]] = []
    for number in range(0, len(files), 2):
        pair = files[number : number + 2]
        path = _copy_case(SMALL, folder / f"e{number:05d}", f"hostile-{number:05d}")
        text = path.read_text("utf-8")
        for old, item, letter in zip(
            ("carrier-statement.pdf", "compensation-voucher.pdf"), pair, "ab", strict=False
        ):
            name = f"{letter}.{item.suffix}" if item.suffix else letter
            (path.parent / "evidence" / old).unlink()
            (path.parent / "evidence" / name).write_bytes(item.data)
            text = text.replace(f"evidence/{old}", f"evidence/{name}")
        path.write_text(text, "utf-8")
        cases.append((path, " + ".join(item.label for item in pair)))
        tally.evidence += len(pair)
    for start_at in range(0, len(cases), EVIDENCE_CHUNK):
        chunk = cases[start_at : start_at + EVIDENCE_CHUNK]
        roots = [path.parent for path, _ in chunk]
        before = snapshot(*roots)
        args: list[str | Path] = [
            "build",
            "--force",
            "--format",
            "json",
            "--out",
            out,
            "--ledger",
            ledger,
            *(p for p, _ in chunk),
        ]
        labels = "; ".join(f"{p.parent.name}: {label}" for p, label in chunk)
        tally.ran(run(args, env, TIMEOUT), f"seed {SEED} evidence cases {start_at}+ ({labels[:400]})")
        tally.unchanged(before, roots, f"evidence cases {start_at}+")
    tally.audited(audit(out, ledger), "evidence")


def kills(root: Path, tally: Tally) -> None:
    """Builds of three cases SIGKILLed after a random part of a warm build's time, audited after each."""
    rng, env = random.Random(SEED), cli_env(root)
    out, ledger = root / "kills-out", root / "kills.sqlite3"
    sources = [SMALL, *sorted(p for p in EXAMPLES.iterdir() if p != SMALL)[:2]]
    cases = [_copy_case(s, root / "kills" / s.name, s.name) for s in sources]
    before = snapshot(root / "kills")
    base: list[str | Path] = ["build", "--format", "json", "--out", out, "--ledger", ledger]
    tally.ran(run([*base, *cases], env, TIMEOUT), "kills: first build")
    started = time.monotonic()
    tally.ran(run([*base, "--force", *cases], env, TIMEOUT), "kills: warm build")
    took = time.monotonic() - started
    tries = 0
    while tally.kills < KILLS and tries < 4 * KILLS:
        tries += 1
        force: list[str | Path] = ["--force"] if rng.random() < 0.7 else []
        delay = rng.uniform(0.02, 1.05) * took
        tally.kills += kill_after(start([*base, *force, *cases], env), delay)
        tally.audited(audit(out, ledger), f"seed {SEED} kill try {tries} after {delay:.3f} s", final=False)
    again = run([*base, "--force", *cases], env, TIMEOUT)
    tally.ran(again, "kills: the build after them")
    if again.code != 0:
        tally.failures.append(f"kills: the build after them exited {again.code}: {again.stderr[-300:]}")
    tally.audited(audit(out, ledger), "kills: at the end")
    tally.unchanged(before, [root / "kills"], "kills")


def races(root: Path, tally: Tally) -> None:
    """PAIRS times: two builds of one case at once, no --force: exactly one pack, one row."""
    env = cli_env(root)
    case = _copy_case(SMALL, root / "race" / "case", "race")
    before = snapshot(root / "race")
    for pair in range(PAIRS):
        out, ledger = root / f"race-out-{pair}", root / f"race-{pair}.sqlite3"
        args: list[str | Path] = ["build", "--format", "json", "--out", out, "--ledger", ledger, case]
        processes = [start(args, env) for _ in range(2)]
        built = 0
        for process in processes:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
            result = Run(process.returncode, stdout.decode(), stderr.decode())
            tally.ran(result, f"race {pair}")
            built += '"build": "built"' in result.stdout
        found = audit(out, ledger)
        tally.audited(found, f"race {pair}")
        tally.races += 1
        tally.races_one_pack += built == 1 and found.packs == 1
        if built != 1:
            tally.failures.append(f"race {pair}: {built} of 2 builds wrote the pack")
    tally.unchanged(before, [root / "race"], "races")


def table(tally: Tally, seconds: float) -> str:
    rows = [
        ("case mutants (check + build)", tally.mutants),
        ("hostile evidence files", tally.evidence),
        ("SIGKILLs during builds", tally.kills),
        ("internal errors", tally.internal),
        ("hangs", tally.hangs),
        ("partial packs", len(tally.partial)),
        ("packs vs ledger rows", f"{tally.packs} packs, {tally.rows} rows, {tally.unmatched} unmatched"),
        ("inputs changed", tally.inputs_changed),
        ("raw control/bidi characters in pack files", tally.raw),
        ("concurrent build pairs with exactly one pack", f"{tally.races_one_pack} of {tally.races}"),
    ]
    lines = [f"fuzz campaign, seed {SEED}, {seconds / 60:.1f} min", "| figure | value |", "|---|---|"]
    return "\n".join([*lines, *(f"| {name} | {value} |" for name, value in rows)])


def main() -> int:
    tally, started = Tally(), time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ozon-urgent-fuzz-") as folder:
        root = Path(folder)
        for phase in (case_mutants, hostile_evidence, kills, races):
            began = time.monotonic()
            phase(root, tally)
            print(f"{phase.__name__}: {time.monotonic() - began:.0f} s", flush=True)
    print(table(tally, time.monotonic() - started))
    for failure in tally.failures[:30]:
        print(f"  {failure}")
    bad = (
        tally.internal + tally.hangs + len(tally.partial) + tally.unmatched + tally.inputs_changed + tally.raw
    )
    return 1 if bad or tally.races_one_pack != tally.races else 0


if __name__ == "__main__":
    raise SystemExit(main())
