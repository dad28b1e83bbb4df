"""Faults during `build`, on the real CLI in subprocesses: SIGKILL at random points, two builds of one case
at once, a read-only and a full output folder, a damaged verdict cache and ledger rows, hostile text.

Each leaves no partial pack, the ledger's rows naming exactly the packs, the inputs unchanged, and no
raw control or bidi character in any pack file; a fault is a clear message, never an internal error.
`make test` runs a few of each (~30 s); `make fuzz` runs the long campaign (tests/fuzz_campaign.py).
FUZZ_SEED picks the kill points; a failure names it, so a run can be replayed.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from fuzz_faults import EXAMPLES, Preexec, Run, audit, cli_env, full_disk, kill_after, run, snapshot, start
from fuzz_faults import without_dac_override as read_only_for_root

SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
KILLS = int(os.environ.get("FUZZ_FAULT_KILLS", "5"))
PAIRS = int(os.environ.get("FUZZ_FAULT_PAIRS", "2"))
TIMEOUT = 120.0  # seconds for one run: past it, a hang
EXAMPLE = EXAMPLES / "polar-fox-carrier-one-posting-2026-11"  # the smallest: two one-page PDFs
EXAMPLE_ID = EXAMPLE.name
HOSTILE_SCENARIO = '"x\\e]0;pwned\\a\\x9B31m\\u202Eevil"'  # ESC, BEL, CSI (C1) and RLO, in YAML escapes


def _case(root: Path, name: str, scenario: str | None = None) -> Path:
    """A copy of the example as `root/name`, its case_id `name` (and `scenario` in place of its own)."""
    folder = root / name
    shutil.copytree(EXAMPLE, folder)
    path = folder / "case.yaml"
    text = path.read_text("utf-8").replace(f"case_id: {EXAMPLE_ID}", f"case_id: {name}")
    if scenario is not None:
        text = text.replace("scenario: carrier_failure", f"scenario: {scenario}")
    path.write_text(text, "utf-8")
    return path


class World:
    """A campaign's folders: cases, `--out`, the ledger, and the environment of every run."""

    def __init__(self, root: Path) -> None:
        self.root, self.cases, self.out = root, root / "cases", root / "out"
        self.ledger = root / "ledger.sqlite3"
        self.env = cli_env(root)
        self.cases.mkdir()

    def build(self, *args: str | Path, preexec: Preexec | None = None) -> Run:
        return run(
            ["build", "--format", "json", "--out", self.out, "--ledger", self.ledger, *args],
            self.env,
            TIMEOUT,
            preexec,
        )

    def run(self, *args: str | Path) -> Run:
        return run([*args, "--ledger", self.ledger], self.env, TIMEOUT)

    def assert_sound(self, what: str, before: dict[Path, str]) -> None:
        found = audit(self.out, self.ledger)
        assert not found.problems(), f"seed {SEED}, {what}: " + "\n".join(found.problems())
        assert snapshot(self.cases) == before, f"seed {SEED}, {what}: an input changed"


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _clear(result: Run, what: str) -> None:
    """A fault's run: over, not hung, and not an internal error."""
    assert not result.hung, f"seed {SEED}, {what}: hung past {TIMEOUT} s"
    assert not result.internal, f"seed {SEED}, {what}: internal error\n{result.stderr[-3000:]}"


def test_sigkill_at_random_points_leaves_a_whole_pack_or_none(world: World) -> None:
    rng = random.Random(SEED)
    cases = [_case(world.cases, f"kill-{n}") for n in range(2)]
    before = snapshot(world.cases)
    first = world.build(*cases)
    assert first.code == 0, f"{first.stdout[-2000:]}{first.stderr[-2000:]}"
    started = time.monotonic()  # a build as the killed ones run: the evidence's verdicts cached
    assert world.build("--force", *cases).code == 0
    took = time.monotonic() - started
    kills, tries = 0, 0
    while kills < KILLS and tries < 4 * KILLS:
        tries += 1
        force: list[str | Path] = (
            ["--force"] if rng.random() < 0.7 else []
        )  # --force: a pack replaced while killed
        delay = rng.uniform(0.05, 1.1) * took
        args: list[str | Path] = ["build", "--out", world.out, "--ledger", world.ledger, *force, *cases]
        killed = kill_after(start(args, world.env), delay)
        kills += killed
        world.assert_sound(f"try {tries}, killed after {delay:.3f} s ({force})", before)
    assert kills >= KILLS // 2, f"seed {SEED}: only {kills} of {tries} builds were still running"
    # The next build cleans what the killed ones left and builds as ever.
    again = world.build("--force", *cases)
    _clear(again, "the build after the kills")
    assert again.code == 0, again.stderr[-2000:]
    world.assert_sound("the build after the kills", before)
    assert not [p for p in world.out.rglob(".ozon-urgent-*")], "a killed run's staging was left behind"


def test_two_builds_of_one_case_at_once_write_one_pack(world: World) -> None:
    case = _case(world.cases, "race")
    before = snapshot(world.cases)
    for pair in range(PAIRS):
        shutil.rmtree(world.out, ignore_errors=True)
        world.ledger.unlink(missing_ok=True)
        args: list[str | Path] = [
            "build",
            "--format",
            "json",
            "--out",
            world.out,
            "--ledger",
            world.ledger,
            case,
        ]
        processes = [start(args, world.env) for _ in range(2)]
        outputs = [p.communicate(timeout=TIMEOUT) for p in processes]
        results = [
            Run(p.returncode, o.decode(), e.decode()) for p, (o, e) in zip(processes, outputs, strict=True)
        ]
        for result in results:
            _clear(result, f"race {pair}")
        built = [r for r in results if '"build": "built"' in r.stdout]
        assert len(built) == 1, f"seed {SEED}, race {pair}: {len(built)} of 2 builds wrote the pack"
        [loser] = [r for r in results if r is not built[0]]
        # The loser is refused (B002) or, when it reads the ledger after the winner finished, finds the
        # pack up to date (B010, exit 0): either way it wrote nothing, which is what is asserted above.
        refused = loser.code == 1 and "B002" in loser.stdout
        up_to_date = loser.code == 0 and "B010" in loser.stdout
        assert refused or up_to_date, f"race {pair}: {loser.stdout[-1500:]}"
        world.assert_sound(f"race {pair}", before)
        assert audit(world.out, world.ledger).packs == 1


def test_read_only_output_is_a_clear_refusal(world: World) -> None:
    case = _case(world.cases, "read-only")
    before = snapshot(world.cases)
    world.out.mkdir()
    world.out.chmod(0o555)
    try:
        result = world.build(case, preexec=read_only_for_root)
    finally:
        world.out.chmod(0o755)
    _clear(result, "read-only --out")
    assert result.code not in (0, None) and "B003" in result.stdout, (
        result.stdout[-2000:] + result.stderr[-2000:]
    )
    assert str(world.out) in result.stdout  # the message names the folder it could not write
    world.assert_sound("read-only --out", before)
    assert audit(world.out, world.ledger).packs == 0


def test_full_disk_is_a_clear_refusal(world: World) -> None:
    case = _case(world.cases, "full-disk")
    before = snapshot(world.cases)
    world.run("status")  # the ledger made beforehand: with RLIMIT_FSIZE its own writes may fail too
    with full_disk(world.out) as (how, preexec):
        print(f"full disk: {how}")
        result = world.build(case, preexec=preexec)
        _clear(result, f"full disk ({how})")
        assert result.code not in (0, None), f"{how}: {result.stdout[-2000:]}"
        said = result.stdout + result.stderr
        assert "B003" in said or "ledger" in said, f"{how}: no clear message\n{said[-3000:]}"
        world.assert_sound(f"full disk ({how})", before)
        assert audit(world.out, world.ledger).packs == 0


def test_a_damaged_verdict_cache_is_judged_afresh(world: World) -> None:
    case = _case(world.cases, "cache")
    before = snapshot(world.cases)
    assert world.build(case).code == 0
    [cache] = (world.root / "cache").rglob("verdicts.sqlite3")
    data = cache.read_bytes()
    damaged = {
        "garbage": random.Random(SEED).randbytes(len(data)),
        "truncated": data[: len(data) // 3],
        "zeroed header": bytes(100) + data[100:],
    }
    for damage, replaced in damaged.items():
        cache.write_bytes(replaced)
        result = world.build("--force", case)
        _clear(result, f"cache {damage}")
        assert result.code == 0, result.stdout[-2000:] + result.stderr[-2000:]
        world.assert_sound(f"cache {damage}", before)


# A row as a damaged file or a hand edit leaves it: each is a clear message, never an internal error.
DAMAGED_ROWS = (("built_at", "not a time"), ("built_at", 12345), ("scenario", "\x1b[2J"))


def test_damaged_ledger_rows_are_a_clear_message(world: World) -> None:
    case = _case(world.cases, "ledger")
    before = snapshot(world.cases)
    assert world.build(case).code == 0
    pristine = world.ledger.read_bytes()
    failures = []
    for column, value in DAMAGED_ROWS:
        world.ledger.write_bytes(pristine)
        with contextlib.closing(sqlite3.connect(world.ledger)) as conn, conn:
            conn.execute(f"UPDATE tickets SET {column} = ?", (value,))
        for args in (
            ["status"],
            ["record", case, "--ref", "12345678"],
            ["build", "--force", "--out", world.out, case],
        ):
            result = world.run(*args)
            if result.hung or result.internal:
                failures.append(f"{column} = {value!r}, {args[0]}: {result.stderr.strip()[-300:]}")
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures)
    assert snapshot(world.cases) == before


def test_hostile_text_of_another_case_never_reaches_a_pack_raw(world: World) -> None:
    good = _case(world.cases, "good")
    twin = _case(world.cases, "twin", HOSTILE_SCENARIO)  # the same posting under a hostile scenario: B005
    before = snapshot(world.cases)
    result = world.build(good, twin)
    _clear(result, "a hostile twin")
    assert '"build": "built"' in result.stdout, result.stdout[-2000:]
    world.assert_sound("a hostile twin", before)
